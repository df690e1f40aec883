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
package io.dra4j.runtime.internal.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The kubelet plugin's metrics: RPC latency by method and result, claims prepared and unprepared,
 * per-claim errors by operation and reason, the registration status and the number of prepared
 * claims. Thread-safe and lock-free on the recording side; {@link #render} writes the Prometheus
 * text format.
 */
public final class RuntimeMetrics {
  private static final double[] BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 45
  };

  private final String driver;
  private final Map<String, Histogram> rpc = new ConcurrentHashMap<>();
  private final AtomicLong prepared = new AtomicLong();
  private final AtomicLong unprepared = new AtomicLong();
  private final List<String> claimErrorReasons;
  private final Map<String, AtomicLong> claimErrors = new ConcurrentHashMap<>();
  private volatile Supplier<String> registrationStatus = () -> "not_yet";
  private volatile IntSupplier preparedClaims = () -> 0;

  /**
   * @param driver the driver name, a label of every series
   * @param claimErrorReasons the reason labels of per-claim errors; each is rendered from the start
   *     (at 0), so that a rate over the first error of a reason sees it
   */
  public RuntimeMetrics(String driver, List<String> claimErrorReasons) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.claimErrorReasons = List.copyOf(claimErrorReasons);
  }

  /** Records one RPC. {@code result} is the gRPC status code name, for example {@code OK}. */
  public void recordRpc(String method, String result, Duration duration) {
    rpc.computeIfAbsent(method + "\0" + result, k -> new Histogram()).observe(duration);
  }

  /** Counts one claim prepared successfully. */
  public void claimPrepared() {
    prepared.incrementAndGet();
  }

  /** Counts one claim unprepared successfully. */
  public void claimUnprepared() {
    unprepared.incrementAndGet();
  }

  /**
   * Counts one per-claim error of an operation ({@code prepare} or {@code unprepare}) with its
   * reason label, such as {@code claim_not_found}.
   */
  public void claimError(String operation, String reason) {
    claimErrors.computeIfAbsent(operation + "\0" + reason, k -> new AtomicLong()).incrementAndGet();
  }

  /**
   * Where the registration status comes from: {@code not_yet}, {@code registered}, {@code failed}.
   */
  public void registrationStatus(Supplier<String> status) {
    this.registrationStatus = Objects.requireNonNull(status);
  }

  /** Where the number of prepared claims comes from. */
  public void preparedClaims(IntSupplier count) {
    this.preparedClaims = Objects.requireNonNull(count);
  }

  /** The metrics in the Prometheus text exposition format 0.0.4. */
  public String render() {
    StringBuilder out = new StringBuilder(4096);
    String d = "driver=\"" + escape(driver) + "\"";
    out.append("# HELP dra4j_rpc_duration_seconds Kubelet RPCs served, by method and result.\n");
    out.append("# TYPE dra4j_rpc_duration_seconds histogram\n");
    new TreeMap<>(rpc)
        .forEach(
            (key, h) -> {
              String[] parts = key.split("\0", 2);
              String labels =
                  d + ",method=\"" + escape(parts[0]) + "\",result=\"" + escape(parts[1]) + "\"";
              h.render(out, "dra4j_rpc_duration_seconds", labels);
            });
    counter(out, "dra4j_claims_prepared_total", "Claims prepared successfully.", d, prepared.get());
    counter(
        out,
        "dra4j_claims_unprepared_total",
        "Claims unprepared successfully.",
        d,
        unprepared.get());
    out.append("# HELP dra4j_claim_errors_total Per-claim errors, by operation and reason.\n");
    out.append("# TYPE dra4j_claim_errors_total counter\n");
    Set<String> series = new TreeSet<>(claimErrors.keySet());
    for (String op : new String[] {"prepare", "unprepare"}) {
      claimErrorReasons.forEach(reason -> series.add(op + "\0" + reason));
    }
    for (String key : series) {
      String[] parts = key.split("\0", 2);
      AtomicLong n = claimErrors.get(key);
      out.append("dra4j_claim_errors_total{")
          .append(d)
          .append(",operation=\"")
          .append(escape(parts[0]))
          .append("\",reason=\"")
          .append(escape(parts[1]))
          .append("\"} ")
          .append(n == null ? 0 : n.get())
          .append('\n');
    }
    out.append(
        "# HELP dra4j_registration_status 1 for the kubelet registration status this plugin is"
            + " in.\n");
    out.append("# TYPE dra4j_registration_status gauge\n");
    String current = registrationStatus.get();
    for (String s : new String[] {"not_yet", "registered", "failed"}) {
      out.append("dra4j_registration_status{")
          .append(d)
          .append(",status=\"")
          .append(s)
          .append("\"} ")
          .append(s.equals(current) ? 1 : 0)
          .append('\n');
    }
    out.append("# HELP dra4j_prepared_claims Claims currently prepared on this node.\n");
    out.append("# TYPE dra4j_prepared_claims gauge\n");
    out.append("dra4j_prepared_claims{").append(d).append("} ");
    out.append(preparedClaims.getAsInt()).append('\n');
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, String labels, long v) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    out.append(name).append('{').append(labels).append("} ").append(v).append('\n');
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v)
        ? String.format(Locale.ROOT, "%.1f", v)
        : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static final class Histogram {
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong sumNanos = new AtomicLong();

    void observe(Duration duration) {
      double seconds = duration.toNanos() / 1e9;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          counts.incrementAndGet(i);
          break;
        }
      }
      sumNanos.addAndGet(duration.toNanos());
      count.incrementAndGet();
    }

    void render(StringBuilder out, String name, String labels) {
      long cumulative = 0;
      for (int i = 0; i < BUCKETS.length; i++) {
        cumulative += counts.get(i);
        out.append(name)
            .append("_bucket{")
            .append(labels)
            .append(",le=\"")
            .append(format(BUCKETS[i]))
            .append("\"} ")
            .append(cumulative)
            .append('\n');
      }
      // observe() may run meanwhile: keep +Inf and _count at least the last bucket, so the
      // histogram stays cumulative.
      long total = Math.max(count.get(), cumulative);
      out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ");
      out.append(total).append('\n');
      out.append(name).append("_sum{").append(labels).append("} ");
      out.append(sumNanos.get() / 1e9).append('\n');
      out.append(name).append("_count{").append(labels).append("} ").append(total).append('\n');
    }
  }
}
