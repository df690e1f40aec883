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

import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@DraTest(providers = SampleDriver.class)
class DraTestIT {

  @BeforeEach
  void applyClassesAndTemplates(DraCluster cluster) {
    SampleDriver.applyClassAndTemplates(cluster);
  }

  @AfterEach
  void deletePods(DraCluster cluster) {
    for (String pod : new String[] {"app", "greedy"}) {
      if (cluster.pod("default", pod).isPresent()) {
        cluster.deletePod(pod);
      }
    }
  }

  @Test
  void podWithAClaimGetsTheDriversEnvAndDeviceNode(DraCluster cluster) {
    PodRun run = cluster.runPod(PodSpec.pod("app").claimFromTemplate("dev", "one-device").build());

    assertThat(run.running()).as(run.toString()).isTrue();
    assertThat(run.node()).contains("node-1");
    assertThat(run.claim("dev").claim().name()).startsWith("app-dev-");
    assertThat(run.devices(SampleDriver.DRIVER)).extracting(d -> d.name()).containsExactly("dev-0");
    assertThat(run.container().env()).containsEntry("SAMPLE_DEVICE", "dev-0");
    assertThat(run.container().deviceNodes())
        .extracting(DeviceNode::path)
        .containsExactly("/dev/sample-dev-0");
  }

  @Test
  void podAskingForMoreDevicesThanTheNodeHasIsUnschedulableWithAnExplanation(DraCluster cluster) {
    PodRun run =
        cluster.runPod(PodSpec.pod("greedy").claimFromTemplate("dev", "three-devices").build());

    assertThat(run.scheduled()).isFalse();
    assertThat(run.prepare()).isEmpty();
    assertThat(run.explanation()).isPresent();
    assertThat(run.explainText())
        .contains("node node-1")
        .contains("request dev (class sample.example.com")
        .contains("2 usable, 3 needed");
  }
}
