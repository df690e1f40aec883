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
package io.dra4j.testkit.allocator;

import static io.dra4j.testkit.allocator.DraObjects.claim;
import static io.dra4j.testkit.allocator.DraObjects.device;
import static io.dra4j.testkit.allocator.DraObjects.deviceClass;
import static io.dra4j.testkit.allocator.DraObjects.node;
import static io.dra4j.testkit.allocator.DraObjects.request;
import static io.dra4j.testkit.allocator.DraObjects.requestAll;
import static io.dra4j.testkit.allocator.DraObjects.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.allocator.Explanation.ConstraintReport;
import io.dra4j.testkit.allocator.Explanation.NodeReport;
import io.dra4j.testkit.allocator.Explanation.RequestReport;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainTest {

  private static final String GPU = "gpu.example.com";
  private static final V1Node NODE = node("node-a");
  private static final V1Node TRN = node("trn-0");

  private static Allocator trn2WithGroupsTaken(int... neuronsTaken) {
    Allocator a =
        Allocator.create(
            ClusterState.of(Trn2Topology.slices("trn-0"), Trn2Topology.deviceClasses()));
    for (int i : neuronsTaken) {
      ResourceV1ResourceClaim c =
          claim("ml", "holder-" + i)
              .request(
                  request(
                      "n",
                      Trn2Topology.NEURON,
                      1,
                      "device.attributes['neuron.aws.com'].deviceId == " + i))
              .build();
      a = AllocatorTest.apply(a, TRN, c);
    }
    return a;
  }

  @Test
  void explainsWhichDevicesAreTakenAndWhichGroupValuesRemain() {
    // One Neuron device taken in every row: no group of 4 is free any more.
    Allocator a = trn2WithGroupsTaken(0, 5, 10, 15);
    ResourceV1ResourceClaim c = Trn2Topology.alignedClaim("ml", "train", 4, 4);
    Explanation e = a.explain(TRN, List.of(c));
    NodeReport n = e.nodes().get(0);
    assertThat(n.fits()).isFalse();
    assertThat(e.anyNodeFits()).isFalse();
    assertThat(n.summary())
        .contains("claim ml/train")
        .contains("matchAttribute resource.aws.com/devicegroup4_id over neuron, efa")
        .contains("cannot be met");

    RequestReport neuron = n.claims().get(0).requests().get(0);
    assertThat(neuron.request()).isEqualTo("neuron");
    assertThat(neuron.devicesOnNode()).isEqualTo(32);
    assertThat(neuron.matchingClass()).isEqualTo(16);
    assertThat(neuron.matchingRequest()).isEqualTo(16);
    assertThat(neuron.usable()).isEqualTo(12);
    assertThat(neuron.takenBy())
        .containsEntry("neuron.aws.com/trn-0/neurondevice5", List.of("ml/holder-5"))
        .hasSize(4);

    ConstraintReport group = n.claims().get(0).constraints().get(0);
    assertThat(group.usableByValue()).hasSize(4);
    assertThat(group.usableByValue().get(Trn2Topology.groupId(4, 0)))
        .containsEntry("neuron", 3)
        .containsEntry("efa", 4);

    assertThat(e.text())
        .contains("node trn-0: does not fit")
        .contains(
            "request neuron (class neuron.aws.com, ExactCount 4): 32 devices on node,"
                + " 16 match the class selectors, 16 also match the request selectors, 12 usable,"
                + " 4 needed")
        .contains("in use (4):")
        .contains("neuron.aws.com/trn-0/neurondevice0 by ml/holder-0")
        .contains(Trn2Topology.groupId(4, 4) + ": neuron 3 usable, efa 4 usable");
  }

  @Test
  void explainsSelectorCountsAndCelErrors() {
    V1ResourceSlice s =
        slice("s", GPU, "node-a")
            .nodeName("node-a")
            .devices(device("a").attr("model", "x"), device("b"), device("c").attr("model", "y"))
            .build();
    V1DeviceClass cls = deviceClass("gpu", "device.driver == 'gpu.example.com'");
    Allocator a = Allocator.create(ClusterState.of(List.of(s), List.of(cls)));
    ResourceV1ResourceClaim c =
        claim("ns", "c")
            .request(request("g", "gpu", 2, "device.attributes['gpu.example.com'].model == 'x'"))
            .build();
    Explanation e = a.explain(NODE, List.of(c));
    RequestReport r = e.nodes().get(0).claims().get(0).requests().get(0);
    assertThat(r.matchingClass()).isEqualTo(3);
    assertThat(r.matchingRequest()).isEqualTo(1);
    assertThat(r.celErrors())
        .singleElement()
        .asString()
        .contains("request g selector")
        .contains("gpu.example.com/node-a/b")
        .contains("model");
    // The search takes a, then meets b: the scheduler stops there.
    assertThat(e.nodes().get(0).reason()).isEqualTo(Explanation.Reason.CEL_RUNTIME_ERROR);
    assertThat(e.nodes().get(0).summary())
        .startsWith(
            "does not fit: claim ns/c request g: selector #0"
                + " \"device.attributes['gpu.example.com'].model == 'x'\" on device"
                + " gpu.example.com/node-a/b: CEL runtime error: ")
        .contains("model");
    assertThat(e.text()).contains("CEL errors (1):").contains("reason: CEL_RUNTIME_ERROR");
  }

  @Test
  void explainsExhaustedCountersAndUntoleratedTaints() {
    V1ResourceSlice s =
        slice("s", GPU, "node-a")
            .nodeName("node-a")
            .counterSet("chip", Map.of("memory", "80Gi"))
            .devices(
                device("whole").consumes("chip", Map.of("memory", "80Gi")),
                device("half").consumes("chip", Map.of("memory", "40Gi")),
                device("sick").taint("example.com/ecc", "uncorrectable", "NoExecute"))
            .build();
    V1DeviceClass cls = deviceClass("gpu", "device.driver == 'gpu.example.com'");
    Allocator a = Allocator.create(ClusterState.of(List.of(s), List.of(cls)));
    a =
        AllocatorTest.apply(
            a,
            NODE,
            claim("ns", "first")
                .request(request("g", "gpu", 1, "device.attributes.size() >= 0"))
                .build());
    ResourceV1ResourceClaim c = claim("ns", "second").request(request("g", "gpu", 1)).build();
    Explanation e = a.explain(NODE, List.of(c));
    RequestReport r = e.nodes().get(0).claims().get(0).requests().get(0);
    assertThat(r.takenBy()).containsOnlyKeys("gpu.example.com/node-a/whole");
    assertThat(r.countersExhausted())
        .containsExactly(
            "gpu.example.com/node-a/half: chip/memory needs 42949672960, 0 left of"
                + " 85899345920");
    assertThat(r.taintedNotTolerated())
        .containsExactly("gpu.example.com/node-a/sick (example.com/ecc=uncorrectable:NoExecute)");
    assertThat(e.text())
        .contains("counters exhausted (1):")
        .contains("tainted, not tolerated (1):")
        .contains("in use (1):");
  }

  @Test
  void explainsIncompletePoolsForAllRequests() {
    V1ResourceSlice half =
        slice("s", GPU, "node-a").nodeName("node-a").generation(1, 3).devices(device("a")).build();
    Allocator a =
        Allocator.create(
            ClusterState.of(
                List.of(half), List.of(deviceClass("gpu", "device.driver == 'gpu.example.com'"))));
    Explanation e =
        a.explain(NODE, List.of(claim("ns", "c").request(requestAll("g", "gpu")).build()));
    assertThat(e.nodes().get(0).claims().get(0).requests().get(0).poolProblems())
        .containsExactly(
            "pool gpu.example.com/node-a is incomplete: 1 of 3 slices at generation 1 are published");
    assertThat(e.nodes().get(0).summary()).contains("asks for all devices").contains("incomplete");
  }

  @Test
  void explainsEveryNodeOfAList() {
    List<V1ResourceSlice> slices = Trn2Topology.slices("trn-", 2);
    Allocator a = Allocator.create(ClusterState.of(slices, Trn2Topology.deviceClasses()));
    ResourceV1ResourceClaim big =
        claim("ml", "big")
            .request(
                request("neuron", Trn2Topology.NEURON, 16),
                request("efa", Trn2Topology.EFA_CLASS, 16))
            .build();
    a = AllocatorTest.apply(a, node("trn-0"), big);
    ResourceV1ResourceClaim c = Trn2Topology.alignedClaim("ml", "c", 4, 4);
    Explanation e = a.explain(List.of(node("trn-0"), node("trn-1"), node("trn-9")), List.of(c));
    assertThat(e.nodes()).extracting(NodeReport::fits).containsExactly(false, true, false);
    assertThat(e.nodes().get(0).summary())
        .contains(
            "request neuron needs 4 device(s) of class neuron.aws.com, 0 usable of 16 matching (16 in use)");
    assertThat(e.nodes().get(2).summary())
        .contains("request neuron needs 4 device(s) of class neuron.aws.com, 0 usable of 0");
    assertThat(e.text()).startsWith("1/3 nodes fit the claims\n").contains("node trn-1: fits");
  }

  @Test
  void explainsClaimProblems() {
    Allocator a = Allocator.create(ClusterState.of(List.of(), List.of()));
    Explanation e =
        a.explain(NODE, List.of(claim("ns", "c").request(request("g", "missing", 1)).build()));
    assertThat(e.nodes().get(0).claims().get(0).problems())
        .singleElement()
        .asString()
        .contains("device class \"missing\" does not exist");
    assertThat(e.text()).contains("problem: claim ns/c request g");
  }

  @Test
  void devicesAreListedInTheOrderTheDriverPublishedThem() {
    Allocator a =
        Allocator.create(
            ClusterState.of(
                List.of(
                    slice("s", GPU, "node-a")
                        .nodeName("node-a")
                        .devices(
                            device("gpu-10").taint("broken", "yes", "NoSchedule"),
                            device("gpu-9").taint("broken", "yes", "NoSchedule"),
                            device("gpu-2").taint("broken", "yes", "NoSchedule"))
                        .build()),
                List.of(deviceClass("gpu", "device.driver == 'gpu.example.com'"))));

    RequestReport r =
        a.explain(NODE, List.of(claim("ns", "c").request(request("g", "gpu", 1)).build()))
            .nodes()
            .get(0)
            .claims()
            .get(0)
            .requests()
            .get(0);

    assertThat(r.taintedNotTolerated())
        .containsExactly(
            "gpu.example.com/node-a/gpu-10 (broken=yes:NoSchedule)",
            "gpu.example.com/node-a/gpu-9 (broken=yes:NoSchedule)",
            "gpu.example.com/node-a/gpu-2 (broken=yes:NoSchedule)");
  }
}
