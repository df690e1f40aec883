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

import static io.dra4j.runtime.internal.proto.health.v1alpha1.HealthStatus.HEALTHY;
import static io.dra4j.runtime.internal.proto.health.v1alpha1.HealthStatus.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dra4j.api.health.HealthStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeviceHealthIT extends KubeletTestSupport {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String GPU = "gpu.example.com";

  private final MutableClock clock = new MutableClock();

  private FakeDraPlugin healthPlugin() throws Exception {
    return plugin(GPU).versions("v1.DRAPlugin", "v1alpha1.DRAResourceHealth").start();
  }

  @Test
  void reportedHealthIsKeptPerDevice() throws Exception {
    FakeDraPlugin plugin = healthPlugin();
    SimulatedKubelet kubelet = startKubelet(kubelet().clock(clock));
    assertThat(kubelet.awaitRegistered(GPU, WAIT).healthVersion())
        .contains(HealthServiceVersion.V1ALPHA1);
    await().atMost(WAIT).until(() -> plugin.healthStreams() == 1);

    plugin.sendHealth("pool-a", "gpu-0", UNHEALTHY, 60);
    plugin.sendHealth("pool-a", "gpu-1", HEALTHY, 60);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(kubelet.deviceHealth(GPU, "pool-a", "gpu-0"))
                  .isEqualTo(HealthStatus.UNHEALTHY);
              assertThat(kubelet.deviceHealth(GPU, "pool-a", "gpu-1"))
                  .isEqualTo(HealthStatus.HEALTHY);
            });
    assertThat(kubelet.deviceHealth(GPU, "pool-a", "never-reported"))
        .isEqualTo(HealthStatus.UNKNOWN);
  }

  @Test
  void deviceNotReReportedWithinItsTimeoutBecomesUnknown() throws Exception {
    FakeDraPlugin plugin = healthPlugin();
    SimulatedKubelet kubelet = startKubelet(kubelet().clock(clock));
    kubelet.awaitRegistered(GPU, WAIT);
    await().atMost(WAIT).until(() -> plugin.healthStreams() == 1);

    plugin.sendHealth("pool-a", "gpu-0", HEALTHY, 10);
    plugin.sendHealth("pool-a", "gpu-1", HEALTHY, 0);
    await()
        .atMost(WAIT)
        .until(() -> kubelet.deviceHealth(GPU, "pool-a", "gpu-1") == HealthStatus.HEALTHY);

    clock.advance(Duration.ofSeconds(11));
    assertThat(kubelet.deviceHealth(GPU, "pool-a", "gpu-0")).isEqualTo(HealthStatus.UNKNOWN);
    // A timeout of 0 means the default of 30 s.
    assertThat(kubelet.deviceHealth(GPU, "pool-a", "gpu-1")).isEqualTo(HealthStatus.HEALTHY);
    clock.advance(Duration.ofSeconds(20));
    assertThat(kubelet.deviceHealth(GPU, "pool-a", "gpu-1")).isEqualTo(HealthStatus.UNKNOWN);

    // A fresh report counts from the kubelet's receive time.
    plugin.sendHealth("pool-a", "gpu-0", HEALTHY, 10);
    await()
        .atMost(WAIT)
        .until(() -> kubelet.deviceHealth(GPU, "pool-a", "gpu-0") == HealthStatus.HEALTHY);
  }

  @Test
  void streamEndClearsTheDriverCacheAndTheKubeletReconnects() throws Exception {
    FakeDraPlugin plugin = healthPlugin();
    SimulatedKubelet kubelet =
        startKubelet(kubelet().clock(clock).healthRetryDelay(Duration.ofMillis(200)));
    kubelet.awaitRegistered(GPU, WAIT);
    await().atMost(WAIT).until(() -> plugin.healthStreams() == 1);
    plugin.sendHealth("pool-a", "gpu-0", UNHEALTHY, 60);
    await()
        .atMost(WAIT)
        .until(() -> kubelet.deviceHealth(GPU, "pool-a", "gpu-0") == HealthStatus.UNHEALTHY);

    plugin.endHealthStreams();

    await()
        .atMost(WAIT)
        .until(() -> kubelet.deviceHealth(GPU, "pool-a", "gpu-0") == HealthStatus.UNKNOWN);
    await().atMost(WAIT).until(() -> plugin.healthStreams() == 1);
    plugin.sendHealth("pool-a", "gpu-0", HEALTHY, 60);
    await()
        .atMost(WAIT)
        .until(() -> kubelet.deviceHealth(GPU, "pool-a", "gpu-0") == HealthStatus.HEALTHY);
    assertThat(kubelet.events())
        .extracting(KubeletEvent::message)
        .anyMatch(m -> m.startsWith("health stream ended"));
  }

  @Test
  void v1HealthServiceIsStreamedWhenAdvertised() throws Exception {
    FakeDraPlugin plugin =
        plugin(GPU)
            .versions("v1.DRAPlugin", "v1alpha1.DRAResourceHealth", "v1.DRAResourceHealth")
            .start();
    SimulatedKubelet kubelet = startKubelet(kubelet().clock(clock));
    kubelet.awaitRegistered(GPU, WAIT);
    await().atMost(WAIT).until(() -> plugin.healthV1Streams() == 1);

    plugin.sendHealth("pool-a", "gpu-0", UNHEALTHY, 60);

    await()
        .atMost(WAIT)
        .until(() -> kubelet.deviceHealth(GPU, "pool-a", "gpu-0") == HealthStatus.UNHEALTHY);
    assertThat(plugin.healthStreams()).isZero();
  }

  @Test
  void pluginWithoutAdvertisedHealthGetsNoStream() throws Exception {
    FakeDraPlugin plugin = plugin(GPU).versions("v1.DRAPlugin").start();
    SimulatedKubelet kubelet = startKubelet(kubelet());

    assertThat(kubelet.awaitRegistered(GPU, WAIT).healthVersion()).isEmpty();
    assertThat(plugin.healthStreams()).isZero();
  }
}
