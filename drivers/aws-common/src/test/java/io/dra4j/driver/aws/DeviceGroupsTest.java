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
package io.dra4j.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.driver.aws.DeviceGroups.GroupIds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expected hashes below were computed outside this code base with {@code printf '%s' "<sorted
 * comma-joined addresses>" | sha256sum | cut -c1-16}.
 */
class DeviceGroupsTest {

  private static DeviceGroups groups(String type) {
    return DeviceGroups.forInstanceType(new InstanceType(type)).orElseThrow();
  }

  @Test
  void trn2Group1IsThePairedAdapterAddress() {
    DeviceGroups g = groups("trn2.48xlarge");
    assertThat(g.ofNeuron(0).orElseThrow().group1()).isEqualTo("0000:c9:00.0");
    assertThat(g.ofNeuron(5).orElseThrow().group1()).isEqualTo("0000:57:00.0");
    assertThat(g.ofNeuron(15).orElseThrow().group1()).isEqualTo("0000:f6:00.0");
  }

  /** Checks the groups of 4, 8 and 16 of all 16 devices against literal vectors. */
  private static DeviceGroups assertVectors(
      String type, List<String> rows, List<String> halves, String all) {
    DeviceGroups g = groups(type);
    for (int id = 0; id < 16; id++) {
      GroupIds ids = g.ofNeuron(id).orElseThrow();
      assertThat(ids.group4()).as("%s group4 of %d", type, id).isEqualTo(rows.get(id / 4));
      assertThat(ids.group8()).as("%s group8 of %d", type, id).isEqualTo(halves.get(id / 8));
      assertThat(ids.group16()).as("%s group16 of %d", type, id).isEqualTo(all);
    }
    return g;
  }

  @Test
  void trn2GroupHashesMatchIndependentlyComputedVectors() {
    assertVectors(
        "trn2.48xlarge",
        List.of("13713e551cd37c19", "671622785349fddf", "237e3ef7b968b4d3", "b3d6ce1919d29f8f"),
        List.of("3593812b8066a078", "614e16dab9ba2f1f"),
        "821d14afaf11327d");
  }

  @Test
  void trn1TwoNeuronDevicesShareOneAdapterAndAllItsGroups() {
    DeviceGroups g =
        assertVectors(
            "trn1.32xlarge",
            List.of("88a3c6ad1661fe1d", "69b2225fd72a59dd", "e3c29faa0cd11323", "178a9e264a26793e"),
            List.of("86c451036f622685", "aa86c05423d6e8cd"),
            "fb838249c99a6341");
    assertThat(g.ofNeuron(0)).isEqualTo(g.ofNeuron(1));
    assertThat(g.ofNeuron(0).orElseThrow().group1()).isEqualTo("0000:10:1a.0");
    assertThat(g.map().neuronIdsOf("0000:10:1a.0")).containsExactly(0, 1);
    assertThat(g.map().adapters()).hasSize(8);
  }

  @Test
  void trn1nHasOneAdapterPerNeuronDevice() {
    DeviceGroups g =
        assertVectors(
            "trn1n.32xlarge",
            List.of("f9415ac86580cd2a", "81d377c56bbb18dd", "e367b751fc858d72", "6b9b077320083e11"),
            List.of("25ab6fa8d56db17d", "feac12f490fb3cba"),
            "9ea13cbe1ff23763");
    assertThat(g.ofNeuron(0).orElseThrow().group1()).isEqualTo("0000:10:17.0");
    assertThat(g.map().adapters()).hasSize(16);
  }

  @Test
  void adapterSideGivesTheSameIdsAsItsNeuronDevices() {
    for (String type : new String[] {"trn1.32xlarge", "trn1n.32xlarge", "trn2.48xlarge"}) {
      DeviceGroups g = groups(type);
      for (int id = 0; id < 16; id++) {
        GroupIds neuron = g.ofNeuron(id).orElseThrow();
        assertThat(g.ofEfa(neuron.group1())).as("%s neuron %d", type, id).contains(neuron);
      }
    }
  }

  @Test
  void adapterAddressIsMatchedCaseInsensitively() {
    assertThat(groups("trn2.48xlarge").ofEfa("0000:C9:00.0").orElseThrow().group1())
        .isEqualTo("0000:c9:00.0");
  }

  @Test
  void trn2VariantsShareTheTrn2Map() {
    assertThat(groups("trn2u.48xlarge").ofNeuron(3)).isEqualTo(groups("trn2.48xlarge").ofNeuron(3));
    assertThat(groups("trn2e.48xlarge").map()).isEqualTo(NeuronEfaMap.TRN2);
    assertThat(groups("trn3-dev0.48xlarge").map()).isEqualTo(NeuronEfaMap.TRN3PDS);
    assertThat(groups("trn3p.48xlarge").map()).isEqualTo(NeuronEfaMap.TRN3);
  }

  @Test
  void typesOutsideTheEfaListHaveNoGroups() {
    for (String type :
        new String[] {"inf2.48xlarge", "trn1.2xlarge", "trn2.3xlarge", "trn2n.48xlarge"}) {
      assertThat(DeviceGroups.forInstanceType(new InstanceType(type))).as(type).isEmpty();
    }
  }

  @Test
  void unknownIdsAndAddressesHaveNoGroups() {
    DeviceGroups g = groups("trn2.48xlarge");
    assertThat(g.ofNeuron(16)).isEmpty();
    assertThat(g.ofNeuron(-1)).isEmpty();
    assertThat(g.ofEfa("0000:10:1a.0")).isEmpty();
  }

  @Test
  void attributesUseTheFullyQualifiedNames() {
    Map<String, String> attrs = groups("trn2.48xlarge").ofNeuron(0).orElseThrow().attributes();
    assertThat(attrs)
        .containsEntry("resource.aws.com/devicegroup1_id", "0000:c9:00.0")
        .containsEntry("resource.aws.com/devicegroup4_id", "13713e551cd37c19")
        .containsEntry("resource.aws.com/devicegroup8_id", "3593812b8066a078")
        .containsEntry("resource.aws.com/devicegroup16_id", "821d14afaf11327d");
    assertThatThrownBy(() -> DeviceGroups.attributeName(2)).hasMessageContaining("[1, 4, 8, 16]");
  }
}
