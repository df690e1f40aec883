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
package io.dra4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code e2e/prebuild.sh}, run as the build runs it, with the build scripts beside it replaced by
 * ones that record their calls: it builds only for a build that runs the integration tests, in the
 * order the tests need the binaries, and stops itself and its build when the build ends.
 */
class PrebuildScriptIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Path calls;
  private Path log;

  @BeforeEach
  void scripts() throws IOException {
    Assumptions.assumeTrue(
        onPath("setsid"),
        () ->
            Clusters.banner(
                "PREBUILD SCRIPT TESTS SKIPPED: 'setsid' is not on PATH (the script then starts"
                    + " nothing)"));
    calls = dir.resolve("calls");
    log = dir.resolve("target/e2e-prebuild.log");
    Files.copy(Clusters.repoRoot().resolve("e2e/prebuild.sh"), dir.resolve("prebuild.sh"));
    // The script checks for a Go toolchain first; the stand-ins need none.
    Files.createDirectories(dir.resolve("bin"));
    script("bin/go", "exit 0");
    for (String name : List.of("build-binaries.sh", "build-helm.sh", "build-node.sh")) {
      // Records the call; version 1.99 builds for a minute.
      script(
          name,
          "echo \"" + name + " $*\" >>" + calls,
          "if [[ ${1:-} == 1.99 ]]; then sleep 60; echo finished >>" + calls + "; fi",
          "echo /cache");
    }
  }

  @Test
  void aVerifyBuildsEachVersionThenHelmAfterTheFirstAndEachNodeAfterItsControlPlane()
      throws Exception {
    run(false, "1.34,1.35", "1.35", "[clean, verify]", "false", "false", "false");

    await().atMost(WAIT).until(() -> read(log).contains("prebuild: done"));
    List<String> expected = new ArrayList<>();
    expected.add("build-binaries.sh 1.34");
    expected.add("build-helm.sh ");
    expected.add("build-binaries.sh 1.35");
    if (nodeTestsCanRun()) {
      expected.add("build-node.sh 1.35");
    }
    assertThat(lines(calls)).containsExactlyElementsOf(expected);
  }

  @Test
  void buildsThatRunNoIntegrationTestsStartNothing() throws Exception {
    run(false, "1.34", "", "[test]", "false", "false", "false");
    run(false, "1.34", "", "[verify]", "true", "false", "false");
    run(false, "1.34", "", "[install]", "false", "true", "false");
    run(false, "1.34", "", "[deploy]", "false", "false", "true");
    run(
        false,
        "1.34",
        "",
        "[org.codehaus.mojo:exec-maven-plugin:3.6.1:exec]",
        "false",
        "false",
        "false");

    assertThat(calls).doesNotExist();
    assertThat(log).doesNotExist();
  }

  @Test
  void theBackgroundBuildStopsWhenTheBuildThatStartedItEnds() throws Exception {
    run(true, "1.99", "", "[verify]", "false", "false", "false");

    await().atMost(WAIT).until(() -> read(log).contains("the build that started this ended"));
    await().atMost(WAIT).until(() -> processesNaming(dir.toString()).isEmpty());
    assertThat(lines(calls)).containsExactly("build-binaries.sh 1.99");
  }

  /**
   * Runs the script as the root pom does. Its parent stands for the Maven JVM: this test's JVM, or
   * with {@code ownerEnds} a shell that ends once the first build has started.
   */
  private void run(boolean ownerEnds, String... args) throws Exception {
    List<String> script = new ArrayList<>(List.of(dir.resolve("prebuild.sh").toString()));
    script.addAll(List.of(args[0], args[1], log.toString(), args[2], args[3], args[4], args[5]));
    List<String> command = new ArrayList<>();
    if (ownerEnds) {
      // The owner ends once the first build has started.
      command.addAll(
          List.of(
              "bash",
              "-c",
              "bash \"$@\"; until [[ -s " + calls + " ]]; do sleep 0.1; done",
              "owner"));
    } else {
      command.add("bash");
    }
    command.addAll(script);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .merge("PATH", dir.resolve("bin").toString(), (path, bin) -> bin + ":" + path);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("returns at once").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private void script(String name, String... lines) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The same check as the script's: root and a writable cgroup v1 cpu controller. */
  private static boolean nodeTestsCanRun() throws IOException {
    Path procs = Path.of("/sys/fs/cgroup/cpu/cgroup.procs");
    return "0"
            .equals(
                new String(
                        new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8)
                    .strip())
        && Files.isWritable(procs);
  }

  private static boolean onPath(String tool) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
  }

  private static List<String> processesNaming(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(marker))
        .map(p -> p.info().commandLine().orElse(""))
        .toList();
  }

  private static String read(Path f) throws IOException {
    return Files.exists(f) ? Files.readString(f) : "";
  }

  private static List<String> lines(Path f) throws IOException {
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }
}
