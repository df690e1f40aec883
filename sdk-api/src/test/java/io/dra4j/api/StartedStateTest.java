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
package io.dra4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartedStateTest {
  private static final PrepareRequest REQUEST =
      new PrepareRequest(
          new ClaimRef("ns", "claim", "uid-1"),
          List.of(AllocatedDevice.of("gpu", "node-1", "gpu-0")),
          List.of(),
          List.of());

  private final StartedState<String> state = StartedState.of("gpu.example.com");
  private final HealthCheck check =
      state.healthCheck(s -> List.of(DeviceHealth.healthy("node-1", s))).orElseThrow();

  @Test
  void prepareBeforeStartFailsNamingTheDriverAndTheClaim() {
    assertThat(state.get()).isEmpty();
    assertThatThrownBy(() -> state.require(REQUEST))
        .isInstanceOf(PrepareException.class)
        .hasMessage("gpu.example.com has not started: cannot prepare " + REQUEST.claim());
  }

  @Test
  void healthCheckBeforeStartReportsNoDevices() throws Exception {
    assertThat(check.check()).isEmpty();
  }

  @Test
  void afterStartEveryCallSeesTheLatestState() throws Exception {
    state.set("gpu-0");
    assertThat(state.require(REQUEST)).isEqualTo("gpu-0");
    assertThat(check.check()).containsExactly(DeviceHealth.healthy("node-1", "gpu-0"));

    state.set("gpu-1");
    assertThat(state.get()).contains("gpu-1");
    assertThat(check.check()).extracting(DeviceHealth::device).containsExactly("gpu-1");
  }

  @Test
  void aNullStateIsRejected() {
    assertThatThrownBy(() -> state.set(null)).isInstanceOf(NullPointerException.class);
  }
}
