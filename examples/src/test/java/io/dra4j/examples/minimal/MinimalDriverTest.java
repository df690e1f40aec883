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
package io.dra4j.examples.minimal;

// snippet:draTest
import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import io.dra4j.testkit.junit.DraTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@DraTest(providers = MinimalDriver.class)
class MinimalDriverTest {

  @BeforeEach
  void applyClassAndTemplate(DraCluster cluster) {
    cluster.applyDeviceClass("minimal.example.com");
    cluster.applyClaimTemplate("one-counter", "counter", "minimal.example.com", 1);
  }

  @AfterEach
  void deletePods(DraCluster cluster) {
    cluster.deleteAllPods();
  }

  @Test
  void containerLearnsWhichCounterItGot(DraCluster cluster) {
    PodRun run = cluster.runPod(PodSpec.pod("app").claimFromTemplate("c", "one-counter").build());

    assertThat(run.container().env()).containsEntry("MINIMAL_DEVICE", "counter-0");
  }

  // end:draTest

  @Test
  void driverPublishesFourCounters(DraCluster cluster) {
    assertThat(cluster.awaitPublished("minimal.example.com", "node-1", 4))
        .extracting(d -> d.name())
        .containsExactly("counter-0", "counter-1", "counter-2", "counter-3");
  }

  // snippet:explain
  @Test
  void fourPodsGetFourDifferentCountersAndTheFifthWaits(DraCluster cluster) {
    for (int i = 0; i < 4; i++) {
      PodRun run =
          cluster.runPod(PodSpec.pod("app-" + i).claimFromTemplate("c", "one-counter").build());
      assertThat(run.container().env()).containsEntry("MINIMAL_DEVICE", "counter-" + i);
    }

    PodRun fifth =
        cluster.runPod(PodSpec.pod("app-4").claimFromTemplate("c", "one-counter").build());

    assertThat(fifth.scheduled()).isFalse();
    assertThat(fifth.explainText()).contains("0 usable, 1 needed").contains("in use (4)");
  }

  // end:explain

  @Test
  void deletingAPodFreesItsCounterForTheNextPod(DraCluster cluster) {
    PodRun first =
        cluster.runPod(PodSpec.pod("first").claimFromTemplate("c", "one-counter").build());
    String generatedClaim = first.claim("c").claim().name();

    cluster.deletePod("first");
    PodRun next = cluster.runPod(PodSpec.pod("next").claimFromTemplate("c", "one-counter").build());

    assertThat(cluster.api().get("resourceclaims", "default", generatedClaim)).isEmpty();
    assertThat(next.container().env()).containsEntry("MINIMAL_DEVICE", "counter-0");
  }
}
