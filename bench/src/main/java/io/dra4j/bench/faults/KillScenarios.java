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

import io.dra4j.bench.sidebyside.ProcessStats;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/** Scenarios a (kill -9 loop), b (checkpoint corruptions) and f (churn soak with kills). */
final class KillScenarios {
  private final Options options;

  KillScenarios(Options options) {
    this.options = options;
  }

  /** a: kills at random moments of the churn; after each restart, leftovers and answers. */
  Table kills(Path dir) throws Exception {
    Random random = new Random(options.seed());
    try (DriverNode node = new DriverNode(dir, dir.resolve("cdi"), dir.resolve("plugins"))) {
      List<Claim> claims = Kubelet.createClaims(node.api(), options.claims());
      Churn churn = new Churn(claims, node.cdiDir(), options.seed());
      node.start();
      node.awaitServing();
      long[] restartMs = new long[options.kills()];
      TreeSet<String> tmpNames = new TreeSet<>();
      int tmpSeen = 0;
      int staleSpecs = 0;
      int missingSpecs = 0;
      int failedRetries = 0;
      int inFlightAtKill = 0;
      for (int k = 0; k < options.kills(); k++) {
        churn.start(node.serviceSocket());
        Thread.sleep(50 + random.nextInt(950));
        node.kill9();
        churn.stop();
        int cut = churn.inFlight();
        inFlightAtKill += cut >= 0 ? 1 : 0;
        node.start();
        restartMs[k] = node.awaitServing();
        List<String> tmp = temporaryFiles(node);
        tmpSeen += tmp.size();
        tmpNames.addAll(tmp.stream().map(KillScenarios::shape).toList());
        staleSpecs += churn.staleSpecs(cut).size();
        missingSpecs += churn.missingSpecs(cut).size();
        try (Kubelet kubelet = new Kubelet(node.serviceSocket())) {
          failedRetries += churn.settle(kubelet) ? 0 : 1;
        }
      }
      int finalFailures;
      try (Kubelet kubelet = new Kubelet(node.serviceSocket())) {
        finalFailures = churn.unprepareAll(kubelet);
      }
      List<String> specsLeft = DriverNode.files(node.cdiDir(), "*.json");
      Arrays.sort(restartMs);
      Table t =
          new Table(
                  "a. kill -9 under prepare/unprepare ("
                      + options.kills()
                      + " kills, "
                      + options.claims()
                      + " claims)",
                  "measure",
                  "value")
              .row("kills / calls cut off in flight", options.kills() + " / " + inFlightAtKill)
              .row(
                  "restart to serving, p50 / p95 / max (ms)",
                  pct(restartMs, 50)
                      + " / "
                      + pct(restartMs, 95)
                      + " / "
                      + restartMs[restartMs.length - 1])
              .row("temp files found after restarts (sum over restarts)", tmpSeen)
              .row(
                  "temp file names (shapes)",
                  tmpNames.isEmpty() ? "-" : String.join(", ", tmpNames))
              .row("specs of unprepared claims left after restarts (sum)", staleSpecs)
              .row("specs of prepared claims missing after restarts (sum)", missingSpecs)
              .row("wrong prepare answers", churn.wrongAnswers.get())
              .row(
                  "calls answered / answered with an error",
                  churn.calls.get() + " / " + churn.callErrors.get())
              .row("kubelet retries that failed after a restart", failedRetries)
              .row("unprepare-all failures at the end", finalFailures)
              .row("CDI specs left after unprepare-all", specsLeft.size())
              .row("temp files left at the end", temporaryFiles(node).size());
      churn.wrong.stream().limit(5).forEach(w -> t.note("wrong answer: " + w));
      churn.errorKinds.values().stream().limit(5).forEach(e -> t.note("error answer: " + e));
      return t;
    }
  }

  /** b: each corruption of a checkpoint holding prepared claims, then a restart. */
  Table corruptions(Path dir) throws Exception {
    Map<String, UnaryOperator<byte[]>> damages = new LinkedHashMap<>();
    Random random = new Random(options.seed());
    damages.put("truncated to half", b -> Arrays.copyOf(b, b.length / 2));
    damages.put("empty file", b -> new byte[0]);
    damages.put("one byte flipped in the data", b -> flip(b, b.length / 2));
    damages.put("garbage (4 KiB random)", b -> randomBytes(random, 4096));
    damages.put(
        "valid JSON, another schema", b -> "{\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    damages.put(
        "checksum edited",
        b ->
            new String(b, StandardCharsets.UTF_8)
                .replaceFirst("\"checksum\": \"[0-9a-f]", "\"checksum\": \"g")
                .getBytes(StandardCharsets.UTF_8));
    Table t =
        new Table(
            "b. checkpoint corruption, then restart (4 claims prepared before)",
            "damage",
            "starts",
            "ms to serving",
            "log says",
            "moved aside",
            "re-prepared right",
            "specs left after unprepare");
    int n = 0;
    for (Map.Entry<String, UnaryOperator<byte[]>> d : damages.entrySet()) {
      Path sub = dir.resolve("b" + n++);
      try (DriverNode node = new DriverNode(sub, sub.resolve("cdi"), sub.resolve("plugins"))) {
        List<Claim> claims = Kubelet.createClaims(node.api(), 4);
        node.start();
        node.awaitServing();
        try (Kubelet kubelet = new Kubelet(node.serviceSocket())) {
          claims.forEach(kubelet::prepare);
        }
        node.kill9();
        Files.write(node.checkpoint(), d.getValue().apply(Files.readAllBytes(node.checkpoint())));
        int logBefore = node.logLines().size();
        node.start();
        String starts = "yes";
        long ms = -1;
        try {
          ms = node.awaitServing();
        } catch (IllegalStateException e) {
          starts = "NO: " + e.getMessage().lines().findFirst().orElse("");
        }
        List<String> newLines = node.logLines();
        String says =
            newLines.subList(logBefore, newLines.size()).stream()
                .filter(l -> l.contains("heckpoint") && (l.contains("ERROR") || l.contains("WARN")))
                .findFirst()
                .map(
                    l ->
                        shorten(
                            l.substring(Math.max(0, l.indexOf(" - ") + 3))
                                .replace(node.checkpoint().toString(), "checkpoint.json")
                                .replaceAll(" moved it to \\S+", " moved it aside"),
                            150))
                .orElse("(nothing)");
        List<String> aside = DriverNode.files(node.checkpoint().getParent(), "checkpoint.json?*");
        int right = 0;
        int specsLeft = -1;
        if (node.alive()) {
          try (Kubelet kubelet = new Kubelet(node.serviceSocket())) {
            for (int i = 0; i < claims.size(); i++) {
              Kubelet.Answer a = kubelet.prepare(claims.get(i));
              right +=
                  a.ok() && Kubelet.wrongness(a, claims.get(i), i, node.cdiDir()).isEmpty() ? 1 : 0;
            }
            claims.forEach(kubelet::unprepare);
          }
          specsLeft = DriverNode.files(node.cdiDir(), "*.json").size();
        }
        t.row(
            d.getKey(),
            starts,
            ms,
            says.replace("|", "/"),
            aside.isEmpty() ? "no" : String.join(" ", aside),
            right + "/" + claims.size(),
            specsLeft);
      }
    }
    return t;
  }

  /** f: churn for the soak duration, a kill -9 every period; RSS and open files sampled. */
  Table soak(Path dir) throws Exception {
    try (DriverNode node = new DriverNode(dir, dir.resolve("cdi"), dir.resolve("plugins"))) {
      List<Claim> claims = Kubelet.createClaims(node.api(), options.claims());
      Churn churn = new Churn(claims, node.cdiDir(), options.seed());
      node.start();
      node.awaitServing();
      long start = System.nanoTime();
      long end = start + options.soak().toNanos();
      long every = options.killEvery().toNanos();
      long processStart = System.nanoTime();
      List<String[]> samples = new ArrayList<>();
      boolean middleTaken = false;
      int kills = 0;
      churn.start(node.serviceSocket());
      Thread.sleep(Math.min(5_000, options.soak().toMillis() / 10));
      samples.add(sample("start", node, start, processStart));
      long nextKill = System.nanoTime() + every;
      while (System.nanoTime() < end) {
        Thread.sleep(200);
        long now = System.nanoTime();
        if (!middleTaken && now - start >= (end - start) / 2) {
          samples.add(sample("middle", node, start, processStart));
          middleTaken = true;
        }
        if (every > 0 && now >= nextKill && end - now > every / 4) {
          node.kill9();
          churn.stop();
          node.start();
          node.awaitServing();
          processStart = System.nanoTime();
          try (Kubelet kubelet = new Kubelet(node.serviceSocket())) {
            churn.settle(kubelet);
          }
          churn.start(node.serviceSocket());
          kills++;
          nextKill = System.nanoTime() + every;
        }
      }
      samples.add(sample("end", node, start, processStart));
      churn.stop();
      Table t =
          new Table(
              "f. churn soak, "
                  + options.soak().toSeconds()
                  + " s with kill -9 every "
                  + options.killEvery().toSeconds()
                  + " s ("
                  + kills
                  + " kills)",
              "sample",
              "at (s)",
              "driver process age (s)",
              "RSS (MiB)",
              "open files");
      samples.forEach(s -> t.row((Object[]) s));
      t.note(
          "calls answered: "
              + churn.calls.get()
              + ", with an error: "
              + churn.callErrors.get()
              + ", wrong answers: "
              + churn.wrongAnswers.get()
              + ", temp files at the end: "
              + temporaryFiles(node).size());
      return t;
    }
  }

  private static String[] sample(String label, DriverNode node, long start, long processStart) {
    ProcessStats s =
        node.stats().orElseThrow(() -> new IllegalStateException("the driver is not running"));
    long now = System.nanoTime();
    return new String[] {
      label,
      Long.toString((now - start) / 1_000_000_000L),
      Long.toString((now - processStart) / 1_000_000_000L),
      String.format(java.util.Locale.ROOT, "%.1f", s.rssKib() / 1024.0),
      Long.toString(s.openFiles())
    };
  }

  /**
   * Temp files in the CDI and plugin directories (any {@code *.tmp}, and {@code .*} files but the
   * checkpoint's siblings).
   */
  static List<String> temporaryFiles(DriverNode node) {
    List<String> out = new ArrayList<>();
    DriverNode.files(node.cdiDir(), "*.tmp").forEach(f -> out.add("cdi/" + f));
    DriverNode.files(node.pluginsDir(), "*.tmp").forEach(f -> out.add("plugins/" + f));
    return out;
  }

  /** A temp file's name with its random part replaced, so names can be grouped. */
  private static String shape(String name) {
    return name.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<uid>")
        .replaceAll("\\.[0-9]{6,}\\.tmp$", ".<n>.tmp");
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static byte[] flip(byte[] b, int at) {
    byte[] out = b.clone();
    out[at] ^= 0x01;
    return out;
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
