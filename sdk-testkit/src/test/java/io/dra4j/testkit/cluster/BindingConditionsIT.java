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
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.allocator.Explanation;
import org.junit.jupiter.api.Test;

/**
 * The scheduler holds a pod whose device has binding conditions until they are True in the claim's
 * device status (DRADeviceBindingConditions, 1.36+), and retries it after a binding failure.
 */
class BindingConditionsIT {
  private static final String DRIVER = "attach.example.com";
  private static final String ATTACHED = "attach.example.com/attached";
  private static final String FAILED = "attach.example.com/attach-failed";

  private static DraCluster cluster() {
    return cluster("1.36");
  }

  private static DraCluster cluster(String release) {
    DraCluster cluster =
        DraCluster.builder().withoutDrivers().nodes(1).kubernetesVersion(release).start();
    cluster.applyDeviceClass(DRIVER);
    cluster.applyClaimTemplate("one", "dev", DRIVER, 1);
    cluster.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceSlice
        metadata: {name: node-1-attach}
        spec:
          driver: attach.example.com
          nodeName: node-1
          pool: {name: node-1, generation: 0, resourceSliceCount: 1}
          devices:
          - name: dev-0
            bindsToNode: true
            bindingConditions: [attach.example.com/attached]
            bindingFailureConditions: [attach.example.com/attach-failed]
        """);
    return cluster;
  }

  private static JsonObject claim(DraCluster cluster, ClaimRef ref) {
    return cluster.api().get("resourceclaims", ref.namespace(), ref.name()).orElseThrow();
  }

  @Test
  void thePodIsBoundOnceEveryBindingConditionIsTrue() {
    try (DraCluster cluster = cluster()) {
      PodRun held = cluster.runPod(PodSpec.pod("a").claimFromTemplate("d", "one").build());

      assertThat(held.scheduled()).isFalse();
      Explanation why = held.explanation().orElseThrow();
      assertThat(why.reason()).isEqualTo(Explanation.Reason.WAITING_FOR_BINDING_CONDITIONS);
      assertThat(why.nodes())
          .singleElement()
          .extracting(Explanation.NodeReport::node)
          .isEqualTo("node-1");
      assertThat(held.explainText())
          .contains("node node-1: waiting for binding conditions: claim ")
          .contains("attach.example.com/node-1/dev-0: [" + ATTACHED + "]")
          .contains("reason: WAITING_FOR_BINDING_CONDITIONS");
      assertThat(held.binding().orElseThrow())
          .startsWith("waiting for binding conditions on node node-1")
          .contains("attach.example.com/node-1/dev-0")
          .contains(ATTACHED);
      ClaimRef ref = held.claim("d").claim();
      assertThat(JsonFields.objects(claim(cluster, ref), "status", "reservedFor"))
          .extracting(r -> JsonFields.string(r, "name"))
          .containsExactly("a");
      assertThatThrownBy(held::container).hasMessageContaining("is not bound: waiting for binding");
      assertThat(
              cluster
                  .api()
                  .get("pods", "default", "a")
                  .map(p -> JsonFields.string(p, "spec", "nodeName")))
          .contains("");

      cluster.setDeviceCondition(ref, DRIVER, "node-1", "dev-0", ATTACHED, false);
      assertThat(cluster.pod("default", "a").orElseThrow().binding()).isPresent();

      cluster.setDeviceCondition(ref, DRIVER, "node-1", "dev-0", ATTACHED, true);
      PodRun bound = cluster.pod("default", "a").orElseThrow();
      assertThat(bound.node()).contains("node-1");
      assertThat(bound.binding()).isEmpty();
      assertThat(
              cluster
                  .api()
                  .get("pods", "default", "a")
                  .map(p -> JsonFields.string(p, "spec", "nodeName")))
          .contains("node-1");
    }
  }

  @Test
  void aBindingFailureDeallocatesTheClaimAndTheSchedulerRetries() {
    try (DraCluster cluster = cluster()) {
      PodRun held = cluster.runPod(PodSpec.pod("a").claimFromTemplate("d", "one").build());
      ClaimRef ref = held.claim("d").claim();
      String allocatedAt =
          JsonFields.string(claim(cluster, ref), "status", "allocation", "allocationTimestamp");

      cluster.setDeviceCondition(ref, DRIVER, "node-1", "dev-0", FAILED, true);

      PodRun retried = cluster.pod("default", "a").orElseThrow();
      assertThat(retried.scheduled()).isFalse();
      assertThat(retried.binding().orElseThrow())
          .startsWith("binding failed on node node-1 (claim " + ref.name())
          .contains(FAILED)
          .contains("retried: waiting for binding conditions on node node-1");
      Explanation why = retried.explanation().orElseThrow();
      assertThat(why.reason()).isEqualTo(Explanation.Reason.BINDING_FAILED);
      assertThat(why.nodes())
          .extracting(Explanation.NodeReport::reason)
          .containsExactly(
              Explanation.Reason.BINDING_FAILED, Explanation.Reason.WAITING_FOR_BINDING_CONDITIONS);
      assertThat(why.nodes().get(0).summary())
          .startsWith("binding failed: claim " + ref.name())
          .contains(FAILED + " is True");
      assertThat(retried.explainText()).contains("reason: BINDING_FAILED");
      JsonObject stored = claim(cluster, ref);
      // Deallocation dropped the failed device's status; the retry allocated the device again.
      assertThat(JsonFields.objects(stored, "status", "devices")).isEmpty();
      assertThat(JsonFields.objects(stored, "status", "allocation", "devices", "results"))
          .hasSize(1);
      assertThat(allocatedAt).isNotEmpty();
    }
  }

  @Test
  void deletingAHeldPodReleasesItsClaim() {
    try (DraCluster cluster = cluster()) {
      PodRun held = cluster.runPod(PodSpec.pod("a").claimFromTemplate("d", "one").build());
      ClaimRef ref = held.claim("d").claim();

      cluster.deletePod("a");

      assertThat(cluster.api().get("resourceclaims", ref.namespace(), ref.name())).isEmpty();
      assertThat(cluster.runPod(PodSpec.pod("b").claimFromTemplate("d", "one").build()).binding())
          .isPresent();
    }
  }

  @Test
  void withTheGateOffTheApiServerDropsTheConditionsAndTheDeviceIsAnOrdinaryOne() {
    // DRADeviceBindingConditions is alpha and off in 1.35, as kube-apiserver 1.35 stores the slice
    // without the fields and kube-scheduler binds the pod at once.
    try (DraCluster cluster = cluster("1.35")) {
      JsonObject device =
          JsonFields.objects(
                  cluster.api().get("resourceslices", "", "node-1-attach").orElseThrow(),
                  "spec",
                  "devices")
              .get(0);
      assertThat(device.has("bindingConditions")).isFalse();
      assertThat(device.has("bindsToNode")).isFalse();

      PodRun run = cluster.runPod(PodSpec.pod("a").claimFromTemplate("d", "one").build());

      assertThat(run.node()).contains("node-1");
      assertThat(run.binding()).isEmpty();
    }
  }

  @Test
  void conditionsNeedAnAllocatedClaim() {
    try (DraCluster cluster = cluster()) {
      assertThatThrownBy(
              () ->
                  cluster.setDeviceCondition(
                      new ClaimRef("default", "nope", "uid"),
                      DRIVER,
                      "node-1",
                      "dev-0",
                      ATTACHED,
                      true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("claim default/nope does not exist");
    }
  }
}
