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

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.testkit.cluster.ClusterDevice;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import io.dra4j.testkit.junit.DraExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Neuron driver in a whole simulated cluster: a trn2.48xlarge fixture node, the driver on real
 * sockets, claims scheduled by the structured allocator and prepared through the kubelet.
 */
class NeuronDriverE2E {
  private static final String GROUP4 = "resource.aws.com/devicegroup4_id";
  private static final Path DEVICE_CLASS = Path.of("deploy/deviceclass.yaml");

  @RegisterExtension
  static final DraExtension DRA =
      DraExtension.builder()
          .provider(NeuronDeviceProvider::new)
          .nodes(1)
          .instanceType("trn2.48xlarge")
          .deviceMetadata(true)
          .build();

  @BeforeEach
  void applyClassAndTemplates() {
    DraCluster cluster = DRA.cluster();
    cluster.apply(DEVICE_CLASS);
    cluster.apply(
        rowTemplate("neuron-row", "")
            + rowTemplate("lnc-1", lncConfig(1))
            + rowTemplate("lnc-2", lncConfig(2))
            + rowTemplate("lnc-3", lncConfig(3)));
    cluster.applyClaimTemplate("any-four", "neurons", "neuron.aws.com", 4);
  }

  private static String lncConfig(int lnc) {
    return """
          config:
          - opaque:
              driver: neuron.aws.com
              parameters: {apiVersion: neuron.aws.com/v1, kind: NeuronConfig, logicalNeuronCore: %d}
        """
        .formatted(lnc);
  }

  /** Four Neuron devices of one group of four, with an optional claim config section. */
  private static String rowTemplate(String name, String config) {
    return """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaimTemplate
        metadata: {name: %s, namespace: default}
        spec:
          spec:
            devices:
              requests:
              - name: neurons
                exactly: {deviceClassName: neuron.aws.com, count: 4}
              constraints:
              - matchAttribute: resource.aws.com/devicegroup4_id
        """
            .formatted(name)
        + config.indent(4)
        + "---\n";
  }

  @AfterEach
  void deletePods() {
    DRA.cluster().deleteAllPods();
  }

  private static PodRun run(String pod, String template) {
    return DRA.cluster().runPod(PodSpec.pod(pod).claimFromTemplate("neurons", template).build());
  }

  private static Set<Long> deviceIds(PodRun run) {
    Set<Long> ids = new TreeSet<>();
    for (ClusterDevice d : run.devices(NeuronDeviceProvider.DRIVER)) {
      ids.add(Long.parseLong(d.attributeText("deviceId").orElseThrow()));
    }
    return ids;
  }

  @Test
  void trn2NodePublishesSixteenDevicesInFourGroupsOfFour() {
    List<ClusterDevice> devices =
        DRA.cluster().awaitPublished(NeuronDeviceProvider.DRIVER, "node-1", 16);

    Set<String> groups = new HashSet<>();
    for (ClusterDevice d : devices) {
      groups.add(d.stringAttribute(GROUP4).orElseThrow());
      assertThat(d.stringAttribute("instanceType").orElseThrow()).isEqualTo("trn2.48xlarge");
    }
    assertThat(groups).hasSize(4);
  }

  @Test
  void fourDeviceClaimsWithMatchingGroupEachGetOneTorusRowUntilTheNodeIsFull() {
    List<Set<Long>> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      PodRun run = run("trainer-" + i, "neuron-row");
      assertThat(run.running()).as(run.toString()).isTrue();
      Set<String> groupIds = new HashSet<>();
      run.devices(NeuronDeviceProvider.DRIVER)
          .forEach(d -> groupIds.add(d.attributeText(GROUP4).orElseThrow()));
      assertThat(groupIds).as("group ids of " + run.pod().name()).hasSize(1);
      assertThat(run.container().deviceNodes()).hasSize(4);
      rows.add(deviceIds(run));
    }

    assertThat(rows)
        .containsExactlyInAnyOrder(
            Set.of(0L, 1L, 2L, 3L),
            Set.of(4L, 5L, 6L, 7L),
            Set.of(8L, 9L, 10L, 11L),
            Set.of(12L, 13L, 14L, 15L));

    PodRun fifth = run("trainer-4", "neuron-row");
    assertThat(fifth.scheduled()).isFalse();
    assertThat(fifth.explainText())
        .contains("request neurons (class neuron.aws.com")
        .contains("0 usable, 4 needed")
        .contains("in use (16)");
  }

  @Test
  void devicesArePublishedInNumericOrderSoAnUnconstrainedClaimGetsOneRow() {
    List<ClusterDevice> devices =
        DRA.cluster().awaitPublished(NeuronDeviceProvider.DRIVER, "node-1", 16);
    assertThat(devices)
        .extracting(ClusterDevice::name)
        .startsWith("neurondevice0", "neurondevice1", "neurondevice2", "neurondevice3")
        .containsSubsequence("neurondevice9", "neurondevice10");

    PodRun run = run("first-fit", "any-four");
    assertThat(run.running()).as(run.toString()).isTrue();
    assertThat(deviceIds(run)).containsExactly(0L, 1L, 2L, 3L);
    Set<String> groups = new HashSet<>();
    run.devices(NeuronDeviceProvider.DRIVER)
        .forEach(d -> groups.add(d.attributeText(GROUP4).orElseThrow()));
    assertThat(groups).as("one group of four").hasSize(1);
  }

  @Test
  void containerReadsDeviceIdsCoresAndGroupIdsFromTheMetadataFile() throws Exception {
    PodRun run = run("reader", "neuron-row");
    assertThat(run.running()).as(run.toString()).isTrue();

    // snippet:neuronMetadata
    String file =
        "/var/run/kubernetes.io/dra-device-attributes/resourceclaimtemplates/neurons/neurons/"
            + "neuron.aws.com-metadata.json";
    JsonObject metadata = JsonParser.parseString(run.container().readFile(file)).getAsJsonObject();
    JsonArray devices =
        metadata.getAsJsonArray("requests").get(0).getAsJsonObject().getAsJsonArray("devices");
    // end:neuronMetadata

    assertThat(devices).hasSize(4);
    Set<Long> ids = new TreeSet<>();
    Set<String> groups = new HashSet<>();
    for (var element : devices) {
      JsonObject attributes = element.getAsJsonObject().getAsJsonObject("attributes");
      ids.add(attributes.getAsJsonObject("deviceId").get("int").getAsLong());
      assertThat(attributes.getAsJsonObject("coreCount").get("int").getAsLong()).isEqualTo(4L);
      assertThat(attributes.getAsJsonObject("physicalCoreCount").get("int").getAsLong())
          .isEqualTo(8L);
      groups.add(attributes.getAsJsonObject(GROUP4).get("string").getAsString());
      assertThat(attributes.getAsJsonObject("resourceType").get("string").getAsString())
          .isEqualTo("neuron_device");
    }
    assertThat(ids).isEqualTo(deviceIds(run));
    assertThat(groups).hasSize(1);
  }

  @Test
  void logicalNeuronCoreSettingChangesTheVisibleCores() {
    PodRun lnc1 = run("lnc-one", "lnc-1");
    PodRun lnc2 = run("lnc-two", "lnc-2");

    // trn2 devices have 8 physical cores: 8 logical cores each at LNC=1, 4 at LNC=2.
    long first1 = deviceIds(lnc1).iterator().next();
    long first2 = deviceIds(lnc2).iterator().next();
    assertThat(lnc1.container().env())
        .containsEntry("NEURON_LOGICAL_NC_CONFIG", "1")
        .containsEntry("NEURON_RT_VISIBLE_CORES", (first1 * 8) + "-" + (first1 * 8 + 31));
    assertThat(lnc2.container().env())
        .containsEntry("NEURON_LOGICAL_NC_CONFIG", "2")
        .containsEntry("NEURON_RT_VISIBLE_CORES", (first2 * 4) + "-" + (first2 * 4 + 15));
  }

  @Test
  void invalidLogicalNeuronCoreFailsOnlyThatPodWithTheAllowedValues() {
    PodRun bad = run("bad-lnc", "lnc-3");
    PodRun good = run("good", "neuron-row");

    assertThat(bad.scheduled()).isTrue();
    assertThat(bad.running()).isFalse();
    assertThat(String.join("\n", bad.prepareErrors()))
        .contains(bad.claim("neurons").claim().name())
        .contains("logicalNeuronCore")
        .contains("allowed values are 1 and 2");
    assertThat(good.running()).as(good.toString()).isTrue();
  }

  @Test
  void trn1NodePublishesSixteenDevicesWithGroupIds() {
    try (DraCluster trn1 =
        DraCluster.builder()
            .provider(NeuronDeviceProvider::new)
            .instanceType("trn1.32xlarge")
            .start()) {
      List<ClusterDevice> devices = trn1.awaitPublished(NeuronDeviceProvider.DRIVER, "node-1", 16);

      Set<String> groups = new HashSet<>();
      for (ClusterDevice d : devices) {
        assertThat(d.stringAttribute("instanceType").orElseThrow()).isEqualTo("trn1.32xlarge");
        groups.add(d.stringAttribute(GROUP4).orElseThrow());
      }
      assertThat(groups).hasSize(4);
    }
  }

  @Test
  void inf2NodePublishesTwelveDevicesWithoutGroupIds() {
    try (DraCluster inf2 =
        DraCluster.builder()
            .provider(NeuronDeviceProvider::new)
            .instanceType("inf2.48xlarge")
            .start()) {
      List<ClusterDevice> devices = inf2.awaitPublished(NeuronDeviceProvider.DRIVER, "node-1", 12);

      for (ClusterDevice d : devices) {
        assertThat(d.stringAttribute("instanceType").orElseThrow()).isEqualTo("inf2.48xlarge");
        assertThat(d.attribute(GROUP4)).isEmpty();
      }
      assertThat(devices)
          .extracting(ClusterDevice::name)
          .contains("neurondevice0", "neurondevice11");
    }
  }
}
