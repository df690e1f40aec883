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

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * One row of the side-by-side table: how to read the value from a {@link DriverResult}, how to
 * print it, and the target for the ratio dra4j / Go, if there is one.
 *
 * @param name the row label
 * @param unit the unit printed after the value
 * @param value reads the value
 * @param decimals digits after the decimal point
 * @param target the target for dra4j / Go, when the row has one
 */
record Metric(
    String name,
    String unit,
    ToDoubleFunction<DriverResult> value,
    int decimals,
    Optional<Target> target) {

  /** A bound on the ratio dra4j / Go: at most ({@code atMost}) or at least {@code bound}. */
  record Target(boolean atMost, double bound) {
    boolean met(double ratio) {
      return atMost ? ratio <= bound : ratio >= bound;
    }

    @Override
    public String toString() {
      return (atMost ? "≤ " : "≥ ") + format(bound, bound == Math.rint(bound) ? 0 : 1);
    }
  }

  /** The rows, in table order. */
  static List<Metric> all() {
    Optional<Target> none = Optional.empty();
    Optional<Target> noSlower = Optional.of(new Target(true, 1));
    Optional<Target> noLess = Optional.of(new Target(false, 1));
    Optional<Target> twice = Optional.of(new Target(true, 2));
    Optional<Target> faster = Optional.of(new Target(true, 0.7));
    Optional<Target> moreThroughput = Optional.of(new Target(false, 1.5));
    Optional<Target> slowerBy = Optional.of(new Target(true, 1.5));
    return List.of(
        new Metric("prepare p50", "µs", DriverResult::prepareP50Us, 0, none),
        new Metric("prepare p99", "µs", DriverResult::prepareP99Us, 0, faster),
        new Metric("throughput, 1 caller", "claims/s", DriverResult::throughput1, 0, noLess),
        new Metric(
            "throughput, 8 callers", "claims/s", DriverResult::throughput8, 0, moreThroughput),
        new Metric("start → registered", "ms", DriverResult::startToRegisteredMs, 0, slowerBy),
        new Metric("start → slices published", "ms", DriverResult::startToPublishedMs, 0, none),
        new Metric("idle RSS", "MiB", r -> r.idleRssKib() / 1024.0, 1, twice),
        new Metric("loaded RSS (8 callers)", "MiB", r -> r.loadedRssKib() / 1024.0, 1, twice),
        new Metric("CPU per 1,000 prepares", "ms", DriverResult::cpuMsPer1000, 0, noSlower),
        new Metric("slice writes: first publish", "", DriverResult::publishWrites, 0, none),
        new Metric("slice writes: no-op republish", "", DriverResult::noopWrites, 0, none),
        new Metric("slice writes: one device added", "", DriverResult::changeWrites, 0, none),
        new Metric("slice writes: whole run", "", DriverResult::totalWrites, 0, none));
  }

  /** The value printed with its unit. */
  String print(DriverResult r) {
    String v = format(value.applyAsDouble(r), decimals);
    return unit.isEmpty() ? v : v + " " + unit;
  }

  /** The ratio {@code r / go}, or empty when Go's value is zero. */
  Optional<Double> ratio(DriverResult r, DriverResult go) {
    double base = value.applyAsDouble(go);
    return base == 0 ? Optional.empty() : Optional.of(value.applyAsDouble(r) / base);
  }

  static String format(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }
}
