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
package io.dra4j.bench.prepare;

import io.dra4j.bench.load.KubeletLoad;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures the kubelet path of a driver over its real unix socket: prepare latency (claim lookup,
 * checkpoint, provider, CDI spec, checkpoint; each iteration a fresh claim that is then
 * unprepared), prepare+unprepare throughput with 1 and 8 concurrent clients, the time from process
 * start until the registration socket exists, and the idle RSS of that process. Prints a table.
 *
 * <p>Arguments (all optional): {@code iterations} (default 20000), {@code seconds} per throughput
 * run (default 5), and the directory the node's directories go below (default {@code /tmp}; use a
 * tmpfs such as {@code /dev/shm} to leave out the disk's fsync cost).
 */
public final class PrepareBenchmark {
  private PrepareBenchmark() {}

  public static void main(String[] args) throws Exception {
    // The runtime logs every call at INFO; the benchmark measures the work, not the console.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path base = Path.of(args.length > 2 ? args[2] : "/tmp");
    List<String[]> rows = new ArrayList<>();

    Path root = Files.createTempDirectory(base, "dra4j-bench-");
    try (DriverRuntime runtime = BenchDriver.runtime(root, 8).start();
        KubeletLoad load =
            KubeletLoad.connect(runtime.serviceSocket(), i -> PrepareBenchmark.claim())) {
      load.prepareLatencies(Math.max(200, iterations / 4)); // warm-up
      long[] prepare = load.prepareLatencies(iterations);
      rows.add(
          row(
              "prepare p50 (1 claim x 1 device, CDI write)",
              micros(KubeletLoad.percentile(prepare, 50)),
              "-"));
      rows.add(row("prepare p99", micros(KubeletLoad.percentile(prepare, 99)), "< 2 ms"));
      rows.add(row("prepare max", micros(prepare[prepare.length - 1]), "-"));
      for (int clients : new int[] {1, 8}) {
        double rate = load.throughput(clients, seconds);
        rows.add(
            row(
                "throughput, " + clients + " client(s), claims/s (prepare+unprepare)",
                String.format(Locale.ROOT, "%.0f", rate),
                ">= 2000"));
      }
    } finally {
      delete(root);
    }

    for (String[] jvm :
        new String[][] {
          {}, {"-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xss512k"},
        }) {
      String label = jvm.length == 0 ? "default JVM" : "SerialGC, -Xmx64m, C1";
      long[] child = startChild(base, jvm);
      rows.add(row("start -> registration socket (" + label + ")", millis(child[0]), "< 1 s"));
      rows.add(row("idle RSS (" + label + ")", child[1] / 1024 + " MiB", "< 96 MiB"));
    }

    System.out.printf(
        Locale.ROOT,
        "%n%d iterations, %d s per throughput run, directories below %s, %d CPUs%n",
        iterations,
        seconds,
        base,
        Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-66s %10s %10s%n", "measurement", "value", "target");
    for (String[] r : rows) {
      System.out.printf(Locale.ROOT, "%-66s %10s %10s%n", r[0], r[1], r[2]);
    }
  }

  private static String[] row(String name, String value, String target) {
    return new String[] {name, value, target};
  }

  private static Claim claim() {
    String uid = UUID.randomUUID().toString();
    return Claim.newBuilder().setNamespace("bench").setName("claim-" + uid).setUid(uid).build();
  }

  /**
   * Starts {@link BenchDriver} in a child JVM; returns nanoseconds until its registration socket
   * exists and its RSS in KiB two seconds later.
   */
  private static long[] startChild(Path base, String[] jvmOptions) throws Exception {
    Path root = Files.createTempDirectory(base, "dra4j-start-");
    Path socket = root.resolve("reg").resolve(BenchDriver.DRIVER + "-reg.sock");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(BenchDriver.class.getName());
    command.add(root.toString());
    long start = System.nanoTime();
    Process child = new ProcessBuilder(command).inheritIO().start();
    try {
      while (!Files.exists(socket)) {
        if (!child.isAlive()) {
          throw new IllegalStateException("the driver process exited with " + child.exitValue());
        }
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
          throw new IllegalStateException("no registration socket after 30 s");
        }
        Thread.sleep(0, 200_000);
      }
      long started = System.nanoTime() - start;
      Thread.sleep(2_000);
      return new long[] {started, rssKib(child.pid())};
    } finally {
      child.destroy();
      child.waitFor(10, TimeUnit.SECONDS);
      delete(root);
    }
  }

  private static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
  }

  private static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.0f us", nanos / 1e3);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
