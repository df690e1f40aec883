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

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A driver publishing list attributes on a 1.37 cluster with DRAListTypeAttributes on. */
class ListAttributesClusterIT {
  private static final String DRIVER = "numa.example.com";

  /** Three devices whose NUMA lists overlap along a chain: {0,1} {1,2} {2,3}. */
  public static final class NumaDriver implements DeviceProvider {
    @Override
    public String driverName() {
      return DRIVER;
    }

    @Override
    public void start(DriverContext context) {
      Pool.Builder pool = Pool.builder(context.nodeName());
      for (int i = 0; i < 3; i++) {
        pool.device(
            Device.builder("dev-" + i)
                .attribute("numaNodes", AttributeValue.ints(List.of((long) i, (long) i + 1)))
                .build());
      }
      context.publish(Resources.of(pool.build()));
    }

    @Override
    public Preparation prepare(PrepareRequest request) {
      Preparation.Builder out = Preparation.builder();
      for (AllocatedDevice d : request.devices()) {
        out.device(
            d, ContainerEdits.builder().env("DEV_" + d.device().replace('-', '_'), "1").build());
      }
      return out.build();
    }

    @Override
    public void unprepare(PreparedClaim claim) {
      // nothing on the host
    }
  }

  @Test
  void matchAttributeAndIncludesWorkOnListAttributes() {
    try (DraCluster cluster =
        DraCluster.builder()
            .provider(NumaDriver::new)
            .kubernetesVersion("1.37")
            .featureGate("DRAListTypeAttributes", true)
            .start()) {
      cluster.applyDeviceClass(DRIVER);
      cluster.apply(
          """
          apiVersion: resource.k8s.io/v1
          kind: ResourceClaimTemplate
          metadata: {name: same-numa}
          spec:
            spec:
              devices:
                requests:
                - name: dev
                  exactly:
                    deviceClassName: numa.example.com
                    count: 2
                    selectors:
                    - cel: {expression: 'device.attributes["numa.example.com"].numaNodes.includes(2)'}
                constraints:
                - matchAttribute: numa.example.com/numaNodes
          """);

      PodRun run = cluster.runPod(PodSpec.pod("p").claimFromTemplate("dev", "same-numa").build());

      assertThat(run.running()).as(run.explainText()).isTrue();
      assertThat(run.devices(DRIVER))
          .extracting(ClusterDevice::name)
          .containsExactly("dev-1", "dev-2");
    }
  }

  @Test
  void theReleaseMustBeOneTheClusterEmulates() {
    assertThatThrownBy(() -> DraCluster.builder().kubernetesVersion("1.33"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.34 to 1.37");
    assertThatThrownBy(() -> DraCluster.builder().kubernetesVersion("latest"))
        .hasMessageContaining("such as \"1.37\"");
  }
}
