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
package io.dra4j.conformance;

import static io.dra4j.conformance.TestObjects.array;
import static io.dra4j.conformance.TestObjects.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.driver.efa.EfaDeviceProvider;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.kubelet.ClaimInfo;
import io.dra4j.testkit.kubelet.PodPrepareResult;
import io.dra4j.testkit.kubelet.PodUnprepareResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole path on one trn2.48xlarge node: both drivers run in the SDK runtime against the real
 * API server, register with the testkit's simulated kubelet over unix sockets, the real scheduler
 * allocates the seed template, the kubelet prepares the pod's claim over gRPC (CDI specs written),
 * and unprepares it when the pod ends.
 */
class DriverPrepareE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final Duration WAIT = Duration.ofSeconds(60);

  static Stream<String> versions() {
    return Clusters.versions();
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void kubeletPreparesTheRealSchedulersAllocationAndUnpreparesItWhenThePodEnds(String version)
      throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "prepare-" + suffix;
    String node = "prepare-" + suffix + "-trn2";
    DriverSchedulingE2E.applySeed(objects, ns);
    TestObjects.createNode(objects, node, ns);
    NodeFixture fixture =
        NodeFixtures.write("trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(node));

    try (NodeAgents agents =
        NodeAgents.start(
            cluster,
            node,
            fixture.hostPaths(),
            Map.of(),
            List.of(new NeuronDeviceProvider(), new EfaDeviceProvider()))) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  objects
                          .list("resource.k8s.io/v1", "ResourceSlice", "", "spec.nodeName=" + node)
                          .size()
                      == 2);

      objects.apply(TestObjects.pod(ns, "train", "neuron-efa-4"));
      JsonObject pod = awaitScheduled(objects, ns, "train");
      assertThat(string(pod, "spec.nodeName")).isEqualTo(node);
      JsonObject claim = claimOf(objects, pod);

      PodPrepareResult prepared = agents.prepare(pod, List.of(claim));

      assertThat(prepared.succeeded()).as(prepared.eventMessage()).isTrue();
      ClaimInfo info = agents.kubelet().claimInfo(TestObjects.uid(claim)).orElseThrow();
      assertThat(info.prepared()).isTrue();
      assertThat(info.drivers()).containsExactly("efa.networking.k8s.aws", "neuron.aws.com");
      assertThat(info.devices()).hasSize(8);
      assertThat(agents.cdiSpecs()).as("CDI specs after prepare").isNotEmpty();

      PodUnprepareResult unprepared = agents.unprepare(pod);
      assertThat(unprepared.succeeded()).as(unprepared.toString()).isTrue();
      assertThat(agents.cdiSpecs()).as("CDI specs after unprepare").isEmpty();
      assertThat(agents.kubelet().claimInfo(TestObjects.uid(claim))).isEmpty();

      // The pod ends: the resourceclaim controller deletes the claim made from the template.
      objects.deleteNow("v1", "Pod", ns, "train");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  objects
                      .find("resource.k8s.io/v1", "ResourceClaim", ns, TestObjects.name(claim))
                      .isEmpty());
    }
  }

  /** Waits until the scheduler bound the pod, and returns it. */
  static JsonObject awaitScheduled(KubeObjects objects, String ns, String pod) {
    await()
        .atMost(WAIT)
        .until(() -> !string(objects.get("v1", "Pod", ns, pod), "spec.nodeName").isEmpty());
    return objects.get("v1", "Pod", ns, pod);
  }

  /** The claim made for the pod's one template-based claim. */
  static JsonObject claimOf(KubeObjects objects, JsonObject pod) {
    List<JsonObject> statuses = array(pod, "status.resourceClaimStatuses");
    assertThat(statuses).as("claim statuses of %s", TestObjects.name(pod)).hasSize(1);
    return objects.get(
        "resource.k8s.io/v1",
        "ResourceClaim",
        string(pod, "metadata.namespace"),
        string(statuses.get(0), "resourceClaimName"));
  }
}
