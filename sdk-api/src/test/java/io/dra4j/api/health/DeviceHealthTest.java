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
package io.dra4j.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceHealthTest {

  @Test
  void longMessagesAreCutTo1024Characters() {
    DeviceHealth h = DeviceHealth.unhealthy("p", "d", "x".repeat(5000));

    assertThat(h.message()).hasSize(1024).endsWith("...");
    assertThat(h.status()).isEqualTo(HealthStatus.UNHEALTHY);
  }

  @Test
  void shortMessagesAreKept() {
    assertThat(DeviceHealth.unhealthy("p", "d", "ecc errors").message()).isEqualTo("ecc errors");
    assertThat(DeviceHealth.healthy("p", "d").message()).isEmpty();
    assertThat(DeviceHealth.healthy("p", "d").status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void healthChecksPollEveryTenSecondsByDefault() throws Exception {
    HealthCheck check = () -> List.of(DeviceHealth.healthy("p", "d"));

    assertThat(check.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(check.check()).hasSize(1);
  }
}
