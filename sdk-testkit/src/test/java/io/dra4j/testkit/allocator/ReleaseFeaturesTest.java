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

import static io.dra4j.testkit.allocator.AllocatorTest.allocated;
import static io.dra4j.testkit.allocator.AllocatorTest.devices;
import static io.dra4j.testkit.allocator.AllocatorTest.reason;
import static io.dra4j.testkit.allocator.DraObjects.claim;
import static io.dra4j.testkit.allocator.DraObjects.device;
import static io.dra4j.testkit.allocator.DraObjects.deviceClass;
import static io.dra4j.testkit.allocator.DraObjects.node;
import static io.dra4j.testkit.allocator.DraObjects.request;
import static io.dra4j.testkit.allocator.DraObjects.slice;
import static io.dra4j.testkit.allocator.DraObjects.toleration;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.testkit.cel.DeviceCel;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1AllocationResult;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1DeviceRequest;
import io.kubernetes.client.openapi.models.V1DeviceRequestAllocationResult;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The allocator answers as the scheduler of the chosen release and feature gates would. */
class ReleaseFeaturesTest {
  private static final String GPU = "gpu.example.com";
  private static final V1Node NODE = node("node-a");
  private static final V1DeviceClass GPU_CLASS =
      deviceClass("gpu", "device.driver == 'gpu.example.com'");

  private static Allocator allocator(
      AllocatorFeatures f, List<V1ResourceSlice> slices, List<TaintRule> rules) {
    return Allocator.create(
        ClusterState.of(slices, List.of(GPU_CLASS)).withTaintRules(rules),
        DeviceCel.create(),
        Allocator.DEFAULT_MAX_STEPS,
        f);
  }

  private static AllocatorFeatures release(int minor, Map<String, Boolean> gates) {
    return AllocatorFeatures.forRelease(minor, gates);
  }

  private static ResourceV1ResourceClaim gpus(String name, long n) {
    return claim("ns", name).request(request("g", "gpu", n)).build();
  }

  private static AllocationOutcome allocate(Allocator a, ResourceV1ResourceClaim... claims) {
    return a.allocate(NODE, List.of(claims));
  }

  private static V1ResourceSlice oneSlice(DraObjects.DeviceBuilder... devices) {
    return slice("s", GPU, "node-a").nodeName("node-a").devices(devices).build();
  }

  static TaintRule rule(String name, String device, String effect) {
    JsonObject o =
        JsonParser.parseString(
                "{\"metadata\":{\"name\":\""
                    + name
                    + "\"},\"spec\":{\"deviceSelector\":{\"driver\":\""
                    + GPU
                    + "\",\"pool\":\"node-a\",\"device\":\""
                    + device
                    + "\"},\"taint\":{\"key\":\"example.com/maintenance\",\"effect\":\""
                    + effect
                    + "\"}}}")
            .getAsJsonObject();
    return TaintRule.fromApi(List.of(o)).get(0);
  }

  @Test
  void sliceTaintsCountOnlyWhereTheReleaseEnablesThem() {
    V1ResourceSlice s =
        oneSlice(device("d0").taint("example.com/unhealthy", "ecc", "NoSchedule"), device("d1"));
    ResourceV1ResourceClaim two = gpus("c", 2);
    // 1.35: DRADeviceTaints is alpha and off, so the taint is dropped.
    assertThat(
            devices(
                allocated(
                    allocate(allocator(release(35, Map.of()), List.of(s), List.of()), two), 0)))
        .containsExactly("d0", "d1");
    assertThat(reason(allocate(allocator(release(36, Map.of()), List.of(s), List.of()), two)))
        .contains("1 tainted");
    assertThat(
            reason(
                allocate(
                    allocator(
                        release(35, Map.of(AllocatorFeatures.DEVICE_TAINTS, true)),
                        List.of(s),
                        List.of()),
                    two)))
        .contains("1 tainted");
  }

  @Test
  void deviceTaintRulesTaintTheDevicesTheySelectWhenRulesAreOn() {
    V1ResourceSlice s = oneSlice(device("d0"), device("d1"));
    List<TaintRule> rules = List.of(rule("drain-d0", "d0", "NoSchedule"));
    ResourceV1ResourceClaim two = gpus("c", 2);

    Allocator newest = allocator(release(37, Map.of()), List.of(s), rules);
    assertThat(reason(allocate(newest, two))).contains("1 tainted");
    assertThat(newest.explain(NODE, List.of(two)).text())
        .contains("node-a/d0 (example.com/maintenance:NoSchedule from DeviceTaintRule drain-d0)");
    assertThat(devices(allocated(allocate(newest, gpus("one", 1)), 0))).containsExactly("d1");

    V1DeviceRequest tolerant = request("g", "gpu", 2);
    tolerant
        .getExactly()
        .addTolerationsItem(toleration("example.com/maintenance", "Exists", null, "NoSchedule"));
    assertThat(devices(allocated(allocate(newest, claim("ns", "t").request(tolerant).build()), 0)))
        .containsExactly("d0", "d1");

    // 1.36: rules are beta but off by default; 1.35 needs both alpha gates; 1.34 only the taints
    // gate, which covered rules then.
    assertThat(allocate(allocator(release(36, Map.of()), List.of(s), rules), two))
        .isInstanceOf(AllocationOutcome.Allocated.class);
    Map<String, Boolean> taintsOnly = Map.of(AllocatorFeatures.DEVICE_TAINTS, true);
    assertThat(allocate(allocator(release(35, taintsOnly), List.of(s), rules), two))
        .isInstanceOf(AllocationOutcome.Allocated.class);
    Map<String, Boolean> both =
        Map.of(AllocatorFeatures.DEVICE_TAINTS, true, AllocatorFeatures.DEVICE_TAINT_RULES, true);
    assertThat(allocate(allocator(release(35, both), List.of(s), rules), two))
        .isInstanceOf(AllocationOutcome.Unschedulable.class);
    assertThat(allocate(allocator(release(34, taintsOnly), List.of(s), rules), two))
        .isInstanceOf(AllocationOutcome.Unschedulable.class);
  }

  @Test
  void noExecuteRuleMakesAnAllocatedClaimEvictableUnlessTolerated() {
    V1ResourceSlice s = oneSlice(device("d0"));
    Allocator before = allocator(release(37, Map.of()), List.of(s), List.of());
    ResourceV1ResourceClaim c = gpus("c", 1);
    List<ResourceV1ResourceClaim> allocatedClaims =
        ((AllocationOutcome.Allocated) allocate(before, c)).applyTo(List.of(c));
    Allocator after =
        allocator(release(37, Map.of()), List.of(s), List.of(rule("evict", "d0", "NoExecute")));
    assertThat(after.untoleratedNoExecute(allocatedClaims.get(0)))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("gpu.example.com/node-a/d0")
                    .contains("from DeviceTaintRule evict"));
    Allocator noSchedule =
        allocator(release(37, Map.of()), List.of(s), List.of(rule("cordon", "d0", "NoSchedule")));
    assertThat(noSchedule.untoleratedNoExecute(allocatedClaims.get(0))).isEmpty();
  }

  @Test
  void adminAccessIsAnOrdinaryRequestWhenTheGateIsOff() {
    V1ResourceSlice s = oneSlice(device("d0"));
    ResourceV1ResourceClaim holder = gpus("holder", 1);
    V1DeviceRequest admin = request("g", "gpu", 1);
    admin.getExactly().adminAccess(true);
    ResourceV1ResourceClaim monitor = claim("ns", "monitor").request(admin).build();

    Allocator on = allocator(release(35, Map.of()), List.of(s), List.of());
    on =
        on.withAllocated(
            ((AllocationOutcome.Allocated) allocate(on, holder)).applyTo(List.of(holder)));
    V1AllocationResult r = allocated(allocate(on, monitor), 0);
    assertThat(r.getDevices().getResults().get(0).getAdminAccess()).isTrue();

    Allocator off =
        allocator(
            release(35, Map.of(AllocatorFeatures.ADMIN_ACCESS, false)), List.of(s), List.of());
    off =
        off.withAllocated(
            ((AllocationOutcome.Allocated) allocate(off, holder)).applyTo(List.of(holder)));
    assertThat(reason(allocate(off, monitor))).contains("1 in use");
  }

  @Test
  void aDeviceConsumingAnUndefinedCounterMakesTheWholePoolInvalidFrom136() {
    V1ResourceSlice counters =
        slice("a-counters", GPU, "node-a")
            .nodeName("node-a")
            .counterSet("gpu-0", Map.of("memory", "80Gi"))
            .build();
    V1ResourceSlice devs =
        slice("b-devices", GPU, "node-a")
            .nodeName("node-a")
            .devices(
                device("good").consumes("gpu-0", Map.of("memory", "40Gi")),
                device("bad").consumes("gpu-9", Map.of("memory", "40Gi")))
            .build();
    List<V1ResourceSlice> slices = List.of(counters, devs);
    ResourceV1ResourceClaim one = gpus("c", 1);
    Allocator newer = allocator(release(36, Map.of()), slices, List.of());
    assertThat(reason(allocate(newer, one))).contains("0 usable of 2 matching");
    assertThat(newer.explain(NODE, List.of(one)).text())
        .contains("pool gpu.example.com/node-a is invalid: device bad consumes counter set gpu-9");
    assertThat(
            devices(
                allocated(allocate(allocator(release(35, Map.of()), slices, List.of()), one), 0)))
        .containsExactly("good");
  }

  @Test
  void duplicateDeviceNamesAcrossSlicesMakeThePoolUnusableAsAWhole() {
    V1ResourceSlice a =
        slice("a", GPU, "node-a").nodeName("node-a").generation(1, 2).devices(device("d0")).build();
    V1ResourceSlice b =
        slice("b", GPU, "node-a")
            .nodeName("node-a")
            .generation(1, 2)
            .devices(device("d0"), device("d1"))
            .build();
    Allocator alloc = allocator(release(37, Map.of()), List.of(a, b), List.of());
    ResourceV1ResourceClaim one = gpus("c", 1);
    assertThat(allocate(alloc, one)).isInstanceOf(AllocationOutcome.Unschedulable.class);
    assertThat(alloc.explain(NODE, List.of(one)).text())
        .contains("pool gpu.example.com/node-a is invalid: device d0 is listed twice");
  }

  private static List<V1ResourceSlice> threePools() {
    return List.of(
        slice("s-c", GPU, "pool-c").nodeName("node-a").devices(device("d")).build(),
        slice("s-b", GPU, "pool-b").nodeName("node-a").devices(device("d")).build(),
        slice("s-a", GPU, "pool-a").nodeName("node-a").devices(device("d")).build());
  }

  private static String firstPool(AllocatorFeatures f, List<V1ResourceSlice> slices) {
    V1AllocationResult r = allocated(allocate(allocator(f, slices, List.of()), gpus("c", 1)), 0);
    V1DeviceRequestAllocationResult d = r.getDevices().getResults().get(0);
    return d.getPool() + "/" + d.getDevice();
  }

  @Test
  void from136PoolsAndSlicesAreVisitedInNameOrderBeforeInAnUnspecifiedOrder() {
    Set<String> newer = new HashSet<>();
    Set<String> older = new HashSet<>();
    for (long seed = 0; seed < 16; seed++) {
      newer.add(firstPool(release(36, Map.of()).withOrderSeed(seed), threePools()));
      older.add(firstPool(release(35, Map.of()).withOrderSeed(seed), threePools()));
    }
    assertThat(newer).containsExactly("pool-a/d");
    assertThat(older).hasSizeGreaterThan(1);

    List<V1ResourceSlice> slicesOfOnePool =
        List.of(
            slice("s-2", GPU, "p")
                .nodeName("node-a")
                .generation(1, 3)
                .devices(device("d2"))
                .build(),
            slice("s-1", GPU, "p")
                .nodeName("node-a")
                .generation(1, 3)
                .devices(device("d1"))
                .build(),
            slice("s-0", GPU, "p")
                .nodeName("node-a")
                .generation(1, 3)
                .devices(device("d0"))
                .build());
    Set<String> slicesNewer = new HashSet<>();
    Set<String> slicesOlder = new HashSet<>();
    for (long seed = 0; seed < 16; seed++) {
      slicesNewer.add(firstPool(release(37, Map.of()).withOrderSeed(seed), slicesOfOnePool));
      slicesOlder.add(firstPool(release(34, Map.of()).withOrderSeed(seed), slicesOfOnePool));
    }
    assertThat(slicesNewer).containsExactly("p/d0");
    assertThat(slicesOlder).hasSizeGreaterThan(1);
  }

  @Test
  void from136TheStableAllocatorWithoutItsNewerFeaturesKeepsTheUnspecifiedOrder() {
    // kube-scheduler picks its stable allocator, which does not sort pools, when binding
    // conditions and consumable capacity (and, in 1.37, list attributes) are off.
    Map<String, Boolean> stableOnly =
        Map.of(
            AllocatorFeatures.BINDING_CONDITIONS, false,
            AllocatorFeatures.CONSUMABLE_CAPACITY, false);
    for (int minor : new int[] {36, 37}) {
      assertThat(release(minor, stableOnly).lexicographicOrder()).isFalse();
      assertThat(release(minor, Map.of(AllocatorFeatures.BINDING_CONDITIONS, false)))
          .extracting(AllocatorFeatures::lexicographicOrder)
          .isEqualTo(true);
      Set<String> first = new HashSet<>();
      for (long seed = 0; seed < 16; seed++) {
        first.add(firstPool(release(minor, stableOnly).withOrderSeed(seed), threePools()));
      }
      assertThat(first).hasSizeGreaterThan(1);
    }
    Map<String, Boolean> listAttributes = new java.util.HashMap<>(stableOnly);
    listAttributes.put("DRAListTypeAttributes", true);
    assertThat(release(36, listAttributes).lexicographicOrder()).isFalse();
    assertThat(release(37, listAttributes).lexicographicOrder()).isTrue();
  }

  @Test
  void sharedDevicesAndDistinctAttributeNeedConsumableCapacity() {
    // Without a request policy a claim consumes all of a capacity, so this device has none.
    V1ResourceSlice s = oneSlice(device("shared").allowMultipleAllocations());
    ResourceV1ResourceClaim c1 = gpus("c1", 1);
    ResourceV1ResourceClaim c2 = gpus("c2", 1);
    AllocationOutcome on =
        allocate(allocator(release(36, Map.of()), List.of(s), List.of()), c1, c2);
    assertThat(allocated(on, 0).getDevices().getResults().get(0).getShareID()).isNotEmpty();
    assertThat(allocated(on, 1).getDevices().getResults().get(0).getShareID()).isNotEmpty();
    AllocationOutcome off =
        allocate(allocator(release(35, Map.of()), List.of(s), List.of()), c1, c2);
    assertThat(off).isInstanceOf(AllocationOutcome.Unschedulable.class);
    V1AllocationResult single =
        allocated(allocate(allocator(release(35, Map.of()), List.of(s), List.of()), c1), 0);
    assertThat(single.getDevices().getResults().get(0).getShareID()).isNull();

    ResourceV1ResourceClaim distinct =
        claim("ns", "d")
            .request(request("g", "gpu", 1))
            .distinctAttribute("gpu.example.com/index")
            .build();
    assertThat(reason(allocate(allocator(release(35, Map.of()), List.of(s), List.of()), distinct)))
        .contains("distinctAttribute needs the DRAConsumableCapacity feature gate");
  }

  @Test
  void devicesWithBindingConditionsNeedTheGateAndComeLast() {
    List<V1ResourceSlice> slices =
        List.of(
            slice("s-a", GPU, "pool-a")
                .nodeName("node-a")
                .devices(
                    device("d").bindingConditions(List.of("Attached"), List.of("AttachFailed")))
                .build(),
            slice("s-b", GPU, "pool-b").nodeName("node-a").devices(device("d")).build());
    assertThat(firstPool(release(36, Map.of()), slices)).isEqualTo("pool-b/d");
    V1AllocationResult both =
        allocated(allocate(allocator(release(36, Map.of()), slices, List.of()), gpus("c", 2)), 0);
    V1DeviceRequestAllocationResult bound = both.getDevices().getResults().get(1);
    assertThat(bound.getPool()).isEqualTo("pool-a");
    assertThat(bound.getBindingConditions()).containsExactly("Attached");
    assertThat(bound.getBindingFailureConditions()).containsExactly("AttachFailed");
    assertThat(both.getAllocationTimestamp()).isNotNull();

    assertThat(reason(allocate(allocator(release(35, Map.of()), slices, List.of()), gpus("c", 2))))
        .contains("1 usable");
  }
}
