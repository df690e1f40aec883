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

import io.dra4j.api.HostPaths;
import io.dra4j.conformance.cluster.Logs;
import io.dra4j.conformance.node.RealNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A DRA driver run as its own JVM, as docs/operations.md describes: {@code java -cp ...
 * io.dra4j.runtime.Main --provider <class>} with the node's registrar, plugins and CDI directories
 * and a fixture's host trees. Its log is kept beside the node's.
 */
final class DriverProcess implements AutoCloseable {
  private final List<String> command;
  private final Path log;
  private Process process;

  private DriverProcess(List<String> command, Path log) {
    this.command = command;
    this.log = log;
  }

  static DriverProcess start(
      RealNode node, Path kubeconfig, HostPaths hostPaths, String name, String provider) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.dra4j.runtime.Main",
                "--provider",
                provider,
                "--node-name",
                node.name(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--registrar-dir",
                node.registrarDir().toString(),
                "--plugins-dir",
                node.pluginsDir().toString(),
                "--cdi-dir",
                node.cdiDir().toString(),
                "--sys-root",
                hostPaths.sys().toString(),
                "--dev-root",
                hostPaths.dev().toString(),
                "--proc-root",
                hostPaths.proc().toString()));
    DriverProcess driver = new DriverProcess(command, node.logDir().resolve(name + ".log"));
    driver.spawn();
    return driver;
  }

  private void spawn() {
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
  }

  /** kill -9, as a crash ends it. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts the same command again. */
  void restart() {
    spawn();
  }

  String tail() {
    return Logs.tail(log, 30);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
