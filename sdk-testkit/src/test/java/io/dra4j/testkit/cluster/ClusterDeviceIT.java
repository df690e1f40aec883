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

import io.dra4j.api.device.Quantity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Published and allocated devices come back as the same {@link ClusterDevice}. */
class ClusterDeviceIT {
  private static DraCluster cluster;

  @BeforeAll
  static void start() {
    cluster =
        DraCluster.builder()
            .provider(WidgetDriver::new)
            .hostTree(root -> WidgetDriver.write(root, 0, "w-100", "4Gi"))
            .start();
    cluster.applyDeviceClass(WidgetDriver.DRIVER);
    cluster.applyClaimTemplate("one-widget", "widget", WidgetDriver.DRIVER, 1);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void publishedAndAllocatedDevicesAreTheSameRecord() {
    // snippet:device-lookup
    ClusterDevice published = cluster.awaitPublished(WidgetDriver.DRIVER, "node-1", 1).get(0);
    assertThat(published.intAttribute("index")).contains(0L); // the driver's own domain
    assertThat(published.intAttribute("widget.example.com/index")).contains(0L);
    assertThat(published.stringAttribute("resource.example.com/rack")).contains("r1");
    assertThat(published.capacity("memory")).contains(Quantity.parse("4Gi"));

    PodRun run = cluster.runPod(PodSpec.pod("app").claimFromTemplate("w", "one-widget").build());
    ClusterDevice allocated = run.devices(WidgetDriver.DRIVER).get(0);
    assertThat(allocated.request()).contains("widget");
    // end:device-lookup

    assertThat(published.node()).contains("node-1");
    assertThat(published.pool()).isEqualTo("node-1");
    assertThat(published.request()).isEmpty();
    assertThat(allocated.node()).contains("node-1");
    assertThat(allocated.attributes()).isEqualTo(published.attributes());
    assertThat(allocated.capacity()).isEqualTo(published.capacity());
    assertThat(List.of(allocated.driver(), allocated.pool(), allocated.name()))
        .containsExactly(WidgetDriver.DRIVER, "node-1", "widget0");
    assertThat(cluster.devices(WidgetDriver.DRIVER, "node-1")).containsExactly(published);
    assertThat(allocated)
        .isEqualTo(
            new ClusterDevice(
                published.driver(),
                published.pool(),
                published.name(),
                published.node(),
                Optional.of("widget"),
                published.attributes(),
                published.capacity()));
    cluster.deletePod("app");
  }
}
