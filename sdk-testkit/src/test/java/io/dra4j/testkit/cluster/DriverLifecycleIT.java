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
import static org.awaitility.Awaitility.await;

import io.dra4j.testkit.junit.SampleDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Driver start and stop as the cluster's kubelets see them. */
class DriverLifecycleIT {

  @Test
  void slicesOfAStoppedDriverAreWipedFromItsNodeOnlyAfterTheWipingDelay() {
    try (DraCluster cluster =
        DraCluster.builder()
            .provider(SampleDriver::new)
            .nodes(2)
            .sliceWipingDelay(Duration.ofMillis(300))
            .start()) {
      cluster.node("node-1").stopDriver(SampleDriver.DRIVER);

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(cluster.node("node-1").kubelet().events())
                      .anySatisfy(
                          e ->
                              assertThat(e.message())
                                  .startsWith("wiped the ResourceSlices of node node-1")));
      assertThat(cluster.devices(SampleDriver.DRIVER, "node-1")).isEmpty();
      assertThat(cluster.devices(SampleDriver.DRIVER, "node-2")).hasSize(2);
      assertThat(cluster.node("node-1").drivers()).isEmpty();
    }
  }

  @Test
  void closingTheClusterRemovesItsTemporaryDirectories() {
    Path cdi;
    try (DraCluster cluster = DraCluster.builder().provider(SampleDriver::new).start()) {
      cdi = cluster.node("node-1").cdiDir();
      assertThat(cdi).isDirectory();
      assertThat(cluster.node("node-1").registrarDir().toString().length())
          .as("socket paths stay below the 108-byte limit")
          .isLessThan(60);
    }
    assertThat(Files.exists(cdi.getParent().getParent())).isFalse();
  }

  @Test
  void withoutProvidersAndNoneRegisteredTheClusterSaysHowToGiveOne() {
    assertThatThrownBy(() -> DraCluster.builder().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no device provider given and none registered with ServiceLoader")
        .hasMessageContaining("provider(MyProvider::new)");
  }

  @Test
  void unknownInstanceTypeIsRejectedWithTheKnownOnes() {
    assertThatThrownBy(() -> DraCluster.builder().instanceType("p5.48xlarge"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p5.48xlarge")
        .hasMessageContaining("trn2.48xlarge");
  }
}
