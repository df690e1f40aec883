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
package io.dra4j.bench.sidebyside;

import com.google.gson.JsonObject;
import io.dra4j.bench.load.KubeletLoad;
import io.dra4j.bench.sidebyside.SideBySideDriver.DevicesFile;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.Device;
import io.dra4j.runtime.internal.proto.registration.PluginInfo;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One driver's turn: starts its process with its own node directories, times registration and
 * publishing, counts ResourceSlice writes for publish / no-op / change, then runs the kubelet load
 * and reads the process's memory and CPU. The process is stopped with SIGTERM at the end.
 */
final class DriverRun {
  /** The driver name both drivers use; the CDI kind and the socket names derive from it. */
  static final String DRIVER = "bench.dra4j.io";

  private static final String SLICES = "resourceslices";
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** How a driver is started; {@code command} gets the node directories. */
  interface Launcher {
    List<String> command(NodeDirs dirs);
  }

  /** The directories and files of one driver's simulated node. */
  record NodeDirs(
      String nodeName,
      Path kubeconfig,
      Path registrarDir,
      Path pluginsDir,
      Path cdiDir,
      Path devicesFile) {

    /** The flags both drivers take, with the same names: API server, node and directories. */
    List<String> commonFlags() {
      return List.of(
          "--kubeconfig",
          kubeconfig.toString(),
          "--node-name",
          nodeName,
          "--registrar-dir",
          registrarDir.toString(),
          "--plugins-dir",
          pluginsDir.toString(),
          "--cdi-dir",
          cdiDir.toString());
    }
  }

  /** Sizes of one run. */
  record Settings(
      int devices,
      int warmup,
      int iterations,
      int seconds,
      long settleMillis,
      long ticksPerSecond) {}

  private final String label;
  private final Launcher launcher;
  private final FakeApiServer api;
  private final List<Claim> claims;
  private final Settings settings;

  DriverRun(
      String label, Launcher launcher, FakeApiServer api, List<Claim> claims, Settings settings) {
    this.label = label;
    this.launcher = launcher;
    this.api = api;
    this.claims = claims;
    this.settings = settings;
  }

  DriverResult run(Path work, Path kubeconfig) throws Exception {
    String slug = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    Path root = Files.createDirectories(work.resolve(slug));
    NodeDirs dirs =
        new NodeDirs(
            "node-" + slug,
            kubeconfig,
            Files.createDirectories(root.resolve("reg")),
            Files.createDirectories(root.resolve("plugins")),
            Files.createDirectories(root.resolve("cdi")),
            root.resolve("devices"));
    api.apply(
        "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\""
            + dirs.nodeName()
            + "\"}}");
    int devices = settings.devices();
    Files.writeString(dirs.devicesFile(), DevicesFile.content(devices, 1));
    Path log = root.resolve("driver.log");
    Path registration = dirs.registrarDir().resolve(DRIVER + "-reg.sock");

    int writesBefore = api.requests().writeCount(SLICES);
    long start = System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder(launcher.command(dirs))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // client-go 0.35+ opens informers with a streaming list (a watch with sendInitialEvents) that
    // the in-memory API server does not serve; with this the reflector does LIST then WATCH, as
    // against API servers without the feature. The JVM ignores it.
    builder.environment().put("KUBE_FEATURE_WatchListClient", "false");
    Process process = builder.start();
    try {
      ProcessStats stats = new ProcessStats(process.pid(), settings.ticksPerSecond());
      PluginInfo info =
          await(
              process,
              log,
              "the registration socket " + registration + " to answer GetInfo",
              () ->
                  Files.exists(registration)
                      ? KubeletLoad.getInfo(registration)
                      : Optional.empty());
      double registeredMs = (System.nanoTime() - start) / 1e6;
      await(
          process, log, devices + " published devices", () -> published(dirs.nodeName(), devices));
      double publishedMs = (System.nanoTime() - start) / 1e6;
      Thread.sleep(settings.settleMillis());
      int publishWrites = api.requests().writeCount(SLICES) - writesBefore;
      long idleRss = stats.rssKib();

      int before = api.requests().writeCount(SLICES);
      Files.writeString(dirs.devicesFile(), DevicesFile.content(devices, 2));
      Thread.sleep(settings.settleMillis() + 200);
      int noopWrites = api.requests().writeCount(SLICES) - before;

      before = api.requests().writeCount(SLICES);
      Files.writeString(dirs.devicesFile(), DevicesFile.content(devices + 1, 3));
      await(
          process,
          log,
          devices + 1 + " published devices",
          () -> published(dirs.nodeName(), devices + 1));
      Thread.sleep(settings.settleMillis());
      int changeWrites = api.requests().writeCount(SLICES) - before;

      Path service = info.getEndpoint().isEmpty() ? registration : Path.of(info.getEndpoint());
      try (KubeletLoad load = KubeletLoad.connect(service, i -> claims.get(i % claims.size()))) {
        Claim first = claims.get(0);
        List<Device> answered = load.prepare(first);
        String spec = readSpec(dirs.cdiDir(), first.getUid());
        load.unprepare(first);
        String ids =
            answered.stream()
                .flatMap(d -> d.getCdiDeviceIdsList().stream())
                .collect(Collectors.joining(","));

        load.prepareLatencies(settings.warmup());
        load.throughput(8, Math.max(1, settings.seconds() / 2));

        long cpuBefore = stats.cpuNanos();
        long[] latencies = load.prepareLatencies(settings.iterations());
        long cpuNanos = stats.cpuNanos() - cpuBefore;

        double t1 = load.throughput(1, settings.seconds());
        AtomicLong peak = new AtomicLong(stats.rssKib());
        double t8 = load.throughput(8, settings.seconds(), stats::rssKib, peak);
        int totalWrites = api.requests().writeCount(SLICES) - writesBefore;
        return new DriverResult(
            label,
            registeredMs,
            publishedMs,
            idleRss,
            peak.get(),
            KubeletLoad.percentile(latencies, 50) / 1e3,
            KubeletLoad.percentile(latencies, 99) / 1e3,
            t1,
            t8,
            cpuNanos / 1e6 / settings.iterations() * 1000,
            publishWrites,
            noopWrites,
            changeWrites,
            totalWrites,
            spec,
            ids);
      }
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Whether the node's slices of the driver list exactly {@code devices} devices. */
  private Optional<Boolean> published(String nodeName, int devices) {
    int found = 0;
    for (JsonObject slice : api.list(SLICES)) {
      if (nodeName.equals(JsonFields.string(slice, "spec", "nodeName"))
          && DRIVER.equals(JsonFields.string(slice, "spec", "driver"))) {
        found += JsonFields.array(slice, "spec", "devices").size();
      }
    }
    return found == devices ? Optional.of(true) : Optional.empty();
  }

  private static String readSpec(Path cdiDir, String claimUid) throws IOException {
    Path spec = cdiDir.resolve("k8s." + DRIVER + "-claim_" + claimUid + ".json");
    if (!Files.isRegularFile(spec)) {
      List<String> present = new ArrayList<>();
      try (var list = Files.list(cdiDir)) {
        list.forEach(p -> present.add(p.getFileName().toString()));
      }
      throw new IllegalStateException(
          "the driver prepared claim uid "
              + claimUid
              + " but wrote no "
              + spec
              + "; found "
              + present);
    }
    return Files.readString(spec, StandardCharsets.UTF_8);
  }

  private <T> T await(Process process, Path log, String what, SupplierOfOptional<T> probe)
      throws Exception {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            label
                + ": gave up waiting for "
                + what
                + (process.isAlive()
                    ? " after 60 s"
                    : "; the process exited with " + process.exitValue())
                + ". Its log "
                + log
                + " ends with:\n"
                + tail(log));
      }
      Thread.sleep(2);
    }
  }

  /** A probe that may fail with an exception. */
  private interface SupplierOfOptional<T> {
    Optional<T> get() throws Exception;
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
