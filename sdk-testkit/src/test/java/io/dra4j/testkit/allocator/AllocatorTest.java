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
import static io.dra4j.testkit.allocator.DraObjects.firstAvailable;
import static io.dra4j.testkit.allocator.DraObjects.node;
import static io.dra4j.testkit.allocator.DraObjects.request;
import static io.dra4j.testkit.allocator.DraObjects.requestAll;
import static io.dra4j.testkit.allocator.DraObjects.slice;
import static io.dra4j.testkit.allocator.DraObjects.subrequest;
import static io.dra4j.testkit.allocator.DraObjects.toleration;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1AllocationResult;
import io.kubernetes.client.openapi.models.V1DeviceAllocationConfiguration;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1DeviceRequest;
import io.kubernetes.client.openapi.models.V1DeviceRequestAllocationResult;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AllocatorTest {

  private static final String GPU = "gpu.example.com";
  private static final V1Node NODE = node("node-a", Map.of("zone", "a"));
  private static final V1DeviceClass GPU_CLASS =
      deviceClass("gpu", "device.driver == 'gpu.example.com'");

  static V1AllocationResult allocated(AllocationOutcome outcome, int claim) {
    assertThat(outcome).isInstanceOf(AllocationOutcome.Allocated.class);
    return ((AllocationOutcome.Allocated) outcome).results().get(claim);
  }

  static List<String> devices(V1AllocationResult r) {
    return r.getDevices().getResults().stream()
        .map(V1DeviceRequestAllocationResult::getDevice)
        .toList();
  }

  static String reason(AllocationOutcome outcome) {
    assertThat(outcome).isInstanceOf(AllocationOutcome.Unschedulable.class);
    return ((AllocationOutcome.Unschedulable) outcome).reason();
  }

  static V1ResourceSlice gpus(int count) {
    DraObjects.SliceBuilder s = slice("node-a-gpu-0", GPU, "node-a").nodeName("node-a");
    for (int i = 0; i < count; i++) {
      s.devices(device("gpu-" + i).attr("index", i).capacity("memory", i < 2 ? "80Gi" : "40Gi"));
    }
    return s.build();
  }

  static ResourceV1ResourceClaim gpuClaim(String name, long count, String... selectors) {
    return claim("ns", name).request(request("g", "gpu", count, selectors)).build();
  }

  static List<String> allocatedDevices(Allocator a, ResourceV1ResourceClaim claim) {
    return devices(allocated(a.allocate(NODE, List.of(claim)), 0));
  }

  static String failure(Allocator a, ResourceV1ResourceClaim claim) {
    return reason(a.allocate(NODE, List.of(claim)));
  }

  static V1ResourceSlice nodeSlice(
      String name, long generation, long sliceCount, DraObjects.DeviceBuilder... devices) {
    return slice(name, GPU, "node-a")
        .nodeName("node-a")
        .generation(generation, sliceCount)
        .devices(devices)
        .build();
  }

  static Allocator allocator(List<V1ResourceSlice> slices, V1DeviceClass... classes) {
    return Allocator.create(ClusterState.of(slices, List.of(classes)));
  }

  static Allocator apply(Allocator a, V1Node node, ResourceV1ResourceClaim... claims) {
    AllocationOutcome o = a.allocate(node, List.of(claims));
    assertThat(o).isInstanceOf(AllocationOutcome.Allocated.class);
    return a.withAllocated(((AllocationOutcome.Allocated) o).applyTo(List.of(claims)));
  }

  @Test
  void alignedNeuronAndEfaClaimAlwaysGetsOneDeviceGroup() {
    V1Node trn = node("trn-0");
    Allocator a =
        Allocator.create(
            ClusterState.of(Trn2Topology.slices("trn-0"), Trn2Topology.deviceClasses()));
    Set<String> groups = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      ResourceV1ResourceClaim c = Trn2Topology.alignedClaim("ml", "train-" + i, 4, 4);
      AllocationOutcome o = a.allocate(trn, List.of(c));
      V1AllocationResult r = allocated(o, 0);
      List<V1DeviceRequestAllocationResult> results = r.getDevices().getResults();
      assertThat(results).hasSize(8);
      assertThat(results.subList(0, 4))
          .allSatisfy(x -> assertThat(x.getRequest()).isEqualTo("neuron"));
      assertThat(results.subList(4, 8))
          .allSatisfy(x -> assertThat(x.getRequest()).isEqualTo("efa"));
      Set<String> group = new HashSet<>();
      for (V1DeviceRequestAllocationResult x : results) {
        int index =
            x.getDriver().equals(Trn2Topology.NEURON)
                ? Integer.parseInt(x.getDevice().substring("neurondevice".length()))
                : efaIndex(x.getDevice());
        group.add(Trn2Topology.groupId(4, index));
      }
      assertThat(group).as("one group per claim").hasSize(1);
      groups.addAll(group);
      a = a.withAllocated(((AllocationOutcome.Allocated) o).applyTo(List.of(c)));
    }
    assertThat(groups).as("each claim a different group").hasSize(4);
    assertThat(reason(a.allocate(trn, List.of(Trn2Topology.alignedClaim("ml", "late", 4, 4)))))
        .contains("neuron");
  }

  private static int efaIndex(String name) {
    for (int i = 0; i < 16; i++) {
      if (Trn2Topology.efaDeviceName(i).equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void firstFitOfTheFirstRequestIsUndoneWhenTheConstraintCannotBeMetOtherwise() {
    V1Node trn = node("trn-0");
    Allocator a =
        Allocator.create(
            ClusterState.of(Trn2Topology.slices("trn-0"), Trn2Topology.deviceClasses()));
    // Take the EFAs of group 0 with a claim of its own, leaving neurondevice0..3 free.
    ResourceV1ResourceClaim efaOnly =
        claim("ml", "efa-hog").request(request("efa", Trn2Topology.EFA_CLASS, 4)).build();
    a = apply(a, trn, efaOnly);
    AllocationOutcome o = a.allocate(trn, List.of(Trn2Topology.alignedClaim("ml", "job", 2, 2)));
    assertThat(devices(allocated(o, 0)))
        .containsExactly(
            "neurondevice4",
            "neurondevice5",
            Trn2Topology.efaDeviceName(4),
            Trn2Topology.efaDeviceName(5));
  }

  @Test
  void constraintWithinOneRequestBacktracksPastAHole() {
    V1Node trn = node("trn-0");
    Allocator a =
        Allocator.create(
            ClusterState.of(Trn2Topology.slices("trn-0"), Trn2Topology.deviceClasses()));
    a =
        apply(
            a,
            trn,
            claim("ml", "one")
                .request(
                    request(
                        "n",
                        Trn2Topology.NEURON,
                        1,
                        "device.attributes['neuron.aws.com'].deviceId == 2"))
                .build());
    ResourceV1ResourceClaim four =
        claim("ml", "four")
            .request(request("n", Trn2Topology.NEURON, 4))
            .matchAttribute(Trn2Topology.GROUP4)
            .build();
    assertThat(devices(allocated(a.allocate(trn, List.of(four)), 0)))
        .containsExactly("neurondevice4", "neurondevice5", "neurondevice6", "neurondevice7");
  }

  @Test
  void resultCarriesDriverPoolAndNodeSelectorForTheNode() {
    Allocator a = allocator(List.of(gpus(2)), GPU_CLASS);
    V1AllocationResult r =
        allocated(
            a.allocate(NODE, List.of(claim("ns", "c").request(request("g", "gpu", 1)).build())), 0);
    V1DeviceRequestAllocationResult d = r.getDevices().getResults().get(0);
    assertThat(d.getRequest()).isEqualTo("g");
    assertThat(d.getDriver()).isEqualTo(GPU);
    assertThat(d.getPool()).isEqualTo("node-a");
    assertThat(d.getDevice()).isEqualTo("gpu-0");
    assertThat(d.getAdminAccess()).isNull();
    assertThat(d.getShareID()).isNull();
    V1NodeSelectorRequirement field =
        r.getNodeSelector().getNodeSelectorTerms().get(0).getMatchFields().get(0);
    assertThat(field.getKey()).isEqualTo("metadata.name");
    assertThat(field.getOperator()).isEqualTo("In");
    assertThat(field.getValues()).containsExactly("node-a");
  }

  @Test
  void classAndRequestSelectorsBothApply() {
    V1ResourceSlice s =
        slice("s", GPU, "node-a")
            .nodeName("node-a")
            .devices(
                device("a").attr("model", "small").capacity("memory", "16Gi"),
                device("b").attr("model", "big").capacity("memory", "80Gi"),
                device("c").attr("model", "big").capacity("memory", "40Gi"))
            .build();
    V1DeviceClass big =
        deviceClass(
            "big",
            "device.driver == 'gpu.example.com'",
            "device.attributes['gpu.example.com'].model == 'big'");
    Allocator a = allocator(List.of(s), big);
    ResourceV1ResourceClaim c =
        claim("ns", "c")
            .request(
                request(
                    "g",
                    "big",
                    1,
                    "device.capacity['gpu.example.com'].memory.compareTo(quantity('64Gi')) < 0"))
            .build();
    assertThat(devices(allocated(a.allocate(NODE, List.of(c)), 0))).containsExactly("c");
  }

  @Test
  void allocationModeAllTakesEveryMatchingDevice() {
    Allocator a = allocator(List.of(gpus(3)), GPU_CLASS);
    ResourceV1ResourceClaim c = claim("ns", "c").request(requestAll("g", "gpu")).build();
    assertThat(devices(allocated(a.allocate(NODE, List.of(c)), 0)))
        .containsExactly("gpu-0", "gpu-1", "gpu-2");
  }

  @Test
  void allocationModeAllFailsWhenOneMatchingDeviceIsInUse() {
    Allocator a = allocator(List.of(gpus(3)), GPU_CLASS);
    a = apply(a, NODE, claim("ns", "first").request(request("g", "gpu", 1)).build());
    ResourceV1ResourceClaim c = claim("ns", "c").request(requestAll("g", "gpu")).build();
    assertThat(reason(a.allocate(NODE, List.of(c)))).contains("request g").contains("in use");
  }

  @Test
  void allocationModeAllFailsOnAnIncompletePoolWhileExactCountUsesIt() {
    V1ResourceSlice half = nodeSlice("node-a-gpu-0", 3, 2, device("gpu-0"), device("gpu-1"));
    Allocator a = allocator(List.of(half), GPU_CLASS);
    assertThat(
            reason(
                a.allocate(
                    NODE, List.of(claim("ns", "all").request(requestAll("g", "gpu")).build()))))
        .contains("incomplete")
        .contains("1 of 2 slices");
    assertThat(allocatedDevices(a, gpuClaim("one", 2))).containsExactly("gpu-0", "gpu-1");
  }

  @Test
  void slicesOfAnOlderGenerationAreIgnored() {
    V1ResourceSlice stale = nodeSlice("node-a-gpu-old", 1, 1, device("old"));
    V1ResourceSlice current = nodeSlice("node-a-gpu-new", 2, 1, device("new"));
    Allocator a = allocator(List.of(stale, current), GPU_CLASS);
    assertThat(failure(a, gpuClaim("c", 2))).contains("needs 2");
    assertThat(allocatedDevices(a, gpuClaim("c", 1))).containsExactly("new");
  }

  @Test
  void invalidPoolWithDuplicateDevicesIsSkipped() {
    V1ResourceSlice s1 = nodeSlice("a-1", 0, 2, device("gpu-0"));
    V1ResourceSlice s2 = nodeSlice("a-2", 0, 2, device("gpu-0"));
    Allocator a = allocator(List.of(s1, s2), GPU_CLASS);
    assertThat(failure(a, gpuClaim("c", 1))).contains("0 usable");
    assertThat(
            a.explain(NODE, List.of(claim("ns", "c").request(request("g", "gpu", 1)).build()))
                .text())
        .contains("invalid: device gpu-0 is listed twice");
  }

  @Test
  void devicesAreTakenInSliceNameOrderThenSliceOrder() {
    V1ResourceSlice b = nodeSlice("node-a-b", 0, 2, device("z"), device("y"));
    V1ResourceSlice a = nodeSlice("node-a-a", 0, 2, device("x"));
    Allocator alloc = allocator(List.of(b, a), GPU_CLASS);
    assertThat(allocatedDevices(alloc, gpuClaim("c", 3))).containsExactly("x", "z", "y");
  }

  @Test
  void moreThan32DevicesPerClaimAreRefused() {
    Allocator a = allocator(List.of(gpus(40)), GPU_CLASS);
    assertThat(failure(a, gpuClaim("c", 33))).contains("at most 32");
    assertThat(
            reason(
                a.allocate(
                    NODE,
                    List.of(
                        claim("ns", "c")
                            .request(request("a", "gpu", 16), request("b", "gpu", 17))
                            .build()))))
        .contains("at most 32");
    assertThat(allocatedDevices(a, gpuClaim("c", 32))).hasSize(32);
  }

  @Test
  void distinctAttributeSpreadsDevices() {
    V1ResourceSlice s =
        slice("s", GPU, "node-a")
            .nodeName("node-a")
            .devices(
                device("d0").attr("numa", 0),
                device("d1").attr("numa", 0),
                device("d2").attr("numa", 1),
                device("d3").attr("numa", 1))
            .build();
    Allocator a = allocator(List.of(s), GPU_CLASS);
    ResourceV1ResourceClaim two =
        claim("ns", "c")
            .request(request("g", "gpu", 2))
            .distinctAttribute("gpu.example.com/numa")
            .build();
    assertThat(devices(allocated(a.allocate(NODE, List.of(two)), 0))).containsExactly("d0", "d2");
    ResourceV1ResourceClaim three =
        claim("ns", "c")
            .request(request("g", "gpu", 3))
            .distinctAttribute("gpu.example.com/numa")
            .build();
    assertThat(reason(a.allocate(NODE, List.of(three))))
        .contains("distinctAttribute gpu.example.com/numa")
        .contains("only 2 distinct values");
  }

  @Test
  void matchAttributeNeedsAFullyQualifiedName() {
    Allocator a = allocator(List.of(gpus(2)), GPU_CLASS);
    ResourceV1ResourceClaim c =
        claim("ns", "c").request(request("g", "gpu", 2)).matchAttribute("index").build();
    assertThat(reason(a.allocate(NODE, List.of(c))))
        .contains("ns/c")
        .contains("must be fully qualified");
  }

  @Test
  void matchAttributeRejectsDevicesWithoutTheAttribute() {
    V1ResourceSlice s =
        slice("s", GPU, "node-a")
            .nodeName("node-a")
            .devices(device("bare"), device("p").attr("rack", "r1"), device("q").attr("rack", "r1"))
            .build();
    Allocator a = allocator(List.of(s), GPU_CLASS);
    ResourceV1ResourceClaim c =
        claim("ns", "c")
            .request(request("g", "gpu", 2))
            .matchAttribute("gpu.example.com/rack")
            .build();
    assertThat(devices(allocated(a.allocate(NODE, List.of(c)), 0))).containsExactly("p", "q");
  }

  @Test
  void matchAttributeComparesVersionsAsStrings() {
    V1ResourceSlice s =
        slice("s", GPU, "node-a")
            .nodeName("node-a")
            .devices(
                device("a").version("firmware", "1.2.0"),
                device("b").version("firmware", "1.2.0+build.7"),
                device("c").version("firmware", "1.2.0"))
            .build();
    Allocator a = allocator(List.of(s), GPU_CLASS);
    ResourceV1ResourceClaim c =
        claim("ns", "c")
            .request(request("g", "gpu", 2))
            .matchAttribute("gpu.example.com/firmware")
            .build();
    assertThat(allocatedDevices(a, c)).containsExactly("a", "c");
  }

  @Test
  void partitionAndWholeDeviceExcludeEachOtherThroughSharedCounters() {
    V1ResourceSlice counters =
        slice("node-a-gpu-0", GPU, "node-a")
            .nodeName("node-a")
            .generation(0, 2)
            .counterSet("gpu-0-counters", Map.of("memory", "80Gi", "slices", "2"))
            .build();
    V1ResourceSlice devs =
        nodeSlice(
            "node-a-gpu-1",
            0,
            2,
            device("gpu-0")
                .attr("kind", "whole")
                .consumes("gpu-0-counters", Map.of("memory", "80Gi", "slices", "2")),
            device("gpu-0-part-0")
                .attr("kind", "part")
                .consumes("gpu-0-counters", Map.of("memory", "40Gi", "slices", "1")),
            device("gpu-0-part-1")
                .attr("kind", "part")
                .consumes("gpu-0-counters", Map.of("memory", "40Gi", "slices", "1")));
    Allocator a = allocator(List.of(counters, devs), GPU_CLASS);
    String whole = "device.attributes['gpu.example.com'].kind == 'whole'";
    String part = "device.attributes['gpu.example.com'].kind == 'part'";

    Allocator afterWhole =
        apply(a, NODE, claim("ns", "whole").request(request("g", "gpu", 1, whole)).build());
    assertThat(failure(afterWhole, gpuClaim("part", 1, part))).contains("out of counters");

    Allocator afterPart =
        apply(a, NODE, claim("ns", "part").request(request("g", "gpu", 1, part)).build());
    assertThat(failure(afterPart, gpuClaim("whole", 1, whole))).contains("out of counters");
    assertThat(allocatedDevices(afterPart, gpuClaim("p2", 1, part)))
        .containsExactly("gpu-0-part-1");
    // Within one claim the counters count too: a whole device and a partition never fit together.
    assertThat(
            reason(
                a.allocate(
                    NODE,
                    List.of(
                        claim("ns", "both")
                            .request(request("w", "gpu", 1, whole), request("p", "gpu", 1, part))
                            .build()))))
        .startsWith("does not fit");
  }

  @Test
  void adminAccessMayUseDevicesInUseAndDoesNotMarkThem() {
    Allocator a = allocator(List.of(gpus(1)), GPU_CLASS);
    a = apply(a, NODE, claim("ns", "user").request(request("g", "gpu", 1)).build());
    V1DeviceRequest admin = request("g", "gpu", 1);
    admin.getExactly().adminAccess(true);
    ResourceV1ResourceClaim monitor = claim("monitoring", "probe").request(admin).build();
    V1AllocationResult r = allocated(a.allocate(NODE, List.of(monitor)), 0);
    assertThat(r.getDevices().getResults().get(0).getAdminAccess()).isTrue();
    assertThat(devices(r)).containsExactly("gpu-0");

    Allocator fresh = allocator(List.of(gpus(1)), GPU_CLASS);
    fresh = apply(fresh, NODE, monitor);
    assertThat(allocatedDevices(fresh, gpuClaim("user", 1))).containsExactly("gpu-0");
  }

  @Test
  void firstAvailableFallsBackToTheNextSubrequest() {
    Allocator a = allocator(List.of(gpus(4)), GPU_CLASS);
    String big = "device.capacity['gpu.example.com'].memory.compareTo(quantity('80Gi')) >= 0";
    a =
        apply(
            a,
            NODE,
            claim("ns", "hog")
                .request(request("g", "gpu", 1, "device.attributes['gpu.example.com'].index == 0"))
                .build());
    ResourceV1ResourceClaim c =
        claim("ns", "c")
            .request(
                firstAvailable(
                    "gpu", subrequest("large", "gpu", 2, big), subrequest("small", "gpu", 2)))
            .config("gpu.example.com", Map.of("mode", "shared"), "gpu/small")
            .build();
    V1AllocationResult r = allocated(a.allocate(NODE, List.of(c)), 0);
    assertThat(r.getDevices().getResults())
        .extracting(V1DeviceRequestAllocationResult::getRequest)
        .containsExactly("gpu/small", "gpu/small");
    assertThat(devices(r)).containsExactly("gpu-1", "gpu-2");
    assertThat(r.getDevices().getConfig().get(0).getRequests()).containsExactly("gpu/small");

    Allocator empty = allocator(List.of(gpus(4)), GPU_CLASS);
    assertThat(allocated(empty.allocate(NODE, List.of(c)), 0).getDevices().getResults())
        .extracting(V1DeviceRequestAllocationResult::getRequest)
        .containsExactly("gpu/large", "gpu/large");
  }

  @Test
  void firstAvailableBacktracksIntoTheNextSubrequestForAConstraint() {
    V1ResourceSlice s =
        slice("s", GPU, "node-a")
            .nodeName("node-a")
            .devices(
                device("a").attr("rack", "r1").attr("fast", true),
                device("b").attr("rack", "r2").attr("fast", false),
                device("c").attr("rack", "r2"))
            .build();
    Allocator a = allocator(List.of(s), GPU_CLASS);
    ResourceV1ResourceClaim c =
        claim("ns", "c")
            .request(
                firstAvailable(
                    "x",
                    subrequest(
                        "fast",
                        "gpu",
                        1,
                        "'fast' in device.attributes['gpu.example.com'] && device.attributes['gpu.example.com'].fast"),
                    subrequest("any", "gpu", 1)),
                request("y", "gpu", 1, "device.attributes['gpu.example.com'].rack == 'r2'"))
            .matchAttribute("gpu.example.com/rack", "x/any", "x/fast", "y")
            .build();
    V1AllocationResult r = allocated(a.allocate(NODE, List.of(c)), 0);
    assertThat(r.getDevices().getResults())
        .extracting(x -> x.getRequest() + "=" + x.getDevice())
        .containsExactly("x/any=b", "y=c");
  }

  @Test
  void taintsExcludeDevicesUnlessTolerated() {
    V1ResourceSlice s =
        slice("s", GPU, "node-a")
            .nodeName("node-a")
            .devices(
                device("d0").taint("example.com/unhealthy", "ecc", "NoSchedule"),
                device("d1").taint("example.com/maintenance", null, "NoExecute"),
                device("d2").taint("example.com/info", "x", "None"))
            .build();
    Allocator a = allocator(List.of(s), GPU_CLASS);
    assertThat(allocatedDevices(a, gpuClaim("c", 1))).containsExactly("d2");
    assertThat(failure(a, gpuClaim("c", 2))).contains("2 tainted");

    V1DeviceRequest tolerant = request("g", "gpu", 1);
    tolerant
        .getExactly()
        .addTolerationsItem(toleration("example.com/unhealthy", "Equal", "ecc", "NoSchedule"));
    V1AllocationResult r =
        allocated(a.allocate(NODE, List.of(claim("ns", "t").request(tolerant).build())), 0);
    assertThat(devices(r)).containsExactly("d0");
    assertThat(r.getDevices().getResults().get(0).getTolerations()).hasSize(1);

    V1DeviceRequest wrongValue = request("g", "gpu", 3);
    wrongValue
        .getExactly()
        .addTolerationsItem(toleration("example.com/unhealthy", "Equal", "other", ""));
    assertThat(a.allocate(NODE, List.of(claim("ns", "w").request(wrongValue).build())))
        .isInstanceOf(AllocationOutcome.Unschedulable.class);

    V1DeviceRequest all = request("g", "gpu", 3);
    all.getExactly().addTolerationsItem(toleration(null, "Exists", null, null));
    assertThat(
            devices(
                allocated(a.allocate(NODE, List.of(claim("ns", "all").request(all).build())), 0)))
        .containsExactly("d0", "d1", "d2");
  }

  @Test
  void multiAllocationDeviceIsSharedByTwoClaimsWithDistinctShareIds() {
    V1ResourceSlice s =
        slice("s", GPU, "node-a")
            .nodeName("node-a")
            .devices(device("shared").allowMultipleAllocations(), device("exclusive"))
            .build();
    Allocator a = allocator(List.of(s), GPU_CLASS);
    String onlyShared = "device.allowMultipleAllocations";
    ResourceV1ResourceClaim c1 =
        claim("ns", "c1").request(request("g", "gpu", 1, onlyShared)).build();
    ResourceV1ResourceClaim c2 =
        claim("ns", "c2").request(request("g", "gpu", 1, onlyShared)).build();
    AllocationOutcome together = a.allocate(NODE, List.of(c1, c2));
    String id1 = allocated(together, 0).getDevices().getResults().get(0).getShareID();
    String id2 = allocated(together, 1).getDevices().getResults().get(0).getShareID();
    assertThat(devices(allocated(together, 0))).containsExactly("shared");
    assertThat(devices(allocated(together, 1))).containsExactly("shared");
    assertThat(UUID.fromString(id1)).isNotEqualTo(UUID.fromString(id2));

    Allocator after = apply(a, NODE, c1);
    assertThat(devices(allocated(after.allocate(NODE, List.of(c2)), 0))).containsExactly("shared");
    ResourceV1ResourceClaim ex1 =
        claim("ns", "e1")
            .request(request("g", "gpu", 1, "!device.allowMultipleAllocations"))
            .build();
    ResourceV1ResourceClaim ex2 =
        claim("ns", "e2")
            .request(request("g", "gpu", 1, "!device.allowMultipleAllocations"))
            .build();
    assertThat(apply(after, NODE, ex1).allocate(NODE, List.of(ex2)))
        .isInstanceOf(AllocationOutcome.Unschedulable.class);
  }

  @Test
  void claimsOfOnePodAreAllocatedTogether() {
    Allocator a = allocator(List.of(gpus(2)), GPU_CLASS);
    ResourceV1ResourceClaim c1 = claim("ns", "c1").request(request("g", "gpu", 1)).build();
    ResourceV1ResourceClaim c2 = claim("ns", "c2").request(request("g", "gpu", 1)).build();
    ResourceV1ResourceClaim c3 = claim("ns", "c3").request(request("g", "gpu", 1)).build();
    AllocationOutcome two = a.allocate(NODE, List.of(c1, c2));
    assertThat(devices(allocated(two, 0))).containsExactly("gpu-0");
    assertThat(devices(allocated(two, 1))).containsExactly("gpu-1");
    assertThat(a.allocate(NODE, List.of(c1, c2, c3)))
        .isInstanceOf(AllocationOutcome.Unschedulable.class);
  }

  @Test
  void nodeSelectionFollowsNodeNameSelectorAndAllNodes() {
    V1ResourceSlice zoned =
        slice("zoned", "net.example.com", "zone-a")
            .nodeLabelIn("zone", "a")
            .devices(device("n0"))
            .build();
    V1ResourceSlice everywhere =
        slice("everywhere", "fabric.example.com", "global")
            .allNodes()
            .devices(device("f0"))
            .build();
    V1ResourceSlice other =
        slice("other", GPU, "node-b").nodeName("node-b").devices(device("gpu-b")).build();
    V1DeviceClass any = deviceClass("any");
    Allocator a = allocator(List.of(zoned, everywhere, other), any);
    ResourceV1ResourceClaim all = claim("ns", "c").request(requestAll("x", "any")).build();

    V1AllocationResult onA = allocated(a.allocate(NODE, List.of(all)), 0);
    assertThat(devices(onA)).containsExactly("f0", "n0");
    assertThat(
            onA.getNodeSelector()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchExpressions()
                .get(0)
                .getKey())
        .isEqualTo("zone");
    assertThat(onA.getNodeSelector().getNodeSelectorTerms().get(0).getMatchFields())
        .isNullOrEmpty();

    V1AllocationResult onB =
        allocated(a.allocate(node("node-b", Map.of("zone", "b")), List.of(all)), 0);
    assertThat(devices(onB)).containsExactly("f0", "gpu-b");

    ResourceV1ResourceClaim fabric =
        claim("ns", "f")
            .request(request("x", "any", 1, "device.driver == 'fabric.example.com'"))
            .build();
    assertThat(allocated(a.allocate(NODE, List.of(fabric)), 0).getNodeSelector()).isNull();
  }

  @Test
  void perDeviceNodeSelectionDecidesVisibilityPerDevice() {
    V1ResourceSlice s =
        slice("shared", "fabric.example.com", "fabric")
            .perDeviceNodeSelection()
            .devices(
                device("on-a").nodeName("node-a"),
                device("on-b").nodeName("node-b"),
                device("everywhere").allNodes())
            .build();
    Allocator a = allocator(List.of(s), deviceClass("any"));
    ResourceV1ResourceClaim all = claim("ns", "c").request(requestAll("x", "any")).build();
    V1AllocationResult r = allocated(a.allocate(NODE, List.of(all)), 0);
    assertThat(devices(r)).containsExactly("on-a", "everywhere");
    assertThat(r.getNodeSelector().getNodeSelectorTerms().get(0).getMatchFields())
        .singleElement()
        .satisfies(f -> assertThat(f.getValues()).containsExactly("node-a"));
  }

  @Test
  void configIsCopiedFromClassThenClaim() {
    V1DeviceClass withConfig =
        DraObjects.withConfig(
            deviceClass("gpu", "device.driver == 'gpu.example.com'"), GPU, Map.of("from", "class"));
    Allocator a = allocator(List.of(gpus(2)), withConfig);
    ResourceV1ResourceClaim c =
        claim("ns", "c")
            .request(request("g", "gpu", 1))
            .config(GPU, Map.of("from", "claim"))
            .build();
    List<V1DeviceAllocationConfiguration> config =
        allocated(a.allocate(NODE, List.of(c)), 0).getDevices().getConfig();
    assertThat(config)
        .extracting(V1DeviceAllocationConfiguration::getSource)
        .containsExactly("FromClass", "FromClaim");
    assertThat(config.get(0).getRequests()).containsExactly("g");
    assertThat(config.get(0).getOpaque().getParameters()).isEqualTo(Map.of("from", "class"));
    assertThat(config.get(1).getOpaque().getParameters()).isEqualTo(Map.of("from", "claim"));
  }

  @Test
  void unknownClassAndBadSelectorNameTheClaimRequestAndExpression() {
    Allocator a = allocator(List.of(gpus(1)), GPU_CLASS, deviceClass("broken", "device.driver =="));
    assertThat(
            reason(
                a.allocate(
                    NODE, List.of(claim("ns", "c").request(request("g", "nope", 1)).build()))))
        .contains("claim ns/c request g")
        .contains("device class \"nope\" does not exist");
    assertThat(
            reason(
                a.allocate(
                    NODE, List.of(claim("ns", "c").request(request("g", "broken", 1)).build()))))
        .contains("device class broken")
        .contains("\"device.driver ==\"");
    assertThat(
            reason(
                a.allocate(
                    NODE,
                    List.of(
                        claim("ns", "c").request(request("g", "gpu", 1, "device.nope(")).build()))))
        .contains("claim ns/c request g")
        .contains("device.nope(");
  }

  @Test
  void allocateOnAnyNodeTakesTheFirstNodeThatFits() {
    List<V1ResourceSlice> slices = new ArrayList<>(Trn2Topology.slices("trn-", 3));
    Allocator a = Allocator.create(ClusterState.of(slices, Trn2Topology.deviceClasses()));
    List<V1Node> nodes = List.of(node("trn-0"), node("trn-1"), node("trn-2"));
    ResourceV1ResourceClaim big = Trn2Topology.alignedClaim("ml", "big", 16, 16);
    big.getSpec().getDevices().setConstraints(new ArrayList<>());
    AllocationOutcome first = a.allocateOnAnyNode(nodes, List.of(big));
    assertThat(first.node()).isEqualTo("trn-0");
    a = a.withAllocated(((AllocationOutcome.Allocated) first).applyTo(List.of(big)));
    assertThat(a.allocateOnAnyNode(nodes, List.of(big)).node()).isEqualTo("trn-1");
    ResourceV1ResourceClaim tooBig = Trn2Topology.alignedClaim("ml", "too-big", 17, 1);
    assertThat(reason(a.allocateOnAnyNode(nodes, List.of(tooBig))))
        .startsWith("0/3 nodes fit the claims")
        .contains("trn-2: does not fit");
  }

  @Test
  void searchBudgetStopsHopelessSearches() {
    DraObjects.SliceBuilder s = slice("s", GPU, "node-a").nodeName("node-a");
    for (int i = 0; i < 30; i++) {
      s.devices(device("d" + i).attr("numa", i % 10));
    }
    Allocator a =
        Allocator.create(
            ClusterState.of(List.of(s.build()), List.of(GPU_CLASS)),
            io.dra4j.testkit.cel.DeviceCel.create(),
            1000);
    ResourceV1ResourceClaim c =
        claim("ns", "c")
            .request(request("g", "gpu", 11))
            .distinctAttribute("gpu.example.com/numa")
            .build();
    assertThat(reason(a.allocate(NODE, List.of(c))))
        .contains("search stopped after 1000 device checks");
  }
}
