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
import static io.dra4j.testkit.allocator.DraObjects.claim;
import static io.dra4j.testkit.allocator.DraObjects.device;
import static io.dra4j.testkit.allocator.DraObjects.deviceClass;
import static io.dra4j.testkit.allocator.DraObjects.firstAvailable;
import static io.dra4j.testkit.allocator.DraObjects.node;
import static io.dra4j.testkit.allocator.DraObjects.request;
import static io.dra4j.testkit.allocator.DraObjects.slice;
import static io.dra4j.testkit.allocator.DraObjects.subrequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.allocator.Explanation.NodeReport;
import io.dra4j.testkit.allocator.Explanation.Reason;
import io.dra4j.testkit.cel.DeviceCel;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1CapacityRequestPolicy;
import io.kubernetes.client.openapi.models.V1CapacityRequestPolicyRange;
import io.kubernetes.client.openapi.models.V1CapacityRequirements;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1DeviceRequest;
import io.kubernetes.client.openapi.models.V1DeviceSubRequest;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Consumable capacity as each release's scheduler allocates it, with {@code DRAConsumableCapacity}
 * on: kube-scheduler 1.34.4 checks a device's capacity a second time against the slice's device at
 * the index of the device within the request, and keeps what it did for the device when that check
 * fails.
 */
class ConsumableCapacityReleaseTest {
  private static final String GPU = "gpu.example.com";
  private static final V1Node NODE = node("node-a");
  private static final V1DeviceClass GPU_CLASS =
      deviceClass("gpu", "device.driver == 'gpu.example.com'");

  private static Allocator allocator(int minor, V1Device... devices) {
    V1ResourceSlice s =
        slice("s", GPU, "node-a").nodeName("node-a").devices(List.of(devices)).build();
    return Allocator.create(
        ClusterState.of(List.of(s), List.of(GPU_CLASS)),
        DeviceCel.create(),
        Allocator.DEFAULT_MAX_STEPS,
        AllocatorFeatures.forRelease(minor, Map.of(AllocatorFeatures.CONSUMABLE_CAPACITY, true)));
  }

  /** A shared 40Gi GPU whose memory is handed out in steps of 4Gi, 4Gi by default. */
  private static V1Device shared(String name) {
    V1Device d = device(name).allowMultipleAllocations().capacity("memory", "40Gi").build();
    d.getCapacity()
        .get("memory")
        .requestPolicy(
            new V1CapacityRequestPolicy()
                ._default(Quantity.fromString("4Gi"))
                .validRange(
                    new V1CapacityRequestPolicyRange()
                        .min(Quantity.fromString("4Gi"))
                        .max(Quantity.fromString("40Gi"))
                        .step(Quantity.fromString("4Gi"))));
    return d;
  }

  private static V1CapacityRequirements memory(String amount) {
    return new V1CapacityRequirements().putRequestsItem("memory", Quantity.fromString(amount));
  }

  private static ResourceV1ResourceClaim memoryClaim(String name, String amount) {
    V1DeviceRequest r = request("g", "gpu", 1);
    if (!amount.isEmpty()) {
      r.getExactly().capacity(memory(amount));
    }
    return claim("ns", name).request(r).build();
  }

  /** shared-gpu-0 holds 12Gi (10Gi rounded up) and 4Gi (the default): 24Gi are left. */
  private static Allocator sixteenGiTaken(int minor) {
    Allocator a = allocator(minor, shared("shared-gpu-0"), shared("shared-gpu-1"));
    a = AllocatorTest.apply(a, NODE, memoryClaim("a", "10Gi"));
    return AllocatorTest.apply(a, NODE, memoryClaim("b", ""));
  }

  @Test
  void kubernetes134RefusesARequestTheSlicesFirstDeviceCannotHold() {
    Allocator a = sixteenGiTaken(34);

    // 30Gi rounds up to 32Gi: shared-gpu-1 has room, but 1.34 checks shared-gpu-0 again.
    assertThat(a.allocate(NODE, List.of(memoryClaim("c", "30Gi"))))
        .isInstanceOf(AllocationOutcome.Unschedulable.class);
    Explanation why = a.explain(NODE, List.of(memoryClaim("c", "30Gi")));
    NodeReport report = why.nodes().get(0);
    assertThat(report.reason()).isEqualTo(Reason.CAPACITY_EXHAUSTED);
    assertThat(report.summary()).contains("0 usable of 2 matching (2 out of counters or capacity)");
    assertThat(why.text())
        .contains(
            "gpu.example.com/node-a/shared-gpu-1: Kubernetes 1.34 checks a request's first device"
                + " again against the slice's first device (gpu.example.com/node-a/shared-gpu-0),"
                + " which refuses it: capacity memory needs 32Gi, 24Gi left of 40Gi");
    // What fits on the first device still fits.
    assertThat(devices(allocated(a.allocate(NODE, List.of(memoryClaim("e", "8Gi"))), 0)))
        .containsExactly("shared-gpu-0");
  }

  @Test
  void laterReleasesGiveTheRequestTheDeviceWithRoom() {
    for (int minor = 35; minor <= 37; minor++) {
      assertThat(
              devices(
                  allocated(
                      sixteenGiTaken(minor).allocate(NODE, List.of(memoryClaim("c", "30Gi"))), 0)))
          .as("Kubernetes 1.%d", minor)
          .containsExactly("shared-gpu-1");
    }
  }

  @Test
  void kubernetes134KeepsADeviceThatFailedTheSecondCheckInUseForTheRestOfTheNode() {
    // shared-gpu-0 has 4Gi left. The first subrequest asks 8Gi: exclusive-1 has room, but the
    // second check against shared-gpu-0 fails, and 1.34 leaves exclusive-1 marked in use, so the
    // second subrequest (exclusive devices only, default amount) finds nothing.
    V1Device exclusive = device("exclusive-1").capacity("memory", "40Gi").build();
    V1DeviceSubRequest big = subrequest("big", "gpu", 1).capacity(memory("8Gi"));
    V1DeviceSubRequest small = subrequest("small", "gpu", 1, "!device.allowMultipleAllocations");
    ResourceV1ResourceClaim c = claim("ns", "c").request(firstAvailable("g", big, small)).build();

    Allocator old =
        AllocatorTest.apply(
            allocator(34, shared("shared-gpu-0"), exclusive), NODE, memoryClaim("holder", "36Gi"));
    Allocator newer =
        AllocatorTest.apply(
            allocator(35, shared("shared-gpu-0"), exclusive), NODE, memoryClaim("holder", "36Gi"));

    assertThat(old.allocate(NODE, List.of(c))).isInstanceOf(AllocationOutcome.Unschedulable.class);
    assertThat(allocated(newer.allocate(NODE, List.of(c)), 0).getDevices().getResults())
        .extracting(r -> r.getRequest() + "=" + r.getDevice())
        .containsExactly("g/big=exclusive-1");
  }
}
