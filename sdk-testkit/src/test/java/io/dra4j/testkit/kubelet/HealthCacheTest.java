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
package io.dra4j.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.api.health.HealthStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthCacheTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final HealthCache cache = new HealthCache();

  private void report(String device, HealthStatus status, long timeoutSeconds, Instant at) {
    cache.update(
        "gpu.example.com",
        List.of(new HealthCache.Report("pool", device, status, timeoutSeconds, "")),
        at);
  }

  @Test
  void deviceIsUnknownOnceItsTimeoutPassesSinceTheLastReceivedReport() {
    report("a", HealthStatus.UNHEALTHY, 10, T0);

    assertThat(cache.status("gpu.example.com", "pool", "a", T0.plusSeconds(10)))
        .isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(cache.status("gpu.example.com", "pool", "a", T0.plusSeconds(11)))
        .isEqualTo(HealthStatus.UNKNOWN);
  }

  @Test
  void nonPositiveTimeoutMeansThirtySeconds() {
    report("a", HealthStatus.HEALTHY, 0, T0);
    report("b", HealthStatus.HEALTHY, -5, T0);

    for (String device : List.of("a", "b")) {
      assertThat(cache.status("gpu.example.com", "pool", device, T0.plusSeconds(30)))
          .isEqualTo(HealthStatus.HEALTHY);
      assertThat(cache.status("gpu.example.com", "pool", device, T0.plusSeconds(31)))
          .isEqualTo(HealthStatus.UNKNOWN);
    }
  }

  @Test
  void clearingADriverForgetsOnlyItsDevices() {
    report("a", HealthStatus.HEALTHY, 60, T0);
    cache.update(
        "nic.example.com",
        List.of(new HealthCache.Report("pool", "a", HealthStatus.UNHEALTHY, 60, "")),
        T0);

    cache.clear("gpu.example.com");

    assertThat(cache.status("gpu.example.com", "pool", "a", T0)).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(cache.status("nic.example.com", "pool", "a", T0)).isEqualTo(HealthStatus.UNHEALTHY);
  }
}
