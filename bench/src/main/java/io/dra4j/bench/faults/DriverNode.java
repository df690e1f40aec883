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
package io.dra4j.bench.faults;

import com.google.gson.JsonObject;
import io.dra4j.bench.load.KubeletLoad;
import io.dra4j.bench.sidebyside.ProcessStats;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.fixtures.NodeFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One simulated trn2.48xlarge node: the fixture host tree, the kubelet's directories, the in-memory
 * API server and the Neuron driver as a {@code java -cp} process that can be killed with SIGKILL
 * and started again. The driver's output goes to {@code driver.log}, appended across restarts.
 */
final class DriverNode implements AutoCloseable {
  static final String DRIVER = NeuronDeviceProvider.DRIVER;
  static final String NODE = "node-1";
  static final int DEVICES = 16;
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(90);

  private final Path root;
  private final Path cdiDir;
  private final Path pluginsDir;
  private final Path registrarDir;
  private final Path log;
  private FakeApiServer api;
  private Process process;

  DriverNode(Path root, Path cdiDir, Path pluginsDir) throws IOException {
    this.root = root;
    this.cdiDir = Files.createDirectories(cdiDir);
    this.pluginsDir = Files.createDirectories(pluginsDir);
    this.registrarDir = Files.createDirectories(root.resolve("reg"));
    this.log = root.resolve("driver.log");
    NodeFixtures.write("trn2.48xlarge", root.resolve("host"));
    Path bootId = root.resolve("host/proc/sys/kernel/random/boot_id");
    Files.createDirectories(bootId.getParent());
    Files.writeString(bootId, "0f3f2f6e-7c4a-4f59-a1a5-4bb3b1c0c0de\n");
    startApi(0);
  }

  /** Starts an empty API server (on {@code port}, or any port for 0) with the node in it. */
  void startApi(int port) {
    api = port == 0 ? FakeApiServer.start() : FakeApiServer.start(port);
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: " + NODE + "}}");
    api.writeKubeconfig(root.resolve("kubeconfig"));
  }

  FakeApiServer api() {
    return api;
  }

  Path cdiDir() {
    return cdiDir;
  }

  Path pluginsDir() {
    return pluginsDir;
  }

  Path checkpoint() {
    return pluginsDir.resolve(DRIVER).resolve("checkpoint.json");
  }

  Path serviceSocket() {
    return pluginsDir.resolve(DRIVER).resolve("dra.sock");
  }

  Path registrationSocket() {
    return registrarDir.resolve(DRIVER + "-reg.sock");
  }

  /** Starts the driver process; {@link #awaitServing} waits for it. */
  void start() throws IOException {
    Path host = root.resolve("host");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx96m",
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "io.dra4j.runtime.Main",
                "--provider",
                NeuronDeviceProvider.class.getName(),
                "--node-name",
                NODE,
                "--kubeconfig",
                root.resolve("kubeconfig").toString(),
                "--registrar-dir",
                registrarDir.toString(),
                "--plugins-dir",
                pluginsDir.toString(),
                "--cdi-dir",
                cdiDir.toString(),
                "--sys-root",
                host.resolve("sys").toString(),
                "--dev-root",
                host.resolve("dev").toString(),
                "--proc-root",
                host.resolve("proc").toString()));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  /** Waits until GetInfo answers on the registration socket; the milliseconds it took. */
  long awaitServing() throws InterruptedException {
    long start = System.nanoTime();
    await(
        "the registration socket " + registrationSocket() + " to answer GetInfo",
        () ->
            Files.exists(registrationSocket())
                && KubeletLoad.getInfo(registrationSocket()).isPresent());
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Whether the node's slices list every device. */
  boolean published() {
    int found = 0;
    for (JsonObject slice : api.list("resourceslices")) {
      if (NODE.equals(JsonFields.string(slice, "spec", "nodeName"))
          && DRIVER.equals(JsonFields.string(slice, "spec", "driver"))) {
        found += JsonFields.array(slice, "spec", "devices").size();
      }
    }
    return found == DEVICES;
  }

  void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!condition.getAsBoolean()) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException(
            "the driver exited with "
                + process.exitValue()
                + " while waiting for "
                + what
                + "; its log "
                + log
                + " ends with:\n"
                + tail(30));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "gave up after 90 s waiting for " + what + "; the driver log ends with:\n" + tail(30));
      }
      Thread.sleep(5);
    }
  }

  /** Milliseconds until {@code condition} holds, or -1 when it did not within {@code limitMs}. */
  long millisUntil(BooleanSupplier condition, long limitMs) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + limitMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return -1;
      }
      Thread.sleep(5);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** SIGKILL, as the OOM killer or a node crash would; waits until the process is gone. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL after 20 s. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill9();
      }
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  Optional<ProcessStats> stats() {
    return alive()
        ? Optional.of(new ProcessStats(process.pid(), ProcessStats.clockTicksPerSecond()))
        : Optional.empty();
  }

  /** The driver log's lines so far (all restarts). */
  List<String> logLines() {
    try {
      return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + log + ": " + e, e);
    }
  }

  String tail(int lines) {
    List<String> all = logLines();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Files below {@code dir} whose name matches {@code glob}, relative to {@code dir}. */
  static List<String> files(Path dir, String glob) {
    var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> matcher.matches(p.getFileName()))
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + dir + ": " + e, e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    api.close();
  }
}
