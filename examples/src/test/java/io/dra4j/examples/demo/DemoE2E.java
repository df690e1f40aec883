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
package io.dra4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo against the in-memory cluster with both drivers, as a user runs it. */
class DemoE2E {

  @Test
  void trn2NodeTakesFourPodsWithFourDistinctGroupsAndExplainsTheFifth() {
    DemoTest.Result r = DemoTest.demo();

    assertThat(r.status()).as(r.err()).isEqualTo(Demo.OK);
    String out = r.out();
    assertThat(out)
        .contains("Seed ResourceClaimTemplate neuron-efa-aligned-4")
        .contains("node-1  neuron.aws.com: 16 devices in pool node-1")
        .contains("node-1  efa.networking.k8s.aws: 16 devices in pool node-1")
        .contains("devicegroup4_id")
        .contains("NEURON_RT_VISIBLE_CORES=")
        .contains("/dev/neuron0")
        .contains("/dev/infiniband/uverbs0")
        .contains("pod worker-5  UNSCHEDULABLE")
        .contains("constraint matchAttribute resource.aws.com/devicegroup4_id")
        .contains(
            "4 pods running on 1 node; each pod's devices share one devicegroup4_id, no two pods"
                + " on a node share one (4 groups used)")
        .contains("allocated: neuron.aws.com 16 of 16, efa.networking.k8s.aws 16 of 16")
        .doesNotContain("worker-6");
    for (int i = 1; i <= 4; i++) {
      assertThat(out).contains("pod worker-" + i + "  scheduled on node-1");
    }
    assertThat(out).contains("cluster ready in");
  }

  @Test
  void jsonOutputIsOneDocumentWithDevicesPodsAndTheExplanation() {
    DemoTest.Result r = DemoTest.demo("--json");

    assertThat(r.status()).as(r.err()).isEqualTo(Demo.OK);
    assertThat(r.err()).contains("cluster ready in").contains("pod worker-5 unschedulable");
    JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
    assertThat(doc.get("instanceType").getAsString()).isEqualTo("trn2.48xlarge");
    assertThat(strings(doc.getAsJsonArray("nodes"))).containsExactly("node-1");
    JsonObject template = doc.getAsJsonObject("template");
    assertThat(template.get("name").getAsString()).isEqualTo("neuron-efa-aligned-4");
    assertThat(template.get("matchAttribute").getAsString())
        .isEqualTo("resource.aws.com/devicegroup4_id");

    JsonArray published = doc.getAsJsonArray("publishedDevices");
    assertThat(published).hasSize(32);
    JsonObject first = published.get(0).getAsJsonObject();
    assertThat(first.get("driver").getAsString()).isEqualTo("neuron.aws.com");
    assertThat(first.get("device").getAsString()).isEqualTo("neurondevice0");
    assertThat(first.getAsJsonObject("attributes").get("deviceId").getAsString()).isEqualTo("0");
    assertThat(first.getAsJsonObject("attributes").has("resource.aws.com/devicegroup4_id"))
        .isTrue();

    JsonArray pods = doc.getAsJsonArray("pods");
    assertThat(pods).hasSize(5);
    Set<String> groups = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      JsonObject pod = pods.get(i).getAsJsonObject();
      assertThat(pod.get("running").getAsBoolean()).isTrue();
      assertThat(pod.get("node").getAsString()).isEqualTo("node-1");
      assertThat(pod.get("explain").isJsonNull()).isTrue();
      JsonArray devices = pod.getAsJsonArray("devices");
      assertThat(devices).hasSize(8);
      Set<String> podGroups = new HashSet<>();
      devices.forEach(d -> podGroups.add(d.getAsJsonObject().get("group").getAsString()));
      assertThat(podGroups).as("one group per pod").hasSize(1);
      groups.addAll(podGroups);
      JsonObject container = pod.getAsJsonObject("container");
      assertThat(container.getAsJsonObject("env").has("NEURON_RT_VISIBLE_CORES")).isTrue();
      assertThat(strings(container.getAsJsonArray("deviceNodes")))
          .filteredOn(p -> p.startsWith("/dev/neuron"))
          .hasSize(4);
      assertThat(strings(container.getAsJsonArray("deviceNodes")))
          .filteredOn(p -> p.startsWith("/dev/infiniband/uverbs"))
          .hasSize(4);
      assertThat(container.getAsJsonArray("cdiDevices")).hasSize(8);
    }
    assertThat(groups).as("distinct groups over the 4 pods").hasSize(4);
    JsonObject fifth = pods.get(4).getAsJsonObject();
    assertThat(fifth.get("scheduled").getAsBoolean()).isFalse();
    assertThat(fifth.get("node").isJsonNull()).isTrue();
    assertThat(fifth.get("container").isJsonNull()).isTrue();
    assertThat(fifth.get("explain").getAsString())
        .contains("resource.aws.com/devicegroup4_id")
        .contains("0 usable")
        .contains("in use");

    JsonObject summary = doc.getAsJsonObject("summary");
    assertThat(summary.get("podsRunning").getAsInt()).isEqualTo(4);
    assertThat(summary.get("podsUnschedulable").getAsInt()).isEqualTo(1);
    assertThat(summary.get("groupsUsed").getAsInt()).isEqualTo(4);
    assertThat(summary.getAsJsonObject("allocated").get("efa.networking.k8s.aws").getAsInt())
        .isEqualTo(16);
  }

  @Test
  void trn1PairsFourNeuronDevicesWithTheTwoAdaptersOfTheirGroup() {
    List<String> steps = new ArrayList<>();
    DemoReport report =
        DemoScenario.run(
            new DemoOptions("trn1.32xlarge", 1, OptionalInt.empty(), false, false), steps::add);

    assertThat(report.published("neuron.aws.com")).hasSize(16);
    assertThat(report.published("efa.networking.k8s.aws")).hasSize(8);
    assertThat(report.running()).hasSize(4);
    Set<String> groups = new HashSet<>();
    for (PodOutcome p : report.running()) {
      assertThat(p.devices("neuron.aws.com")).hasSize(4);
      assertThat(p.devices("efa.networking.k8s.aws")).hasSize(2);
      List<Optional<String>> podGroups =
          p.devices().stream().map(PodOutcome.Device::group).distinct().toList();
      assertThat(podGroups).hasSize(1);
      groups.add(podGroups.get(0).orElseThrow());
    }
    assertThat(groups).hasSize(4);
    assertThat(report.pods()).hasSize(5);
    assertThat(report.unschedulable())
        .singleElement()
        .satisfies(p -> assertThat(p.explain().orElseThrow()).contains("devicegroup4_id"));
    assertThat(steps).anyMatch(s -> s.contains("4 x neuron.aws.com + 2 x efa.networking.k8s.aws"));
    assertThat(Files.exists(report.workDir())).as("work directory removed").isFalse();
  }

  @Test
  void inf2OnTwoNodesFillsBothByCountAndExplainsTheNextPodOnEachNode() {
    DemoReport report =
        DemoScenario.run(
            new DemoOptions("inf2.48xlarge", 2, OptionalInt.empty(), false, false), s -> {});

    assertThat(report.nodes()).containsExactly("node-1", "node-2");
    assertThat(report.published("neuron.aws.com")).hasSize(24);
    assertThat(report.published("efa.networking.k8s.aws")).isEmpty();
    assertThat(report.published("neuron.aws.com"))
        .allSatisfy(
            d -> {
              assertThat(d.attributes()).doesNotContainKey("resource.aws.com/devicegroup4_id");
              assertThat(d.attributes()).doesNotContainKey("topology4_id");
            });
    assertThat(report.running()).hasSize(6);
    assertThat(report.running().stream().map(p -> p.node().orElseThrow()).distinct())
        .containsExactlyInAnyOrder("node-1", "node-2");
    assertThat(report.running())
        .allSatisfy(
            p -> {
              assertThat(p.devices()).hasSize(4);
              assertThat(p.env()).containsKey("NEURON_RT_VISIBLE_CORES");
            });
    PodOutcome seventh = report.pods().get(6);
    assertThat(seventh.scheduled()).isFalse();
    assertThat(seventh.explain().orElseThrow())
        .contains("0/2 nodes fit")
        .contains("node node-1")
        .contains("node node-2")
        .contains("neuron.aws.com");
    assertThat(Files.exists(report.workDir())).isFalse();
  }

  @Test
  void podCountFlagRunsExactlyThatManyPods() {
    DemoTest.Result r = DemoTest.demo("--pods", "2", "--instance-type", "inf2.48xlarge");

    assertThat(r.status()).as(r.err()).isEqualTo(Demo.OK);
    assertThat(r.out())
        .contains("pod worker-1  scheduled")
        .contains("pod worker-2  scheduled")
        .doesNotContain("worker-3")
        .contains("no devices")
        .contains("2 pods running on 1 node")
        .doesNotContain("unschedulable");
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : a) {
      out.add(e.getAsString());
    }
    return out;
  }
}
