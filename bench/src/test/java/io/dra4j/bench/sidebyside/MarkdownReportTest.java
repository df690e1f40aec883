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

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  static DriverResult result(String label, double p99, double t8, long rssKib, int noop) {
    return new DriverResult(
        label, 100, 120, rssKib, rssKib * 2, 50, p99, 500, t8, 900, 1, noop, 1, 2, "{}", "id");
  }

  private static String row(String markdown, String name) {
    return markdown
        .lines()
        .filter(l -> l.startsWith("| " + name + " |"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + markdown));
  }

  @Test
  void ratiosAreDra4jOverGoAndMarkEachTargetMetOrMissed() {
    DriverResult go = result("Go helper", 400, 1000, 40 * 1024, 0);
    DriverResult dra4j = result("dra4j", 200, 800, 120 * 1024, 0);
    String md = MarkdownReport.render(go, List.of(dra4j), List.of("context line"));

    assertThat(md).contains("context line");
    assertThat(md).contains("| measurement | Go helper | dra4j | dra4j / Go | target");
    assertThat(row(md, "prepare p99")).contains("| 400 µs | 200 µs | 0.50 ✓ | ≤ 0.7 |");
    assertThat(row(md, "throughput, 8 callers"))
        .contains("| 1,000 claims/s | 800 claims/s | 0.80 ✗ | ≥ 1.5 |");
    assertThat(row(md, "idle RSS")).contains("| 40.0 MiB | 120.0 MiB | 3.00 ✗ | ≤ 2 |");
    assertThat(row(md, "slice writes: no-op republish")).contains("| 0 | 0 | = | – |");
  }

  @Test
  void aColumnPairPerDra4jResult() {
    DriverResult go = result("Go helper", 400, 1000, 40 * 1024, 0);
    String md =
        MarkdownReport.render(
            go, List.of(result("a", 400, 1000, 80 * 1024, 1), result("b", 1, 1, 1, 0)), List.of());
    assertThat(md).contains("| a | a / Go | b | b / Go |");
    assertThat(row(md, "idle RSS")).contains("| 80.0 MiB | 2.00 ✓ |");
    assertThat(row(md, "slice writes: no-op republish")).contains("| 1 | – | 0 | = |");
  }
}
