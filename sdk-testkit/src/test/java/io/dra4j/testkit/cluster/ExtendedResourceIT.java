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

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import org.junit.jupiter.api.Test;

/**
 * Pods asking for an extended resource that a DeviceClass maps get a claim made by the scheduler
 * from 1.36 (DRAExtendedResource); before, such a pod needs the node to advertise the resource.
 */
class ExtendedResourceIT {
  private static final String DRIVER = "neuron.example.com";
  private static final String NEURON = "aws.amazon.com/neuron";

  private static DraCluster cluster(String version) {
    DraCluster cluster =
        DraCluster.builder().withoutDrivers().nodes(1).kubernetesVersion(version).start();
    cluster.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: DeviceClass
        metadata: {name: neuron}
        spec:
          selectors: [{cel: {expression: 'device.driver == "neuron.example.com"'}}]
          extendedResourceName: aws.amazon.com/neuron
        ---
        apiVersion: resource.k8s.io/v1
        kind: ResourceSlice
        metadata: {name: node-1-neuron}
        spec:
          driver: neuron.example.com
          nodeName: node-1
          pool: {name: node-1, generation: 0, resourceSliceCount: 1}
          devices: [{name: nd-0}, {name: nd-1}, {name: nd-2}, {name: nd-3}]
        """);
    return cluster;
  }

  /** Container {@code main} asks by the class's explicit name, {@code side} by the implicit one. */
  private static String pod(String name, int neurons, int implicit) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s}
        spec:
          containers:
          - name: main
            resources: {limits: {aws.amazon.com/neuron: "%d"}, requests: {cpu: "1"}}
          - name: side
            resources: {requests: {cpu: "1", deviceclass.resource.kubernetes.io/neuron: "%d"}}
        """
        .formatted(name, neurons, implicit);
  }

  @Test
  void theSchedulerMakesAClaimForMappedExtendedResources() {
    try (DraCluster cluster = cluster("1.36")) {
      PodRun run = cluster.runPod(pod("a", 2, 1));

      assertThat(run.node()).contains("node-1");
      PodClaimAllocation claim = run.claim("extended-resources");
      assertThat(claim.claim().name()).startsWith("a-extended-resources-");
      assertThat(claim.devices(DRIVER))
          .extracting(d -> d.request().orElseThrow() + "=" + d.name())
          .containsExactly(
              "container-0-request-0=nd-0",
              "container-0-request-0=nd-1",
              "container-1-request-1=nd-2");
      JsonObject stored =
          cluster.api().get("resourceclaims", "default", claim.claim().name()).orElseThrow();
      assertThat(
              JsonFields.string(
                  stored,
                  "metadata",
                  "annotations",
                  "resource.kubernetes.io/extended-resource-claim"))
          .isEqualTo("true");
      assertThat(JsonFields.objects(stored, "metadata", "ownerReferences"))
          .extracting(o -> JsonFields.string(o, "name"))
          .containsExactly("a");
      JsonObject status =
          JsonFields.object(
                  cluster.api().get("pods", "default", "a").orElseThrow(),
                  "status",
                  "extendedResourceClaimStatus")
              .orElseThrow();
      assertThat(JsonFields.string(status, "resourceClaimName")).isEqualTo(claim.claim().name());
      assertThat(JsonFields.objects(status, "requestMappings"))
          .extracting(
              m ->
                  JsonFields.string(m, "containerName")
                      + ":"
                      + JsonFields.string(m, "resourceName")
                      + ":"
                      + JsonFields.string(m, "requestName"))
          .containsExactly(
              "main:" + NEURON + ":container-0-request-0",
              "side:deviceclass.resource.kubernetes.io/neuron:container-1-request-1");

      assertThat(cluster.runPod(pod("b", 2, 0)).scheduled()).isFalse();
      cluster.deletePod("a");
      assertThat(cluster.api().get("resourceclaims", "default", claim.claim().name())).isEmpty();
      assertThat(cluster.runPod(pod("c", 4, 0)).scheduled()).isTrue();
    }
  }

  @Test
  void aPodThatDoesNotFitLeavesNoClaimBehind() {
    try (DraCluster cluster = cluster("1.37")) {
      PodRun run = cluster.runPod(pod("big", 5, 0));

      assertThat(run.scheduled()).isFalse();
      assertThat(run.claims()).isEmpty();
      assertThat(run.explainText()).contains("container-0-request-0");
      assertThat(cluster.api().list("resourceclaims")).isEmpty();
    }
  }

  @Test
  void withoutTheGateTheNodeMustAdvertiseTheResource() {
    try (DraCluster cluster = cluster("1.35")) {
      PodRun run = cluster.runPod(pod("a", 2, 0));

      assertThat(run.scheduled()).isFalse();
      assertThat(run.explainText())
          .contains("node-1")
          .contains("Insufficient aws.amazon.com/neuron")
          .contains("DRAExtendedResource is off in Kubernetes 1.35");
      assertThat(cluster.api().list("resourceclaims")).isEmpty();
      JsonObject pod = cluster.api().get("pods", "default", "a").orElseThrow();
      assertThat(JsonFields.objects(pod, "status", "conditions"))
          .extracting(c -> JsonFields.string(c, "message"))
          .containsExactly("0/1 nodes are available: 1 Insufficient aws.amazon.com/neuron.");
    }
  }

  @Test
  void anUnmappedExtendedResourceIsInsufficientEvenWithTheGate() {
    try (DraCluster cluster = cluster("1.37")) {
      PodRun run =
          cluster.runPod(
              """
              apiVersion: v1
              kind: Pod
              metadata: {name: other}
              spec:
                containers:
                - name: main
                  resources: {limits: {example.com/other: "1"}}
              """);

      assertThat(run.scheduled()).isFalse();
      assertThat(run.explainText())
          .contains("Insufficient example.com/other")
          .contains("no DeviceClass has it as spec.extendedResourceName");
      assertThat(run.claims()).isEmpty();
    }
  }
}
