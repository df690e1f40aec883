/*
 * Copyright 2026 The dra4j Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.dra4j.conformance.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the {@code e2e/build-*.sh} scripts, which build Go binaries on first use and print
 * their cache location as the last line on stdout.
 */
public final class BuildScripts {
  private static final Duration BUILD_LIMIT = Duration.ofMinutes(60);

  private BuildScripts() {}

  /**
   * Runs {@code script} with {@code args}, its progress going to {@code log}, and returns the last
   * line it printed on stdout.
   *
   * @param what what is built, for messages (e.g. "Kubernetes 1.35", "helm")
   * @throws BinariesUnavailableException with the reason when there is no Go toolchain, the script
   *     is missing, or the build fails
   */
  public static String run(Path script, List<String> args, Path log, String what) {
    if (!Files.isRegularFile(script)) {
      throw new BinariesUnavailableException(
          "the build script "
              + script
              + " does not exist; run the tests from the dra4j repository checkout");
    }
    if (!goOnPath()) {
      throw new BinariesUnavailableException(
          "the Go toolchain ('go') is not on PATH, so "
              + what
              + " cannot be built; install Go 1.25+ to run the real-cluster tests");
    }
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(args);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectError(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(BUILD_LIMIT.toMinutes(), TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new BinariesUnavailableException(
            "building " + what + " took longer than " + BUILD_LIMIT + "; see " + log);
      }
      if (process.exitValue() != 0) {
        throw new BinariesUnavailableException(
            script.getFileName()
                + " "
                + String.join(" ", args)
                + " failed with exit code "
                + process.exitValue()
                + ": "
                + Logs.tail(log, 15));
      }
      String[] lines = new String(out, StandardCharsets.UTF_8).strip().split("\n");
      return lines[lines.length - 1].strip();
    } catch (IOException e) {
      throw new BinariesUnavailableException(
          "could not run " + script + " for " + what + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BinariesUnavailableException("interrupted while building " + what);
    }
  }

  private static boolean goOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "go"))) {
        return true;
      }
    }
    return false;
  }
}
