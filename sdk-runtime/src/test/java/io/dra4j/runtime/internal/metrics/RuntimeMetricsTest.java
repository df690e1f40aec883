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

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuntimeMetricsTest {
  private final RuntimeMetrics metrics =
      new RuntimeMetrics("gpu.example.com", List.of("claim_not_found", "timeout"));

  @Test
  void histogramBucketsAreCumulativeAndCountEveryObservation() {
    metrics.recordRpc("v1.NodePrepareResources", "OK", Duration.ofNanos(300_000));
    metrics.recordRpc("v1.NodePrepareResources", "OK", Duration.ofMillis(3));
    metrics.recordRpc("v1.NodePrepareResources", "OK", Duration.ofSeconds(60));

    String labels = "driver=\"gpu.example.com\",method=\"v1.NodePrepareResources\",result=\"OK\"";
    assertThat(metrics.render())
        .contains("dra4j_rpc_duration_seconds_bucket{" + labels + ",le=\"0.0005\"} 1")
        .contains("dra4j_rpc_duration_seconds_bucket{" + labels + ",le=\"0.005\"} 2")
        .contains("dra4j_rpc_duration_seconds_bucket{" + labels + ",le=\"45.0\"} 2")
        .contains("dra4j_rpc_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 3")
        .contains("dra4j_rpc_duration_seconds_count{" + labels + "} 3")
        .contains("dra4j_rpc_duration_seconds_sum{" + labels + "} 60.0033");
  }

  @Test
  void resultsAreSeparateSeries() {
    metrics.recordRpc("v1.NodePrepareResources", "OK", Duration.ofMillis(1));
    metrics.recordRpc("v1.NodePrepareResources", "INTERNAL", Duration.ofMillis(1));

    assertThat(metrics.render()).contains("result=\"OK\"} 1").contains("result=\"INTERNAL\"} 1");
  }

  @Test
  void gaugesReadTheirSourcesAtRenderTime() {
    int[] prepared = {0};
    metrics.preparedClaims(() -> prepared[0]);
    metrics.registrationStatus(() -> "failed");
    prepared[0] = 7;

    assertThat(metrics.render())
        .contains("dra4j_prepared_claims{driver=\"gpu.example.com\"} 7")
        .contains("dra4j_registration_status{driver=\"gpu.example.com\",status=\"failed\"} 1")
        .contains("dra4j_registration_status{driver=\"gpu.example.com\",status=\"registered\"} 0");
  }

  @Test
  void labelValuesAreEscaped() {
    RuntimeMetrics odd = new RuntimeMetrics("a\"b", List.of());

    assertThat(odd.render()).contains("driver=\"a\\\"b\"");
  }

  @Test
  void claimErrorsAreCountedByOperationAndReasonAndKnownReasonsStartAtZero() {
    metrics.claimError("prepare", "claim_not_found");
    metrics.claimError("prepare", "claim_not_found");
    metrics.claimError("unprepare", "provider_failed");

    String d = "driver=\"gpu.example.com\"";
    assertThat(metrics.render())
        .contains("# TYPE dra4j_claim_errors_total counter")
        .contains(
            "dra4j_claim_errors_total{"
                + d
                + ",operation=\"prepare\",reason=\"claim_not_found\"} 2")
        .contains("dra4j_claim_errors_total{" + d + ",operation=\"prepare\",reason=\"timeout\"} 0")
        .contains(
            "dra4j_claim_errors_total{"
                + d
                + ",operation=\"unprepare\",reason=\"claim_not_found\"} 0")
        .contains(
            "dra4j_claim_errors_total{"
                + d
                + ",operation=\"unprepare\",reason=\"provider_failed\"} 1");
  }

  @Test
  void theRenderedTextIsValidPrometheusExposition() {
    metrics.recordRpc("v1.NodePrepareResources", "OK", Duration.ofMillis(1));
    metrics.claimError("prepare", "claim_not_found");
    metrics.claimError("unprepare", "odd \"reason\"");

    assertValidExposition(metrics.render());
  }

  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)"
              + "(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
              + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*\\})?"
              + " (-?[0-9.eE+-]+|\\+Inf|-Inf|NaN)");

  /**
   * Checks the text format 0.0.4: every sample line parses, every family has one TYPE line before
   * its samples, and a family's samples are not interleaved with another's.
   */
  static void assertValidExposition(String text) {
    assertThat(text).endsWith("\n");
    Set<String> typed = new HashSet<>();
    List<String> order = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String family = line.split(" ")[2];
        assertThat(typed.add(family)).as("one TYPE line for %s", family).isTrue();
        order.add(family);
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("sample line '%s'", line).isTrue();
      String family = m.group(1).replaceAll("_(bucket|sum|count)$", "");
      assertThat(order).as("TYPE before samples of %s", family).isNotEmpty();
      assertThat(order.get(order.size() - 1)).as("family of '%s'", line).isEqualTo(family);
    }
  }
}
