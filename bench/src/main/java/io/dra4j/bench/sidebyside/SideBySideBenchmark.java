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

import io.dra4j.bench.load.AllocatedClaims;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the Go reference driver and the dra4j driver one after the other behind the same load
 * generator and the same in-memory API server, and writes {@code side-by-side.md} and {@code
 * side-by-side.png}. dra4j runs twice: with default JVM options and with a small-footprint set.
 *
 * <p>Options ({@code --name value}): {@code --go-binary} (default {@code
 * bench/go-reference/target/go-reference}), {@code --go-version} (printed in the report), {@code
 * --out} (default {@code bench/results}), {@code --base} (directory for the nodes' directories,
 * default {@code /dev/shm}), {@code --claims} (512), {@code --devices} (16), {@code --warmup}
 * (2000), {@code --iterations} (5000), {@code --seconds} per throughput run (5), {@code
 * --settle-ms} (2000), {@code --small-jvm} (the small-footprint JVM options).
 */
public final class SideBySideBenchmark {
  private SideBySideBenchmark() {}

  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("go-binary", "bench/go-reference/target/go-reference");
    DEFAULTS.put("go-version", "unknown");
    DEFAULTS.put("out", "bench/results");
    DEFAULTS.put("base", "/dev/shm");
    DEFAULTS.put("claims", "512");
    DEFAULTS.put("devices", "16");
    DEFAULTS.put("warmup", "2000");
    DEFAULTS.put("iterations", "5000");
    DEFAULTS.put("seconds", "5");
    DEFAULTS.put("settle-ms", "2000");
    DEFAULTS.put("dist", "bench/target/dist");
  }

  public static void main(String[] args) throws Exception {
    // The JDK's HTTP server (under FakeApiServer) leaves Nagle's algorithm on by default: a small
    // response body written after its headers then waits for the client's delayed ACK, about
    // 40 ms per request. Only the Go driver GETs a claim per prepare, so only it would pay this.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    // grpc-java offers SO_KEEPALIVE to unix sockets too, and Netty warns once per channel.
    System.setProperty(
        "org.slf4j.simpleLogger.log.io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap", "error");
    Map<String, String> o = options(args);
    Path goBinary = Path.of(o.get("go-binary")).toAbsolutePath();
    if (!Files.isExecutable(goBinary)) {
      throw new IllegalArgumentException(
          "Go reference driver "
              + goBinary
              + " is not an executable file: build it with"
              + " 'go build -o target/go-reference .' in bench/go-reference, or pass --go-binary");
    }
    Path base = Path.of(o.get("base"));
    if (!Files.isDirectory(base) || !Files.isWritable(base)) {
      base = Path.of(System.getProperty("java.io.tmpdir"));
    }
    Path out = Files.createDirectories(Path.of(o.get("out")));
    Path dist = Path.of(o.get("dist")).toAbsolutePath();
    if (!Files.isExecutable(dist.resolve("bin/dra4j-driver"))) {
      throw new IllegalArgumentException(
          "no driver distribution at "
              + dist
              + " (bin/dra4j-driver missing): unpack dist/target/dra4j-driver-*.tar.gz there, as"
              + " bench/run-side-by-side.sh does, or pass --dist");
    }
    int devices = Integer.parseInt(o.get("devices"));
    int claimCount = Integer.parseInt(o.get("claims"));
    if (claimCount <= 0 || claimCount % 8 != 0) {
      throw new IllegalArgumentException(
          "--claims "
              + claimCount
              + " must be a positive multiple of 8, so that 8 concurrent callers never share a"
              + " claim; use 512");
    }
    DriverRun.Settings settings =
        new DriverRun.Settings(
            devices,
            Integer.parseInt(o.get("warmup")),
            Integer.parseInt(o.get("iterations")),
            Integer.parseInt(o.get("seconds")),
            Long.parseLong(o.get("settle-ms")),
            ProcessStats.clockTicksPerSecond());
    String loadBefore = loadAverage();
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Path work = Files.createTempDirectory(base, "dra4j-sbs-");
    List<DriverResult> results = new ArrayList<>();
    try (FakeApiServer api = FakeApiServer.start()) {
      Path kubeconfig = api.writeKubeconfig(work.resolve("kubeconfig"));
      List<Claim> claims = createClaims(api, claimCount, devices);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path driverClasses = driverClasses();
      String classPath = driverClasses + File.pathSeparator + dist.resolve("lib") + "/*";
      record Turn(String label, DriverRun.Launcher launcher) {}
      List<Turn> turns =
          List.of(
              new Turn("Go helper", d -> goCommand(goBinary, d)),
              new Turn("dra4j", d -> launcherCommand(dist, driverClasses, d)),
              new Turn("dra4j, JVM defaults", d -> javaCommand(java, classPath, d)));
      for (Turn t : turns) {
        System.out.println("running " + t.label() + " ...");
        results.add(
            new DriverRun(t.label(), t.launcher(), api, claims, settings).run(work, kubeconfig));
      }
    } finally {
      delete(work);
    }
    DriverResult go = results.get(0);
    List<DriverResult> dra4j = results.subList(1, results.size());
    List<String> context = context(o, settings, base, started, loadBefore, go, dra4j);
    String markdown = MarkdownReport.render(go, dra4j, context) + notes(o, go, dra4j);
    Files.writeString(out.resolve("side-by-side.md"), markdown, StandardCharsets.UTF_8);
    BarChart.write(
        out.resolve("side-by-side.png"),
        go,
        dra4j,
        "dra4j vs Go kubeletplugin helper (" + started + ")");
    System.out.println(markdown);
    System.out.println("wrote " + out.resolve("side-by-side.md") + " and side-by-side.png");
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>(DEFAULTS);
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!DEFAULTS.containsKey(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "bad argument '"
                + args[i]
                + "': options are --name value with name one of "
                + String.join(", ", DEFAULTS.keySet()));
      }
      o.put(name, args[++i]);
    }
    return o;
  }

  /** Claims {@code claim-00000...} in namespace {@code bench}, each allocated one device. */
  static List<Claim> createClaims(FakeApiServer api, int count, int devices) {
    return new AllocatedClaims(
            "bench", "bench.dra4j.io", DriverRun.DRIVER, SideBySideDriver.POOL, "claim-%05d")
        .create(api, count, i -> "dev-" + (i % devices));
  }

  private static List<String> goCommand(Path binary, DriverRun.NodeDirs d) {
    List<String> c = new ArrayList<>();
    c.add(binary.toString());
    c.addAll(d.commonFlags());
    c.addAll(
        List.of(
            "--devices-file",
            d.devicesFile().toString(),
            // The in-memory API server reads JSON only; client-go sends protobuf by default.
            "--kube-api-content-type",
            "application/json",
            // client-java has no client-side rate limit; client-go's default of 5 requests per
            // second would cap the helper's GET per claim at 5 prepares per second.
            "--kube-api-qps",
            "-1"));
    return c;
  }

  /** The distribution's launcher, as a user runs a driver: its JVM flags, its class path. */
  private static List<String> launcherCommand(Path dist, Path driver, DriverRun.NodeDirs d) {
    List<String> c = new ArrayList<>();
    c.addAll(List.of(dist.resolve("bin/dra4j-driver").toString(), "--driver", driver.toString()));
    c.addAll(driverFlags(d));
    return c;
  }

  /** The same class path started by plain {@code java}: the JVM's defaults for this machine. */
  private static List<String> javaCommand(String java, String classPath, DriverRun.NodeDirs d) {
    List<String> c = new ArrayList<>();
    c.addAll(List.of(java, "-cp", classPath, "io.dra4j.runtime.Main"));
    c.addAll(driverFlags(d));
    return c;
  }

  private static List<String> driverFlags(DriverRun.NodeDirs d) {
    List<String> c = new ArrayList<>(d.commonFlags());
    c.addAll(
        List.of(
            "--log-level",
            "warn",
            "--provider",
            SideBySideDriver.class.getName(),
            "--set",
            SideBySideDriver.DEVICES_FILE + "=" + d.devicesFile()));
    return c;
  }

  /** The directory holding the benchmark driver's classes (this module's classes). */
  private static Path driverClasses() {
    try {
      return Path.of(
          SideBySideDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot locate the benchmark driver's classes", e);
    }
  }

  private static List<String> context(
      Map<String, String> o,
      DriverRun.Settings s,
      Path base,
      Instant started,
      String loadBefore,
      DriverResult go,
      List<DriverResult> dra4j) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Generated by `bench/run-side-by-side.sh` at "
            + started
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs (load average "
            + loadBefore
            + " before the run, "
            + loadAverage()
            + " after it; other work was running on the machine). JDK "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + "); "
            + o.get("go-version")
            + ".");
    lines.add("");
    lines.add(
        "Each driver serves "
            + s.devices()
            + " devices; "
            + o.get("claims")
            + " allocated claims exist in the API server before the drivers start. Per driver: "
            + s.warmup()
            + " warm-up prepare+unprepare cycles, then "
            + s.iterations()
            + " timed prepares (1 claim × 1 device, each followed by an untimed unprepare), then "
            + s.seconds()
            + " s of prepare+unprepare cycles with 1 and with 8 callers. Node directories (CDI"
            + " specs, checkpoint, sockets) are below `"
            + base
            + "`. \"dra4j\" runs the driver distribution's launcher (`bin/dra4j-driver --driver"
            + " <benchmark classes>`, with its `conf/jvm.args`: `"
            + jvmArgs(Path.of(o.get("dist")))
            + "`); \"dra4j, JVM defaults\" starts the same class path with plain `java` and no"
            + " flags, as a hand-run `java -cp ... io.dra4j.runtime.Main` would on this machine.");
    return lines;
  }

  private static String notes(Map<String, String> o, DriverResult go, List<DriverResult> dra4j) {
    boolean sameSpec = dra4j.stream().allMatch(d -> d.cdiSpec().equals(go.cdiSpec()));
    boolean sameIds = dra4j.stream().allMatch(d -> d.cdiIds().equals(go.cdiIds()));
    return "\nRatios are dra4j / Go; ✓ or ✗ says whether the target is met. Lower is better for"
        + " latency, time, memory, CPU and writes; higher for throughput.\n\n"
        + "How it was measured:\n\n"
        + "- One load generator (Java, grpc-java over the unix socket, the kubelet's v1 DRA"
        + " service) plays the kubelet against each driver in turn; the drivers run as separate"
        + " processes. Both read claims from the same in-memory API server (the testkit's"
        + " `FakeApiServer`, in the load generator's JVM, reached over HTTP with a kubeconfig).\n"
        + "- Claim lookup differs by design: the Go helper does a live GET of every claim on every"
        + " NodePrepareResources; dra4j answers from its watch cache.\n"
        + "- The Go driver's client runs without client-side rate limit (`--kube-api-qps -1`), as"
        + " client-java does: with client-go's default of 5 requests per second the helper's GET"
        + " per claim caps it at about 5 prepares per second (p50 about 200 ms). It sends JSON"
        + " (`--kube-api-content-type application/json`) because the in-memory API server reads"
        + " no protobuf, and it runs with `KUBE_FEATURE_WatchListClient=false` because that server"
        + " does not stream initial events: its informers LIST then WATCH.\n"
        + "- The Go helper runs with its defaults, which serialize all prepare and unprepare calls"
        + " with one mutex; dra4j prepares different claims concurrently.\n"
        + "- The same prepare work on both sides: checkpoint entry written (atomic temp file, fsync,"
        + " rename, directory fsync), CDI spec written the same way, checkpoint entry completed;"
        + " unprepare removes the spec (directory fsync) and the entry. The CDI spec written for"
        + " the same claim is "
        + (sameSpec ? "byte-identical" : "**different**")
        + " across the drivers, and the CDI IDs answered are "
        + (sameIds ? "identical" : "**different**")
        + " (`"
        + go.cdiIds()
        + "`).\n"
        + "- dra4j runs with `--log-level warn`; the Go driver with klog defaults (no per-call"
        + " lines). Neither logs per claim.\n"
        + "- start → registered: process spawn until the registration socket answers GetInfo."
        + " RSS is `VmRSS` of the driver process; idle after publishing, loaded is the peak"
        + " sampled every 100 ms during the 8-caller run. CPU is `utime + stime` of the driver"
        + " process over the timed prepares.\n"
        + "- Slice writes are the create/update/delete requests on resourceslices the API server"
        + " answered: first publish (until published, plus "
        + o.get("settle-ms")
        + " ms), a republish of an unchanged devices list, and the republish after one device was"
        + " added; \"whole run\" covers the driver's whole life, so it also shows delayed"
        + " resyncs.\n"
        + "\nFor each target missed, the measured cause and what it would take: the Results section"
        + " of [bench/README.md](../README.md#results-2).\n";
  }

  private static String jvmArgs(Path dist) {
    try {
      return String.join(
          " ", Files.readAllLines(dist.resolve("conf/jvm.args"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
