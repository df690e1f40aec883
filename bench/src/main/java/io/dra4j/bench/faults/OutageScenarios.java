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

import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Scenarios c (API server restarted empty), d (disk full) and e (malformed gRPC calls). */
final class OutageScenarios {
  private static final long REPUBLISH_LIMIT_MS = 60_000;

  private final Options options;

  OutageScenarios(Options options) {
    this.options = options;
  }

  /** c: the API server goes away and comes back empty on the same port; time to republish. */
  Table apiOutage(Path dir) throws Exception {
    try (DriverNode node = new DriverNode(dir, dir.resolve("cdi"), dir.resolve("plugins"))) {
      node.start();
      node.awaitServing();
      node.await("the 16 devices to be published", node::published);
      Table t =
          new Table(
              "c. API server restarted empty (same port)",
              "outage",
              "down for (ms)",
              "republished after restart (ms)");
      List<String> results = new java.util.ArrayList<>();
      for (int i = 0; i < options.outages(); i++) {
        int port = node.api().port();
        long down = i % 2 == 0 ? 0 : 1000;
        node.api().close();
        Thread.sleep(down);
        node.startApi(port);
        long ms = node.millisUntil(node::published, REPUBLISH_LIMIT_MS);
        String result = ms < 0 ? "not within " + REPUBLISH_LIMIT_MS + " ms" : Long.toString(ms);
        results.add(result);
        t.row(i + 1, down, result);
        if (ms < 0) {
          t.note(
              "after outage "
                  + (i + 1)
                  + " the driver log ends with: "
                  + KillScenarios.shorten(node.tail(3).replace('\n', ' '), 400));
          break; // the next outage would measure the same missing recovery
        }
      }
      return t.note("the driver process was not restarted; results " + results);
    }
  }

  /**
   * d: a 1 MiB tmpfs that is then filled, holding first the CDI and plugin directories, then the
   * CDI directory alone.
   */
  Table diskFull(Path dir) throws Exception {
    Map<String, String> both = diskFull(dir.resolve("both"), true);
    Map<String, String> cdi = diskFull(dir.resolve("cdi"), false);
    Table t =
        new Table(
            "d. disk full (1 MiB tmpfs)", "step", "CDI and plugin dirs on it", "CDI dir on it");
    both.forEach((step, result) -> t.row(step, result, cdi.getOrDefault(step, "-")));
    return t;
  }

  private static Map<String, String> diskFull(Path dir, boolean pluginsToo) throws Exception {
    Map<String, String> t = new java.util.LinkedHashMap<>();
    Path mount = Files.createDirectories(dir.resolve("tmpfs"));
    String refusal = mountTmpfs(mount);
    if (!refusal.isEmpty()) {
      System.out.println("!!! SKIPPED scenario d (disk full): " + refusal);
      t.put("SKIPPED", refusal);
      return t;
    }
    Path plugins = pluginsToo ? mount.resolve("plugins") : dir.resolve("plugins");
    try (DriverNode node = new DriverNode(dir, mount.resolve("cdi"), plugins)) {
      List<Claim> claims = Kubelet.createClaims(node.api(), 5);
      node.start();
      node.awaitServing();
      try (Kubelet kubelet = new Kubelet(node.serviceSocket())) {
        Kubelet.Answer first = kubelet.prepare(claims.get(0));
        put(t, "prepare claim-000 with space", first.ok() ? "ok" : first.error());
        Path filler = mount.resolve("filler");
        long filled = fill(filler);
        put(t, "filled the tmpfs", filled / 1024 + " KiB written until ENOSPC");
        int failed = 0;
        String error = "";
        for (int i = 1; i < claims.size(); i++) {
          Kubelet.Answer a = kubelet.prepare(claims.get(i));
          if (!a.ok()) {
            failed++;
            error = a.error();
          }
        }
        put(t, "prepares of claim-001..004 while full that failed", failed + "/4");
        put(t, "their error", error.isEmpty() ? "-" : headAndTail(error).replace("|", "/"));
        put(t, "partial files (*.tmp) while full", KillScenarios.temporaryFiles(node));
        long specs =
            claims.subList(1, claims.size()).stream()
                .filter(c -> Files.exists(Kubelet.spec(node.cdiDir(), c)))
                .count();
        put(t, "specs of the failed claims on disk", specs);
        Kubelet.Answer un = kubelet.unprepare(claims.get(0));
        put(
            t,
            "unprepare claim-000 while full",
            un.ok() ? "ok" : KillScenarios.shorten(un.error(), 120));
        Files.delete(filler);
        int right = 0;
        for (int i = 1; i < claims.size(); i++) {
          Kubelet.Answer a = kubelet.prepare(claims.get(i));
          right +=
              a.ok() && Kubelet.wrongness(a, claims.get(i), i, node.cdiDir()).isEmpty() ? 1 : 0;
        }
        put(t, "prepares after space returned that are right", right + "/4");
        claims.forEach(kubelet::unprepare);
        put(t, "specs left after unprepare-all", DriverNode.files(node.cdiDir(), "*.json").size());
        put(t, "temp files left", KillScenarios.temporaryFiles(node).size());
      }
    } finally {
      run("umount", "-l", mount.toString());
    }
    return t;
  }

  private static void put(Map<String, String> rows, String step, Object result) {
    rows.put(step, String.valueOf(result));
  }

  /** The reason and the end of an error, where the cause is; the middle is mostly a path. */
  private static String headAndTail(String error) {
    int reason = error.indexOf(':');
    return error.length() <= 160 || reason < 0
        ? error
        : error.substring(0, reason) + ": ..." + error.substring(error.length() - 100);
  }

  /** e: calls whose body is random bytes or a cut-off request; log growth and still serving. */
  Table malformed(Path dir) throws Exception {
    try (DriverNode node = new DriverNode(dir, dir.resolve("cdi"), dir.resolve("plugins"))) {
      List<Claim> claims = Kubelet.createClaims(node.api(), 1);
      node.start();
      node.awaitServing();
      Thread.sleep(1000); // start-up lines are written
      int before = node.logLines().size();
      long rssBefore = node.stats().orElseThrow().rssKib();
      Random random = new Random(options.seed());
      byte[] valid =
          NodePrepareResourcesRequest.newBuilder().addClaims(claims.get(0)).build().toByteArray();
      Map<String, Integer> codes = new TreeMap<>();
      long start = System.nanoTime();
      try (Kubelet kubelet = new Kubelet(node.serviceSocket())) {
        for (int i = 0; i < options.malformedCalls(); i++) {
          byte[] body;
          if (i % 2 == 0) {
            body = new byte[1 + random.nextInt(64)];
            random.nextBytes(body);
          } else {
            body = Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
          }
          codes.merge(kubelet.malformed(body), 1, Integer::sum);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(500);
        int lines = node.logLines().size() - before;
        Kubelet.Answer a = kubelet.prepare(claims.get(0));
        String serving =
            a.ok() && Kubelet.wrongness(a, claims.get(0), 0, node.cdiDir()).isEmpty()
                ? "yes"
                : "NO: " + a.error();
        kubelet.unprepare(claims.get(0));
        return new Table(
                "e. " + options.malformedCalls() + " malformed gRPC calls", "measure", "value")
            .row("status codes", codes)
            .row("driver log lines written", lines)
            .row(
                "log lines per call",
                String.format(
                    java.util.Locale.ROOT, "%.2f", lines / (double) options.malformedCalls()))
            .row("time for all calls (ms)", ms)
            .row(
                "RSS before / after (MiB)",
                rssBefore / 1024 + " / " + node.stats().orElseThrow().rssKib() / 1024)
            .row("still serving (a right prepare after)", serving);
      }
    }
  }

  private static String mountTmpfs(Path mount) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "needs root to mount a tmpfs (running as " + System.getProperty("user.name") + ")";
    }
    String out = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());
    return out.isEmpty() ? "" : "mount -t tmpfs failed: " + out.strip();
  }

  /** Writes zeros until the file system is full; the bytes written. */
  private static long fill(Path filler) throws IOException {
    long written = 0;
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException full) {
      return written;
    }
  }

  /** Runs a command; its output when it failed, else empty. */
  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return out.isEmpty() ? String.join(" ", command) + " failed" : out;
      }
      return "";
    } catch (IOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
