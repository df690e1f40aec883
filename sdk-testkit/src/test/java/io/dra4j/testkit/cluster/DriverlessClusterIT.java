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

import io.dra4j.testkit.junit.SampleDriver;
import org.junit.jupiter.api.Test;

/** A cluster without drivers schedules pods against slices applied by the test. */
class DriverlessClusterIT {
  private static final String DRIVER = "applied.example.com";

  @Test
  void podsAreBoundToAppliedSlicesWithoutPrepare() {
    try (DraCluster cluster = DraCluster.builder().withoutDrivers().nodes(2).start()) {
      assertThat(cluster.drivers()).isEmpty();
      cluster.applyDeviceClass(DRIVER);
      cluster.applyClaimTemplate("two", "dev", DRIVER, 2);
      cluster.apply(
          """
          apiVersion: resource.k8s.io/v1
          kind: ResourceSlice
          metadata: {name: node-2-devices}
          spec:
            driver: applied.example.com
            nodeName: node-2
            pool: {name: node-2, generation: 0, resourceSliceCount: 1}
            devices: [{name: dev-0}, {name: dev-1}]
          """);

      PodRun first = cluster.runPod(PodSpec.pod("a").claimFromTemplate("d", "two").build());
      PodRun second = cluster.runPod(PodSpec.pod("b").claimFromTemplate("d", "two").build());

      assertThat(first.node()).contains("node-2");
      assertThat(first.devices(DRIVER))
          .extracting(ClusterDevice::name)
          .containsExactly("dev-0", "dev-1");
      assertThat(first.prepare()).isEmpty();
      assertThat(first.running()).isFalse();
      assertThat(second.scheduled()).isFalse();
      assertThat(second.explainText()).contains("node-2");
      cluster.deleteAllPods();
      assertThat(cluster.pods()).isEmpty();
    }
  }

  @Test
  void providersAndWithoutDriversExcludeEachOther() {
    assertThatThrownBy(
            () -> DraCluster.builder().provider(SampleDriver::new).withoutDrivers().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "1 provider(s) were given; drop either the providers or withoutDrivers()");
  }
}
