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
package io.dra4j.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuntimeMetricsTest {
  private final RuntimeMetrics metrics = new RuntimeMetrics("gpu.example.com");

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
    RuntimeMetrics odd = new RuntimeMetrics("a\"b");

    assertThat(odd.render()).contains("driver=\"a\\\"b\"");
  }
}
