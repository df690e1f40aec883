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
package io.dra4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import org.junit.jupiter.api.Test;

@DraTest(
    providers = SampleDriver.class,
    kubernetesVersion = "1.36",
    featureGates = "DRAListTypeAttributes=true")
class ReleaseDraTestIT {

  @Test
  void theReleaseAndGateReachTheApiServerAndTheScheduler(DraCluster cluster) {
    // The API server stores a list attribute (1.36 with the gate on).
    cluster.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceSlice
        metadata: {name: extra}
        spec:
          driver: other.example.com
          nodeName: node-1
          pool: {name: node-1, generation: 1, resourceSliceCount: 1}
          devices:
          - name: d
            attributes:
              numaNodes: {ints: [0, 1]}
        """);
    // The scheduler compiles includes(), here on a scalar attribute.
    cluster.applyDeviceClass(SampleDriver.DRIVER);
    cluster.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaimTemplate
        metadata: {name: second}
        spec:
          spec:
            devices:
              requests:
              - name: dev
                exactly:
                  deviceClassName: sample.example.com
                  selectors:
                  - cel: {expression: 'device.attributes["sample.example.com"].index.includes(1)'}
        """);

    PodRun run = cluster.runPod(PodSpec.pod("p").claimFromTemplate("dev", "second").build());

    assertThat(run.running()).as(run.explainText()).isTrue();
    assertThat(run.devices(SampleDriver.DRIVER)).extracting(d -> d.name()).containsExactly("dev-1");
  }
}
