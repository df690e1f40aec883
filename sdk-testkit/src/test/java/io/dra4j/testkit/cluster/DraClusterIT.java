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

import com.google.gson.JsonObject;
import io.dra4j.testkit.junit.SampleDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster harness without JUnit extensions: two nodes running a two-device driver. */
class DraClusterIT {
  private static DraCluster cluster;

  @BeforeAll
  static void start() {
    cluster = DraCluster.builder().provider(SampleDriver::new).nodes(2).start();
    SampleDriver.applyClassAndTemplates(cluster);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @AfterEach
  void deletePods() {
    cluster.deleteAllPods();
  }

  private static PodRun runOne(String pod) {
    return cluster.runPod(PodSpec.pod(pod).claimFromTemplate("dev", "one-device").build());
  }

  @Test
  void everyNodeRunsTheDriverAndPublishesItsDevices() {
    assertThat(cluster.nodes()).extracting(SimulatedNode::name).containsExactly("node-1", "node-2");
    for (SimulatedNode node : cluster.nodes()) {
      assertThat(node.kubelet().registeredDrivers()).containsExactly("sample.example.com");
      assertThat(cluster.awaitPublished("sample.example.com", node.name(), 2)).hasSize(2);
    }
  }

  @Test
  void podsGoToTheFirstNodeThatFitsInOrder() {
    assertThat(runOne("a").node()).contains("node-1");
    assertThat(runOne("b").node()).contains("node-1");
    assertThat(runOne("c").node()).contains("node-2");

    assertThat(
            cluster
                .api()
                .get("pods", "default", "c")
                .orElseThrow()
                .getAsJsonObject("spec")
                .get("nodeName")
                .getAsString())
        .isEqualTo("node-2");
  }

  @Test
  void generatedClaimIsOwnedByThePodAndRecordedInItsStatus() {
    PodRun run = runOne("owner");
    String claimName = run.claim("dev").claim().name();

    JsonObject claim = cluster.api().get("resourceclaims", "default", claimName).orElseThrow();
    JsonObject meta = claim.getAsJsonObject("metadata");
    assertThat(claimName).matches("owner-dev-[a-z0-9]{5}");
    assertThat(
            meta.getAsJsonArray("ownerReferences")
                .get(0)
                .getAsJsonObject()
                .get("uid")
                .getAsString())
        .isEqualTo(run.pod().uid());
    assertThat(
            meta.getAsJsonObject("annotations")
                .get(DraCluster.POD_CLAIM_NAME_ANNOTATION)
                .getAsString())
        .isEqualTo("dev");
    JsonObject status = claim.getAsJsonObject("status");
    assertThat(
            status.getAsJsonArray("reservedFor").get(0).getAsJsonObject().get("uid").getAsString())
        .isEqualTo(run.pod().uid());
    JsonObject podStatus =
        cluster.api().get("pods", "default", "owner").orElseThrow().getAsJsonObject("status");
    assertThat(
            podStatus
                .getAsJsonArray("resourceClaimStatuses")
                .get(0)
                .getAsJsonObject()
                .get("resourceClaimName")
                .getAsString())
        .isEqualTo(claimName);
  }

  @Test
  void deletingAPodUnpreparesItAndDeletesItsGeneratedClaimAndCdiSpec() throws IOException {
    PodRun run = runOne("short-lived");
    SimulatedNode node = cluster.node(run.node().orElseThrow());
    assertThat(cdiSpecs(node)).isEqualTo(1);

    cluster.deletePod("short-lived");

    assertThat(node.kubelet().claimInfos()).isEmpty();
    assertThat(cdiSpecs(node)).isZero();
    assertThat(cluster.api().get("resourceclaims", "default", run.claim("dev").claim().name()))
        .isEmpty();
    assertThat(cluster.api().get("pods", "default", "short-lived")).isEmpty();
    assertThat(cluster.pods()).isEmpty();
  }

  private static long cdiSpecs(SimulatedNode node) throws IOException {
    try (Stream<java.nio.file.Path> files = Files.list(node.cdiDir())) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    }
  }

  @Test
  void unschedulablePodStaysPendingWithTheReasonInItsStatus() {
    PodRun run =
        cluster.runPod(PodSpec.pod("big").claimFromTemplate("dev", "three-devices").build());

    assertThat(run.scheduled()).isFalse();
    assertThat(run.explanation().orElseThrow().nodes()).hasSize(2);
    assertThat(run.explainText()).contains("0/2 nodes fit the claims");
    JsonObject pod = cluster.api().get("pods", "default", "big").orElseThrow();
    assertThat(pod.getAsJsonObject("spec").has("nodeName")).isFalse();
    assertThat(
            pod.getAsJsonObject("status")
                .getAsJsonArray("conditions")
                .get(0)
                .getAsJsonObject()
                .get("reason")
                .getAsString())
        .isEqualTo("Unschedulable");
    assertThatThrownBy(run::container)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pod default/big is unschedulable");
  }

  @Test
  void podWithAMissingTemplateIsRejectedWithTheClusterState() {
    assertThatThrownBy(
            () -> cluster.runPod(PodSpec.pod("lost").claimFromTemplate("dev", "no-such").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ResourceClaimTemplate default/no-such, which does not exist")
        .hasMessageContaining("ResourceSlices:")
        .hasMessageContaining("simulated kubelet on node node-1");
  }

  @Test
  void describeListsSlicesClaimsPodsAndKubelets() {
    runOne("described");

    assertThat(cluster.describe())
        .contains("driver sample.example.com, node node-1, pool node-1, 2 devices [dev-0, dev-1]")
        .contains("default/described-dev-")
        .contains("allocated [dev=sample.example.com/node-1/dev-0], reservedFor [described]")
        .contains("default/described: bound to node-1")
        .contains("simulated kubelet on node node-2");
  }
}
