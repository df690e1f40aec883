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
import io.dra4j.conformance.cluster.HealthProbe;
import io.dra4j.conformance.cluster.Logs;
import io.dra4j.conformance.node.RealNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A DRA driver run as its own JVM, as docs/operations.md describes: {@code java -cp ...
 * io.dra4j.runtime.Main --provider <class>} with the node's registrar, plugins and CDI directories
 * and a fixture's host trees. Its log is kept beside the node's.
 */
final class DriverProcess implements AutoCloseable {
  private static final HealthProbe PROBE = new HealthProbe();
  private final List<String> command;
  private final Path log;
  private final int metricsPort;
  private Process process;

  private DriverProcess(List<String> command, Path log, int metricsPort) {
    this.command = command;
    this.log = log;
    this.metricsPort = metricsPort;
  }

  /** Where a driver runs: its node's name and kubelet directories, and where its log goes. */
  record NodeDirs(String nodeName, Path registrar, Path plugins, Path cdi, Path logDir) {
    static NodeDirs of(RealNode node) {
      return new NodeDirs(
          node.name(), node.registrarDir(), node.pluginsDir(), node.cdiDir(), node.logDir());
    }
  }

  static DriverProcess start(
      RealNode node, Path kubeconfig, HostPaths hostPaths, String name, String provider)
      throws IOException {
    return start(NodeDirs.of(node), kubeconfig, hostPaths, name, provider, Map.of());
  }

  /** Starts a driver for the node of {@code dirs}, with driver settings ({@code --set}). */
  static DriverProcess start(
      NodeDirs dirs,
      Path kubeconfig,
      HostPaths hostPaths,
      String name,
      String provider,
      Map<String, String> settings)
      throws IOException {
    int metricsPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      metricsPort = socket.getLocalPort();
    }
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
                dirs.nodeName(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--registrar-dir",
                dirs.registrar().toString(),
                "--plugins-dir",
                dirs.plugins().toString(),
                "--cdi-dir",
                dirs.cdi().toString(),
                "--sys-root",
                hostPaths.sys().toString(),
                "--dev-root",
                hostPaths.dev().toString(),
                "--proc-root",
                hostPaths.proc().toString(),
                "--metrics-port",
                Integer.toString(metricsPort)));
    settings.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
    DriverProcess driver =
        new DriverProcess(command, dirs.logDir().resolve(name + ".log"), metricsPort);
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

  /**
   * True once {@code /readyz} answers 200: the kubelet has confirmed the driver's registration. A
   * pod whose claim the kubelet must prepare before that fails its first sync and waits for the
   * kubelet's retry.
   */
  boolean registered() {
    return PROBE.healthy("http://127.0.0.1:" + metricsPort + "/readyz", Optional.empty());
  }

  /** kill -9, as a crash ends it. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts the same command again. */
  void restart() {
    spawn();
  }

  /** The driver's log file. */
  Path log() {
    return log;
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
