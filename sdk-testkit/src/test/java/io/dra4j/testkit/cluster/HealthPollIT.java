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
package io.dra4j.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.HealthStatus;
import io.dra4j.testkit.junit.SampleDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code SimulatedNode.pollHealth}: a health check that polls once an hour gives its verdict when
 * the test asks.
 */
class HealthPollIT {
  private static DraCluster cluster;

  @BeforeAll
  static void start() {
    cluster =
        DraCluster.builder()
            .provider(WidgetDriver::new)
            .provider(SampleDriver::new)
            .nodes(2)
            .hostTree(
                root -> {
                  WidgetDriver.write(root, 0, "w-100", "4Gi");
                  WidgetDriver.write(root, 1, "w-100", "4Gi");
                })
            .start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aPollGivesTheKubeletTheNewVerdictWithoutWaitingForTheInterval() throws IOException {
    SimulatedNode node = cluster.node("node-1");
    Path health = node.hostPaths().sys().resolve("class/widget/widget1/health");

    // snippet:poll-health
    Files.writeString(health, "overheated\n"); // what the driver's check reads
    List<DeviceHealth> reported = node.pollHealth(WidgetDriver.DRIVER);

    assertThat(node.kubelet().deviceHealth(WidgetDriver.DRIVER, "node-1", "widget1"))
        .isEqualTo(HealthStatus.UNHEALTHY);
    // end:poll-health
    assertThat(reported)
        .extracting(DeviceHealth::device, DeviceHealth::status)
        .containsExactly(
            tuple("widget0", HealthStatus.HEALTHY), tuple("widget1", HealthStatus.UNHEALTHY));
    assertThat(node.kubelet().deviceHealth(WidgetDriver.DRIVER, "node-1", "widget0"))
        .isEqualTo(HealthStatus.HEALTHY);

    Files.writeString(health, "ok\n");
    node.pollHealth(WidgetDriver.DRIVER);
    assertThat(node.kubelet().deviceHealth(WidgetDriver.DRIVER, "node-1", "widget1"))
        .isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void aDriverWithoutAHealthCheckOrNotOnTheNodeIsAnError() {
    SimulatedNode node = cluster.node("node-2");

    assertThatThrownBy(() -> node.pollHealth(SampleDriver.DRIVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "driver sample.example.com has no health check: its DeviceProvider.healthCheck() is"
                + " empty");
    assertThatThrownBy(() -> node.pollHealth("other.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "driver other.example.com does not run on node node-2; drivers:"
                + " [widget.example.com, sample.example.com]");
  }
}
