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
import io.dra4j.testkit.cluster.PodSpec;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The programmatic form, registered on an instance field: still one cluster per test class. */
class DraExtensionIT {
  private static final Set<DraCluster> SEEN = ConcurrentHashMap.newKeySet();

  @RegisterExtension
  final DraExtension dra = DraExtension.builder().provider(SampleDriver::new).nodes(2).build();

  @AfterEach
  void deletePods() {
    dra.cluster().deleteAllPods();
  }

  @Test
  void clusterHasTheConfiguredNodesAndIsSharedByTheTestsOfTheClass(DraCluster injected) {
    SEEN.add(injected);

    assertThat(injected).isSameAs(dra.cluster());
    assertThat(injected.nodes()).hasSize(2);
    assertThat(SEEN).hasSize(1);
  }

  @Test
  void injectedClusterRunsPods(DraCluster injected) {
    SEEN.add(injected);
    SampleDriver.applyClassAndTemplates(injected);

    assertThat(
            injected
                .runPod(PodSpec.pod("p").claimFromTemplate("dev", "one-device").build())
                .container()
                .env())
        .containsEntry("SAMPLE_DEVICE", "dev-0");
    assertThat(SEEN).hasSize(1);
  }
}
