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
package io.dra4j.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.internal.proto.dra.v1.Device;
import io.grpc.Status;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1AllocationResult;
import io.kubernetes.client.openapi.models.V1DeviceAllocationResult;
import io.kubernetes.client.openapi.models.V1DeviceRequestAllocationResult;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1ResourceClaimStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodPrepareIT extends KubeletTestSupport {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String GPU = "gpu.example.com";
  private static final String NIC = "nic.example.com";
  private static final PodRef POD_A = new PodRef("default", "pod-a", "pod-uid-a");
  private static final PodRef POD_B = new PodRef("default", "pod-b", "pod-uid-b");

  private SimulatedKubelet kubeletWith(FakeDraPlugin... plugins) throws Exception {
    for (FakeDraPlugin p : plugins) {
      p.start();
    }
    SimulatedKubelet kubelet = startKubelet(kubelet());
    for (FakeDraPlugin p : plugins) {
      kubelet.awaitRegistered(p.driver, WAIT);
    }
    return kubelet;
  }

  private static ClaimAllocation gpuClaim(String name) {
    return ClaimAllocation.of(claim(name), new DeviceAllocation("req", GPU, "pool-a", "gpu-0"));
  }

  /** A claim with one device from each driver. */
  private static ClaimAllocation gpuAndNicClaim() {
    return ClaimAllocation.of(
        claim("both"),
        new DeviceAllocation("gpu", GPU, "pool-a", "gpu-1"),
        new DeviceAllocation("nic", NIC, "pool-n", "nic-1"));
  }

  @Test
  void allClaimsOfAPodGoInOneCallPerDriver() throws Exception {
    FakeDraPlugin gpu = plugin(GPU);
    FakeDraPlugin nic = plugin(NIC);
    SimulatedKubelet kubelet = kubeletWith(gpu, nic);
    ClaimAllocation both = gpuAndNicClaim();

    PodPrepareResult result =
        kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("one"), gpuClaim("two"), both));

    assertThat(result.succeeded()).as(result.eventMessage()).isTrue();
    assertThat(result.prepared()).extracting(ClaimRef::name).containsExactly("one", "two", "both");
    assertThat(gpu.calls("v1.prepare")).hasSize(1);
    assertThat(gpu.calls("v1.prepare").get(0).claimUids())
        .containsExactly("uid-one", "uid-two", "uid-both");
    assertThat(nic.calls("v1.prepare")).hasSize(1);
    assertThat(nic.calls("v1.prepare").get(0).claimUids()).containsExactly("uid-both");
    ClaimInfo info = kubelet.claimInfo("uid-both").orElseThrow();
    assertThat(info.prepared()).isTrue();
    assertThat(info.podUids()).containsExactly("pod-uid-a");
    assertThat(info.devices()).extracting(ClaimDevice::driver).containsExactly(GPU, NIC);
    assertThat(info.devices().get(0).cdiDeviceIds()).containsExactly("example.com/gpu=uid-both-0");
  }

  @Test
  void v1beta1PluginsAreCalledWithTheV1beta1Service() throws Exception {
    FakeDraPlugin gpu = plugin(GPU).versions("v1beta1.DRAPlugin");
    SimulatedKubelet kubelet = kubeletWith(gpu);

    PodPrepareResult result = kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("one")));

    assertThat(result.succeeded()).as(result.eventMessage()).isTrue();
    assertThat(gpu.calls("v1beta1.prepare")).hasSize(1);
    assertThat(gpu.calls("v1.prepare")).isEmpty();
    assertThat(kubelet.claimInfo("uid-one").orElseThrow().devices().get(0).device())
        .isEqualTo("dev-one");
    assertThat(kubelet.unpreparePod(POD_A).succeeded()).isTrue();
    assertThat(gpu.calls("v1beta1.unprepare")).hasSize(1);
  }

  @Test
  void unregisteredDriverFailsThePodBeforeAnyCall() throws Exception {
    FakeDraPlugin gpu = plugin(GPU);
    SimulatedKubelet kubelet = kubeletWith(gpu);
    ClaimAllocation nicClaim =
        ClaimAllocation.of(claim("nic"), new DeviceAllocation("req", NIC, "pool-n", "nic-0"));

    PodPrepareResult result = kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("one"), nicClaim));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.eventMessage())
        .startsWith("FailedPrepareDynamicResources")
        .contains("DRA driver nic.example.com is not registered")
        .contains("default/nic");
    assertThat(gpu.calls).isEmpty();
    assertThat(kubelet.claimInfos()).isEmpty();
  }

  @Test
  void unallocatedClaimFailsThePodBeforeAnyCall() throws Exception {
    FakeDraPlugin gpu = plugin(GPU);
    SimulatedKubelet kubelet = kubeletWith(gpu);

    PodPrepareResult result =
        kubelet.preparePod(
            PodClaims.of(POD_A, gpuClaim("one"), new ClaimAllocation(claim("pending"), List.of())));

    assertThat(result.errors()).singleElement().asString().contains("is not allocated");
    assertThat(gpu.calls).isEmpty();
  }

  @Test
  void perClaimErrorFailsThePodAndNothingIsMarkedPrepared() throws Exception {
    FakeDraPlugin gpu =
        plugin(GPU)
            .onPrepare(
                c ->
                    c.getName().equals("bad")
                        ? FakeDraPlugin.Answer.error("device gpu-0 is busy")
                        : FakeDraPlugin.oneDevicePerClaim(c));
    SimulatedKubelet kubelet = kubeletWith(gpu);

    PodPrepareResult result =
        kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("good"), gpuClaim("bad")));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.errors())
        .containsExactly(
            "NodePrepareResources of driver gpu.example.com failed for claim default/bad: device"
                + " gpu-0 is busy");
    assertThat(kubelet.claimInfo("uid-good").orElseThrow().prepared()).isFalse();
    assertThat(kubelet.claimInfo("uid-bad").orElseThrow().prepared()).isFalse();

    // The pod sync retries: both claims are sent again, since neither was marked prepared.
    gpu.onPrepare(FakeDraPlugin::oneDevicePerClaim);
    PodPrepareResult retry =
        kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("good"), gpuClaim("bad")));
    assertThat(retry.succeeded()).as(retry.eventMessage()).isTrue();
    assertThat(gpu.calls("v1.prepare").get(1).claimUids()).containsExactly("uid-good", "uid-bad");
  }

  @Test
  void unknownClaimInTheResponseFailsThePod() throws Exception {
    FakeDraPlugin gpu =
        plugin(GPU)
            .extraAnswer("uid-stranger", FakeDraPlugin.Answer.devices(Device.getDefaultInstance()));
    SimulatedKubelet kubelet = kubeletWith(gpu);

    PodPrepareResult result = kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("one")));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.errors())
        .singleElement()
        .asString()
        .contains("returned a result for unknown claim UID uid-stranger");
    assertThat(kubelet.claimInfo("uid-one").orElseThrow().prepared()).isFalse();
  }

  @Test
  void claimMissingFromTheResponseFailsThePod() throws Exception {
    FakeDraPlugin gpu =
        plugin(GPU)
            .onPrepare(
                c ->
                    c.getName().equals("forgotten")
                        ? FakeDraPlugin.Answer.leftOut()
                        : FakeDraPlugin.oneDevicePerClaim(c));
    SimulatedKubelet kubelet = kubeletWith(gpu);

    PodPrepareResult result =
        kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("one"), gpuClaim("forgotten")));

    assertThat(result.errors())
        .singleElement()
        .asString()
        .contains("left out 1 claim(s)")
        .contains("default/forgotten");
  }

  @Test
  void rpcErrorFailsThePodAndOtherDriversAreNotRolledBack() throws Exception {
    FakeDraPlugin gpu = plugin(GPU);
    FakeDraPlugin nic =
        plugin(NIC).failPrepare(Status.UNAVAILABLE.withDescription("device plugin restarting"));
    SimulatedKubelet kubelet = kubeletWith(gpu, nic);
    ClaimAllocation both = gpuAndNicClaim();

    PodPrepareResult result = kubelet.preparePod(PodClaims.of(POD_A, both));

    assertThat(result.errors())
        .singleElement()
        .asString()
        .contains(
            "NodePrepareResources of driver nic.example.com failed: UNAVAILABLE: device plugin restarting");
    assertThat(gpu.calls("v1.prepare")).hasSize(1);
    assertThat(gpu.calls("v1.unprepare")).isEmpty();
    assertThat(kubelet.claimInfo("uid-both").orElseThrow().prepared()).isFalse();
  }

  @Test
  void prepareSlowerThanTheCallTimeoutFailsThePod() throws Exception {
    plugin(GPU).slowPrepare(Duration.ofSeconds(2)).start();
    SimulatedKubelet kubelet = startKubelet(kubelet().callTimeout(Duration.ofMillis(200)));
    kubelet.awaitRegistered(GPU, WAIT);

    PodPrepareResult result = kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("one")));

    assertThat(result.errors())
        .singleElement()
        .asString()
        .startsWith("NodePrepareResources of driver gpu.example.com failed: DEADLINE_EXCEEDED");
  }

  @Test
  void sharedClaimIsPreparedOnceAndUnpreparedAfterTheLastPod() throws Exception {
    FakeDraPlugin gpu = plugin(GPU);
    SimulatedKubelet kubelet = kubeletWith(gpu);

    PodPrepareResult first = kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("shared")));
    PodPrepareResult second =
        kubelet.preparePod(PodClaims.of(POD_B, gpuClaim("shared"), gpuClaim("own")));

    assertThat(first.prepared()).extracting(ClaimRef::name).containsExactly("shared");
    assertThat(second.skipped()).extracting(ClaimRef::name).containsExactly("shared");
    assertThat(second.prepared()).extracting(ClaimRef::name).containsExactly("own");
    assertThat(gpu.calls("v1.prepare"))
        .extracting(FakeDraPlugin.Call::claimUids)
        .containsExactly(List.of("uid-shared"), List.of("uid-own"));
    assertThat(kubelet.claimInfo("uid-shared").orElseThrow().podUids())
        .containsExactly("pod-uid-a", "pod-uid-b");

    PodUnprepareResult firstGone = kubelet.unpreparePod(POD_A);
    assertThat(firstGone.stillInUse()).extracting(ClaimRef::name).containsExactly("shared");
    assertThat(gpu.calls("v1.unprepare")).isEmpty();

    PodUnprepareResult lastGone = kubelet.unpreparePod(POD_B);
    assertThat(lastGone.succeeded()).isTrue();
    assertThat(lastGone.unprepared())
        .extracting(ClaimRef::name)
        .containsExactlyInAnyOrder("shared", "own");
    assertThat(gpu.calls("v1.unprepare")).hasSize(1);
    assertThat(gpu.calls("v1.unprepare").get(0).claimUids())
        .containsExactlyInAnyOrder("uid-shared", "uid-own");
    assertThat(kubelet.claimInfos()).isEmpty();
  }

  @Test
  void kubeletRestartedFromItsCheckpointUnpreparesAndDoesNotPrepareAgain() throws Exception {
    FakeDraPlugin gpu = plugin(GPU);
    SimulatedKubelet before = kubeletWith(gpu);
    assertThat(before.preparePod(PodClaims.of(POD_A, gpuClaim("one"))).succeeded()).isTrue();
    assertThat(before.preparePod(PodClaims.of(POD_B, gpuClaim("two"))).succeeded()).isTrue();
    // snippet:restart-from-checkpoint
    List<ClaimInfo> checkpoint = before.claimInfos();
    before.close();
    SimulatedKubelet after = kubelet().checkpoint(checkpoint).build().start();
    // end:restart-from-checkpoint
    closeLater(after);
    after.awaitRegistered(GPU, WAIT);
    PodPrepareResult running = after.preparePod(PodClaims.of(POD_A, gpuClaim("one")));
    PodUnprepareResult deleted = after.unpreparePod(POD_B);

    assertThat(running.skipped()).extracting(ClaimRef::name).containsExactly("one");
    assertThat(deleted.unprepared()).extracting(ClaimRef::name).containsExactly("two");
    assertThat(gpu.calls("v1.prepare")).hasSize(2);
    assertThat(gpu.calls("v1.unprepare"))
        .extracting(FakeDraPlugin.Call::claimUids)
        .containsExactly(List.of("uid-two"));
    assertThat(after.claimInfo("uid-one").orElseThrow().devices())
        .isEqualTo(checkpoint.get(0).devices());
  }

  @Test
  void kubeletWithoutCheckpointKnowsNoClaim() throws Exception {
    FakeDraPlugin gpu = plugin(GPU);
    SimulatedKubelet before = kubeletWith(gpu);
    assertThat(before.preparePod(PodClaims.of(POD_A, gpuClaim("one"))).succeeded()).isTrue();
    before.close();

    SimulatedKubelet after = startKubelet(kubelet());
    after.awaitRegistered(GPU, WAIT);

    assertThat(after.unpreparePod(POD_A).unprepared()).isEmpty();
    assertThat(gpu.calls("v1.unprepare")).isEmpty();
  }

  @Test
  void unprepareErrorKeepsTheClaimUntilARetrySucceeds() throws Exception {
    FakeDraPlugin gpu = plugin(GPU).onUnprepare(c -> "cannot reset " + c.getName());
    SimulatedKubelet kubelet = kubeletWith(gpu);
    assertThat(kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("one"))).succeeded()).isTrue();

    PodUnprepareResult failed = kubelet.unpreparePod(POD_A);

    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.errors())
        .containsExactly(
            "NodeUnprepareResources of driver gpu.example.com failed for claim default/one:"
                + " cannot reset one");
    assertThat(kubelet.claimInfo("uid-one")).isPresent();

    gpu.onUnprepare(c -> "");
    PodUnprepareResult retry = kubelet.unpreparePod(POD_A);
    assertThat(retry.succeeded()).isTrue();
    assertThat(retry.unprepared()).extracting(ClaimRef::name).containsExactly("one");
    assertThat(kubelet.claimInfos()).isEmpty();
  }

  @Test
  void unprepareOfAStoppedDriverFailsAndKeepsTheClaim() throws Exception {
    FakeDraPlugin gpu = plugin(GPU);
    SimulatedKubelet kubelet = kubeletWith(gpu);
    assertThat(kubelet.preparePod(PodClaims.of(POD_A, gpuClaim("one"))).succeeded()).isTrue();

    gpu.close();
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(() -> kubelet.registeredDrivers().isEmpty());
    PodUnprepareResult result = kubelet.unpreparePod(POD_A);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.errors()).singleElement().asString().contains("is not registered");
    assertThat(kubelet.claimInfo("uid-one")).isPresent();
  }

  @Test
  void podAndClaimsFromClientJavaObjectsArePrepared() throws Exception {
    FakeDraPlugin gpu = plugin(GPU);
    SimulatedKubelet kubelet = kubeletWith(gpu);
    V1Pod pod =
        new V1Pod().metadata(new V1ObjectMeta().namespace("ml").name("trainer").uid("pod-uid-1"));
    ResourceV1ResourceClaim claim =
        new ResourceV1ResourceClaim()
            .metadata(new V1ObjectMeta().namespace("ml").name("gpus").uid("claim-uid-1"))
            .status(
                new V1ResourceClaimStatus()
                    .allocation(
                        new V1AllocationResult()
                            .devices(
                                new V1DeviceAllocationResult()
                                    .addResultsItem(
                                        new V1DeviceRequestAllocationResult()
                                            .request("gpu")
                                            .driver(GPU)
                                            .pool("pool-a")
                                            .device("gpu-3")))));

    PodPrepareResult result = kubelet.preparePod(pod, List.of(claim));

    assertThat(result.succeeded()).as(result.eventMessage()).isTrue();
    assertThat(result.pod()).isEqualTo(new PodRef("ml", "trainer", "pod-uid-1"));
    assertThat(gpu.calls("v1.prepare").get(0).claimUids()).containsExactly("claim-uid-1");
  }
}
