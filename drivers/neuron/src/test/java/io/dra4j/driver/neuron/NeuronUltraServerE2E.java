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
package io.dra4j.driver.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.cluster.ClusterDevice;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.junit.DraTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * UltraServer claims in a simulated cluster: a trn2u.48xlarge fixture node, the claim templates of
 * {@code deploy/ultraserver-claims.yaml}, allocation by the structured allocator and prepare
 * through the kubelet.
 */
@DraTest(
    providers = NeuronDeviceProvider.class,
    instanceType = "trn2u.48xlarge",
    settings = "capacityBlockId=" + NeuronUltraServerE2E.CAPACITY_BLOCK)
class NeuronUltraServerE2E {
  static final String CAPACITY_BLOCK = "cr-0a1b2c3d4e5f60718";

  @BeforeEach
  void applyClassAndTemplates(DraCluster cluster) {
    cluster.apply(Path.of("deploy/deviceclass.yaml"));
    cluster.apply(Path.of("deploy/ultraserver-claims.yaml"));
    cluster.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaimTemplate
        metadata: {name: neuron-ultraserver-3}
        spec:
          spec:
            devices:
              requests:
              - name: node
                exactly:
                  deviceClassName: neuron.aws.com
                  selectors:
                  - cel: {expression: 'device.attributes["neuron.aws.com"].resourceType == "neuron_node"'}
              config:
              - opaque:
                  driver: neuron.aws.com
                  parameters: {apiVersion: neuron.aws.com/v1, kind: UltraServerConfig, ultraserverMode: 3}
        """);
  }

  @AfterEach
  void deletePods(DraCluster cluster) {
    cluster.deleteAllPods();
  }

  private static PodRun run(DraCluster cluster, String pod, String template) {
    return cluster.runPod(PodSpec.pod(pod).claimFromTemplate("node", template).build());
  }

  @Test
  void trn2uNodePublishesSixteenDevicesAndTheNodeDeviceWithTheCapacityBlock(DraCluster cluster) {
    List<ClusterDevice> devices = cluster.awaitPublished(NeuronDeviceProvider.DRIVER, "node-1", 17);

    ClusterDevice node = devices.get(16);
    assertThat(node.name()).isEqualTo(NeuronDeviceProvider.NODE_DEVICE);
    assertThat(node.stringAttribute("resourceType").orElseThrow()).isEqualTo("neuron_node");
    assertThat(node.intAttribute("deviceCount").orElseThrow()).isEqualTo(16L);
    for (ClusterDevice d : devices) {
      assertThat(d.stringAttribute("capacityBlockId").orElseThrow()).isEqualTo(CAPACITY_BLOCK);
      assertThat(d.attribute("topology4_id")).isEmpty();
    }
    assertThat(devices.subList(0, 16))
        .allMatch(d -> d.stringAttribute("resourceType").orElseThrow().equals("neuron_device"));
  }

  @Test
  void fourNodeClaimGetsTheNodeDeviceAllDevicesAndTheUltraServerEnvironment(DraCluster cluster) {
    PodRun run = run(cluster, "worker-0", "neuron-ultraserver-4");

    assertThat(run.running()).as(run.toString()).isTrue();
    assertThat(run.devices(NeuronDeviceProvider.DRIVER))
        .extracting(ClusterDevice::name)
        .containsExactly(NeuronDeviceProvider.NODE_DEVICE);
    assertThat(run.container().deviceNodes()).hasSize(16);
    assertThat(run.container().env())
        .containsEntry("NEURON_RT_ULTRASERVER_MODE", "4")
        .containsEntry("NEURON_RT_ULTRASERVER_SERVER_ID", NodeFixtures.ULTRASERVER_SERVER_ID_4)
        .containsEntry(
            "NEURON_RT_ULTRASERVER_NODE_ID", Integer.toString(NodeFixtures.ULTRASERVER_NODE_ID_4))
        .containsEntry("NEURON_RT_VISIBLE_CORES", "0-63")
        .containsEntry("NEURON_LOGICAL_NC_CONFIG", "2");

    PodRun second = run(cluster, "worker-1", "neuron-ultraserver-4");
    assertThat(second.scheduled()).as("one node device per node").isFalse();
  }

  @Test
  void twoAndOneNodeClaimsSetTheirMode(DraCluster cluster) {
    PodRun two = run(cluster, "pair", "neuron-ultraserver-2");
    assertThat(two.container().env())
        .containsEntry("NEURON_RT_ULTRASERVER_MODE", "2")
        .containsEntry("NEURON_RT_ULTRASERVER_SERVER_ID", NodeFixtures.ULTRASERVER_SERVER_ID_2)
        .containsEntry(
            "NEURON_RT_ULTRASERVER_NODE_ID", Integer.toString(NodeFixtures.ULTRASERVER_NODE_ID_2));
    cluster.deleteAllPods();

    PodRun one = run(cluster, "single", "neuron-ultraserver-1");
    assertThat(one.running()).as(one.toString()).isTrue();
    assertThat(one.container().env())
        .containsEntry("NEURON_RT_ULTRASERVER_MODE", "1")
        .doesNotContainKey("NEURON_RT_ULTRASERVER_SERVER_ID");
  }

  @Test
  void invalidModeFailsThePodNamingTheAllowedValues(DraCluster cluster) {
    PodRun bad = run(cluster, "bad-mode", "neuron-ultraserver-3");

    assertThat(bad.scheduled()).isTrue();
    assertThat(bad.running()).isFalse();
    assertThat(String.join("\n", bad.prepareErrors()))
        .contains("ultraserverMode is 3")
        .contains("1, 2 and 4");
  }

  @Test
  void allDevicesClaimGetsEveryDeviceNodeOnce(DraCluster cluster) {
    cluster.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaimTemplate
        metadata: {name: all-neurons}
        spec:
          spec:
            devices:
              requests:
              - name: neurons
                exactly: {deviceClassName: neuron.aws.com, allocationMode: All}
        """);
    PodRun run = cluster.runPod(PodSpec.pod("all").claimFromTemplate("n", "all-neurons").build());

    assertThat(run.running()).as(run.toString()).isTrue();
    assertThat(run.devices(NeuronDeviceProvider.DRIVER)).hasSize(17);
    assertThat(run.container().deviceNodes()).hasSize(16);
    assertThat(run.container().env()).containsEntry("NEURON_RT_VISIBLE_CORES", "0-63");
  }

  @Test
  void plainFourDeviceClaimOnAnUltraServerNodeTakesTheFirstRowNotTheNodeDevice(DraCluster cluster) {
    cluster.applyClaimTemplate("four", "neurons", "neuron.aws.com", 4);
    PodRun run = cluster.runPod(PodSpec.pod("plain").claimFromTemplate("n", "four").build());

    assertThat(run.devices(NeuronDeviceProvider.DRIVER))
        .extracting(ClusterDevice::name)
        .containsExactly("neurondevice0", "neurondevice1", "neurondevice2", "neurondevice3");
  }
}
