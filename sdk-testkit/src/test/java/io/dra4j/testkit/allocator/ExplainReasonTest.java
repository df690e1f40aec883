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
import static io.dra4j.testkit.allocator.DraObjects.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.allocator.Explanation.NodeReport;
import io.dra4j.testkit.allocator.Explanation.Reason;
import io.dra4j.testkit.cel.DeviceCel;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1AllocatedDeviceStatus;
import io.kubernetes.client.openapi.models.V1AllocationResult;
import io.kubernetes.client.openapi.models.V1Condition;
import io.kubernetes.client.openapi.models.V1DeviceAllocationResult;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1DeviceRequestAllocationResult;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ResourceClaimStatus;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each reason a node does not fit has its own category, and a summary that names its cause. */
class ExplainReasonTest {
  private static final String GPU = "gpu.example.com";
  private static final V1Node NODE = node("node-a");
  private static final V1DeviceClass GPU_CLASS =
      deviceClass("gpu", "device.driver == 'gpu.example.com'");

  private static NodeReport explain(
      List<V1ResourceSlice> slices, List<TaintRule> rules, ResourceV1ResourceClaim claim) {
    Allocator a =
        Allocator.create(
            ClusterState.of(slices, List.of(GPU_CLASS)).withTaintRules(rules),
            DeviceCel.create(true),
            Allocator.DEFAULT_MAX_STEPS,
            AllocatorFeatures.NEWEST);
    return a.explain(NODE, List.of(claim)).nodes().get(0);
  }

  private static V1ResourceSlice oneSlice(DraObjects.DeviceBuilder... devices) {
    return slice("s", GPU, "node-a").nodeName("node-a").devices(devices).build();
  }

  private static ResourceV1ResourceClaim gpus(long n, String... selectors) {
    return claim("ns", "c").request(request("g", "gpu", n, selectors)).build();
  }

  @Test
  void aTaintRuleIsNamedAsTheReason() {
    NodeReport r =
        explain(
            List.of(oneSlice(device("d0"), device("d1"))),
            List.of(ReleaseFeaturesTest.rule("drain-d0", "d0", "NoSchedule")),
            gpus(2));

    assertThat(r.reason()).isEqualTo(Reason.DEVICES_TAINTED);
    assertThat(r.summary())
        .contains("1 usable of 2 matching (1 tainted)")
        .contains("node-a/d0 (example.com/maintenance:NoSchedule from DeviceTaintRule drain-d0)");
  }

  @Test
  void exhaustedCountersAreCapacityExhausted() {
    V1ResourceSlice s =
        slice("s", GPU, "node-a")
            .nodeName("node-a")
            .counterSet("chip", Map.of("memory", "80Gi"))
            .devices(
                device("whole").consumes("chip", Map.of("memory", "80Gi")),
                device("half").consumes("chip", Map.of("memory", "40Gi")))
            .build();

    Allocator a = Allocator.create(ClusterState.of(List.of(s), List.of(GPU_CLASS)));
    a =
        AllocatorTest.apply(
            a,
            NODE,
            claim("ns", "holder")
                .request(request("g", "gpu", 1, "device.attributes.size() >= 0"))
                .build());

    NodeReport r = a.explain(NODE, List.of(gpus(1))).nodes().get(0);

    // One device is taken, the other lacks counters: counters win the tie.
    assertThat(r.reason()).isEqualTo(Reason.CAPACITY_EXHAUSTED);
    assertThat(r.summary()).contains("node-a/half: chip/memory needs 42949672960, 0 left of");
  }

  @Test
  void consumedCapacityOfASharedDeviceIsCapacityExhausted() {
    // Without a request policy the first claim takes all of the capacity.
    V1ResourceSlice withMemory =
        oneSlice(device("shared").allowMultipleAllocations().capacity("memory", "40Gi"));
    Allocator a = Allocator.create(ClusterState.of(List.of(withMemory), List.of(GPU_CLASS)));
    ResourceV1ResourceClaim first = claim("ns", "first").request(request("g", "gpu", 1)).build();
    a = AllocatorTest.apply(a, NODE, first);

    NodeReport r = a.explain(NODE, List.of(gpus(1))).nodes().get(0);

    assertThat(r.reason()).isEqualTo(Reason.CAPACITY_EXHAUSTED);
    assertThat(r.summary()).contains("capacity memory needs 40Gi, 0 left of 40Gi");
  }

  @Test
  void aListAttributeWithoutACommonValueIsAListAttributeMismatch() {
    V1ResourceSlice s =
        oneSlice(
            device("gpu-0").ints("numa", 0, 1),
            device("gpu-1").ints("numa", 1, 2),
            device("gpu-2").ints("numa", 2, 3));
    ResourceV1ResourceClaim c =
        claim("ns", "c").request(request("g", "gpu", 3)).matchAttribute(GPU + "/numa").build();

    NodeReport r = explain(List.of(s), List.of(), c);

    assertThat(r.reason()).isEqualTo(Reason.LIST_ATTRIBUTE_MISMATCH);
    assertThat(r.summary()).contains("the attribute lists of the usable devices share no value");
  }

  @Test
  void aScalarConstraintThatCannotBeMetIsConstraintUnmet() {
    V1ResourceSlice s =
        oneSlice(device("gpu-0").attr("rack", "a"), device("gpu-1").attr("rack", "b"));
    ResourceV1ResourceClaim c =
        claim("ns", "c").request(request("g", "gpu", 2)).matchAttribute(GPU + "/rack").build();

    assertThat(explain(List.of(s), List.of(), c).reason()).isEqualTo(Reason.CONSTRAINT_UNMET);
  }

  @Test
  void devicesInUseNoMatchAndInvalidClaimsHaveTheirOwnReasons() {
    V1ResourceSlice s = oneSlice(device("d0").attr("model", "a100"), device("d1"));
    Allocator a = Allocator.create(ClusterState.of(List.of(s), List.of(GPU_CLASS)));
    a = AllocatorTest.apply(a, NODE, claim("ns", "holder").request(request("g", "gpu", 1)).build());

    assertThat(a.explain(NODE, List.of(gpus(2))).nodes().get(0).reason())
        .isEqualTo(Reason.DEVICES_IN_USE);
    assertThat(
            explain(
                    List.of(s),
                    List.of(),
                    gpus(1, "device.attributes['gpu.example.com'].size() > 5"))
                .reason())
        .isEqualTo(Reason.NO_MATCHING_DEVICES);
    ResourceV1ResourceClaim noClass = claim("ns", "c").request(request("g", "missing", 1)).build();
    assertThat(explain(List.of(s), List.of(), noClass).reason()).isEqualTo(Reason.INVALID_CLAIM);
    assertThat(explain(List.of(s), List.of(), gpus(1)).reason()).isEqualTo(Reason.FITS);
  }

  private static ResourceV1ResourceClaim allocatedWithConditions(String... trueConditions) {
    V1AllocatedDeviceStatus status =
        new V1AllocatedDeviceStatus().driver(GPU).pool("node-a").device("d0");
    for (String c : trueConditions) {
      status.addConditionsItem(new V1Condition().type(c).status("True"));
    }
    return new ResourceV1ResourceClaim()
        .metadata(new V1ObjectMeta().namespace("ns").name("c"))
        .status(
            new V1ResourceClaimStatus()
                .allocation(
                    new V1AllocationResult()
                        .devices(
                            new V1DeviceAllocationResult()
                                .addResultsItem(
                                    new V1DeviceRequestAllocationResult()
                                        .request("g")
                                        .driver(GPU)
                                        .pool("node-a")
                                        .device("d0")
                                        .bindingConditions(List.of("attached"))
                                        .bindingFailureConditions(List.of("failed")))))
                .addDevicesItem(status));
  }

  @Test
  void bindingConditionsHaveAWaitingAndAFailedReason() {
    BindingState waiting = BindingState.of(List.of(allocatedWithConditions()));
    assertThat(waiting.reason()).isEqualTo(Reason.WAITING_FOR_BINDING_CONDITIONS);
    assertThat(waiting.detail()).isEqualTo("claim c, device gpu.example.com/node-a/d0: [attached]");
    NodeReport held = waiting.report("node-a");
    assertThat(held.fits()).isTrue();
    assertThat(held.summary()).startsWith("waiting for binding conditions: claim c, device");

    BindingState failed = BindingState.of(List.of(allocatedWithConditions("failed")));
    assertThat(failed.reason()).isEqualTo(Reason.BINDING_FAILED);
    assertThat(failed.report("node-a").summary())
        .startsWith("binding failed: claim c, device gpu.example.com/node-a/d0: failed is True");

    assertThat(BindingState.of(List.of(allocatedWithConditions("attached"))).ready()).isTrue();
    assertThat(new Explanation(List.of(failed.report("node-a"), held)).reason())
        .isEqualTo(Reason.BINDING_FAILED);
  }
}
