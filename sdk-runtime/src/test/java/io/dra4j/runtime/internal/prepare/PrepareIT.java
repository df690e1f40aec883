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
package io.dra4j.runtime.internal.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.FakeKubelet;
import io.dra4j.runtime.NodeFixture;
import io.dra4j.runtime.TestProvider;
import io.dra4j.runtime.internal.checkpoint.Checkpoint;
import io.dra4j.runtime.internal.checkpoint.CheckpointEntry;
import io.dra4j.runtime.internal.claims.AllocatedClaim;
import io.dra4j.runtime.internal.claims.DeviceResult;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.Device;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourceResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrepareIT {
  private static final String DRIVER = TestProvider.DRIVER;
  private final NodeFixture node = new NodeFixture();
  private TestProvider provider = new TestProvider();
  private DriverRuntime runtime;
  private FakeKubelet kubelet;

  @BeforeEach
  void start() throws Exception {
    runtime = node.runtime(provider).build().start();
    kubelet = new FakeKubelet(runtime);
  }

  @AfterEach
  void tearDown() throws Exception {
    kubelet.close();
    runtime.close();
    node.close();
  }

  private void restart() throws Exception {
    kubelet.close();
    runtime.close();
    provider = new TestProvider();
    runtime = node.runtime(provider).build().start();
    kubelet = new FakeKubelet(runtime);
  }

  private Path spec(ClaimRef ref) {
    return node.cdi.resolve("k8s." + DRIVER + "-claim_" + ref.uid() + ".json");
  }

  private Checkpoint checkpoint() throws Exception {
    return Checkpoint.open(node.checkpointFile(DRIVER), "boot-1");
  }

  @Test
  void prepareReturnsEveryAllocatedDeviceWithItsCdiIdAndWritesTheSpec() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "train", "uid-1", DRIVER, "dev-0", "dev-1");

    NodePrepareResourceResponse answer = kubelet.prepare(ref).getClaimsOrThrow("uid-1");

    assertThat(answer.getError()).isEmpty();
    assertThat(answer.getDevicesList())
        .extracting(Device::getDeviceName)
        .containsExactly("dev-0", "dev-1");
    Device first = answer.getDevices(0);
    assertThat(first.getPoolName()).isEqualTo("pool-a");
    assertThat(first.getRequestNamesList()).containsExactly("req-dev-0");
    assertThat(first.getCdiDeviceIdsList())
        .singleElement()
        .asString()
        .startsWith("k8s." + DRIVER + "/claim=");
    assertThat(first.hasShareId()).isFalse();
    assertThat(spec(ref)).exists();
    assertThat(Files.readString(spec(ref))).contains("VISIBLE_DEVICE=dev-1");
    assertThat(checkpoint().get("uid-1"))
        .get()
        .extracting(CheckpointEntry::state)
        .isEqualTo(CheckpointEntry.State.PREPARE_COMPLETED);
  }

  @Test
  void aDeletedCdiDirectoryIsCreatedAgainByTheNextPrepare() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "train", "uid-1", DRIVER, "dev-0");
    Files.delete(node.cdi);

    NodePrepareResourceResponse answer = kubelet.prepare(ref).getClaimsOrThrow("uid-1");

    assertThat(answer.getError()).isEmpty();
    assertThat(spec(ref)).exists();
  }

  @Test
  void temporaryFilesACrashLeftAreRemovedAtStartOnlyForThisDriver() throws Exception {
    Path pluginDir = node.checkpointFile(DRIVER).getParent();
    Path cdiTemp = node.cdi.resolve(".k8s." + DRIVER + "-claim_uid-1.json.8812345.tmp");
    Path checkpointTemp = pluginDir.resolve(".checkpoint.json.4471.tmp");
    Path otherDriver = node.cdi.resolve(".k8s.other.example.com-claim_uid-1.json.77.tmp");
    Path otherFile = node.cdi.resolve(".k8s." + DRIVER + "-claim_uid-1.json.keep");
    Path spec = node.cdi.resolve("k8s." + DRIVER + "-claim_uid-9.json");
    for (Path p : List.of(cdiTemp, checkpointTemp, otherDriver, otherFile, spec)) {
      Files.writeString(p, "{\"claim\":\"data\"}");
    }

    restart();

    assertThat(cdiTemp).doesNotExist();
    assertThat(checkpointTemp).doesNotExist();
    assertThat(otherDriver).exists();
    assertThat(otherFile).exists();
    assertThat(spec).exists();
  }

  /** A claim with one shared device {@code dev-2} of this driver. */
  private ClaimRef allocateShared(String name, String uid, String request, String shareId) {
    ClaimRef ref = new ClaimRef("ns", name, uid);
    AllocatedDevice device =
        new AllocatedDevice(request, "pool-a", "dev-2", false, Optional.of(shareId), Map.of());
    node.claims.put(
        new AllocatedClaim(ref, List.of(new DeviceResult(DRIVER, device)), List.of(), List.of()));
    return ref;
  }

  @Test
  void requestNamesAreReportedWithoutTheSubrequest() throws Exception {
    ClaimRef ref = allocateShared("sub", "uid-sub", "gpu/large", "share-7");

    Device device = kubelet.prepare(ref).getClaimsOrThrow("uid-sub").getDevices(0);

    assertThat(device.getRequestNamesList()).containsExactly("gpu");
    assertThat(device.getShareId()).isEqualTo("share-7");
  }

  @Test
  void v1beta1AnswersCarryNoShareIdBecauseThatVersionHasNone() throws Exception {
    ClaimRef ref = allocateShared("shared-beta", "uid-shared-beta", "gpu", "share-1");

    var device =
        kubelet
            .v1beta1()
            .nodePrepareResources(
                io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesRequest.newBuilder()
                    .addClaims(
                        io.dra4j.runtime.internal.proto.dra.v1beta1.Claim.newBuilder()
                            .setNamespace("ns")
                            .setName("shared-beta")
                            .setUid("uid-shared-beta"))
                    .build())
            .getClaimsOrThrow("uid-shared-beta")
            .getDevices(0);

    assertThat(device.getDeviceName()).isEqualTo("dev-2");
    assertThat(device.getUnknownFields().asMap()).isEmpty();
  }

  @Test
  void repeatedPrepareReturnsTheSameAnswerWithoutCallingTheProviderAgain() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "again", "uid-2", DRIVER, "dev-0");

    NodePrepareResourcesResponse first = kubelet.prepare(ref);
    NodePrepareResourcesResponse second = kubelet.prepare(ref);

    assertThat(second).isEqualTo(first);
    assertThat(provider.prepareCalls("uid-2")).isEqualTo(1);
  }

  @Test
  void repeatedPrepareRewritesADeletedCdiSpec() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "reboot", "uid-3", DRIVER, "dev-0");
    NodePrepareResourcesResponse first = kubelet.prepare(ref);
    String content = Files.readString(spec(ref));
    Files.delete(spec(ref));

    NodePrepareResourcesResponse second = kubelet.prepare(ref);

    assertThat(second).isEqualTo(first);
    assertThat(Files.readString(spec(ref))).isEqualTo(content);
  }

  @Test
  void prepareOfTheSameClaimWorksAfterTheClaimIsGoneFromTheApi() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "gone", "uid-gone", DRIVER, "dev-0");
    kubelet.prepare(ref);
    node.claims.addUnallocated("ns", "gone", "other-uid");

    assertThat(kubelet.prepare(ref).getClaimsOrThrow("uid-gone").getError()).isEmpty();
  }

  @Test
  void prepareOfUnknownClaimFailsOnlyThatClaim() throws Exception {
    ClaimRef good = node.claims.allocate("ns", "good", "uid-good", DRIVER, "dev-0");
    ClaimRef unknown = new ClaimRef("ns", "missing", "uid-missing");

    NodePrepareResourcesResponse response = kubelet.prepare(good, unknown);

    assertThat(response.getClaimsOrThrow("uid-missing").getError())
        .startsWith("CLAIM_NOT_FOUND: ")
        .contains("does not exist")
        .as("the kubelet names the claim")
        .doesNotContain("ns/missing");
    assertThat(response.getClaimsOrThrow("uid-good").getError()).isEmpty();
    assertThat(response.getClaimsOrThrow("uid-good").getDevicesCount()).isEqualTo(1);
  }

  @Test
  void prepareOfAReplacedClaimFailsWithTheUidMismatch() throws Exception {
    node.claims.allocate("ns", "replaced", "uid-new", DRIVER, "dev-0");

    NodePrepareResourceResponse answer =
        kubelet.prepare(new ClaimRef("ns", "replaced", "uid-old")).getClaimsOrThrow("uid-old");

    assertThat(answer.getError())
        .startsWith("CLAIM_REPLACED: ")
        .contains("replaced")
        .contains("uid-new");
    assertThat(provider.prepareCalls("uid-old")).isZero();
  }

  @Test
  void prepareOfAnUnallocatedClaimFails() throws Exception {
    ClaimRef ref = node.claims.addUnallocated("ns", "pending", "uid-pending");

    assertThat(kubelet.prepare(ref).getClaimsOrThrow("uid-pending").getError())
        .startsWith("NOT_ALLOCATED: ")
        .contains("not allocated");
  }

  @Test
  void prepareOfAClaimWithoutDevicesOfThisDriverFails() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "other", "uid-other", "net.example.com", "nic-0");

    assertThat(kubelet.prepare(ref).getClaimsOrThrow("uid-other").getError())
        .startsWith("NOT_ALLOCATED_TO_DRIVER: ")
        .contains("no device allocated by driver " + DRIVER);
  }

  @Test
  void providerFailureBecomesThatClaimsErrorAndOtherClaimsSucceed() throws Exception {
    ClaimRef bad = node.claims.allocate("ns", "throws-1", "uid-bad", DRIVER, "dev-0");
    ClaimRef good = node.claims.allocate("ns", "fine", "uid-fine", DRIVER, "dev-1");

    NodePrepareResourcesResponse response = kubelet.prepare(bad, good);

    assertThat(response.getClaimsOrThrow("uid-bad").getError())
        .startsWith("PROVIDER_FAILED: ")
        .contains("is broken: replace it");
    assertThat(response.getClaimsOrThrow("uid-fine").getError()).isEmpty();
    assertThat(spec(bad)).doesNotExist();
    assertThat(spec(good)).exists();
  }

  @Test
  void aProviderThatHangsPastTheDeadlineGetsAPerClaimTimeoutAndOtherClaimsSucceed()
      throws Exception {
    ClaimRef hung = node.claims.allocate("ns", "hangs-1", "uid-hung", DRIVER, "dev-0");
    ClaimRef good = node.claims.allocate("ns", "quick", "uid-quick", DRIVER, "dev-1");

    NodePrepareResourcesResponse response = kubelet.prepare(2, hung, good);

    assertThat(response.getClaimsOrThrow("uid-hung").getError())
        .startsWith("TIMEOUT: ")
        .contains("did not finish before the kubelet's deadline")
        .doesNotContain("ns/hangs-1");
    assertThat(response.getClaimsOrThrow("uid-quick").getError()).isEmpty();
    assertThat(checkpoint().get("uid-hung"))
        .get()
        .extracting(CheckpointEntry::state)
        .isEqualTo(CheckpointEntry.State.PREPARE_STARTED);
  }

  @Test
  void aPreparationThatLeavesOutADeviceIsReportedAsAProviderBug() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "buggy-1", "uid-buggy", DRIVER, "dev-0", "dev-1");

    String error = kubelet.prepare(ref).getClaimsOrThrow("uid-buggy").getError();

    assertThat(error)
        .startsWith("INVALID_PREPARATION: ")
        .contains("does not cover every allocated device exactly once")
        .contains("req-dev-1:pool-a/dev-1")
        .contains("bug in " + TestProvider.class.getName());
    assertThat(spec(ref)).doesNotExist();
  }

  @Test
  void theClaimsOfOneCallArePreparedConcurrently() throws Exception {
    ClaimRef a = node.claims.allocate("ns", "slow-a", "uid-slow-a", DRIVER, "dev-0");
    ClaimRef b = node.claims.allocate("ns", "slow-b", "uid-slow-b", DRIVER, "dev-1");

    CompletableFuture<NodePrepareResourcesResponse> call =
        CompletableFuture.supplyAsync(() -> kubelet.prepare(a, b));

    // Both claims are inside the provider at the same time; a sequential runner never gets there.
    await().until(() -> provider.slowEntered.get() == 2);
    provider.release.countDown();
    assertThat(call.get().getClaimsMap().values())
        .allSatisfy(r -> assertThat(r.getError()).isEmpty());
  }

  @Test
  void theSameClaimInTwoConcurrentCallsIsPreparedOnce() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "slow-once", "uid-once", DRIVER, "dev-0");
    CompletableFuture<NodePrepareResourcesResponse> first =
        CompletableFuture.supplyAsync(() -> kubelet.prepare(ref));
    provider.slowStarted.await();

    CompletableFuture<NodePrepareResourcesResponse> second =
        CompletableFuture.supplyAsync(() -> kubelet.prepare(ref));
    await().until(PrepareIT::aClaimWorkerWaitsForAClaimLock);
    provider.release.countDown();

    assertThat(second.get()).isEqualTo(first.get());
    assertThat(provider.prepareCalls("uid-once")).isEqualTo(1);
  }

  private static boolean aClaimWorkerWaitsForAClaimLock() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().startsWith("dra4j-claim"))
        .anyMatch(
            e ->
                Arrays.stream(e.getValue())
                    .anyMatch(f -> f.getClassName().equals(KeyedLocks.class.getName())));
  }

  @Test
  void malformedClaimsGetTheirOwnErrorNamingTheMissingField() throws Exception {
    ClaimRef good = node.claims.allocate("ns", "ok", "uid-ok", DRIVER, "dev-0");
    NodePrepareResourcesRequest request =
        NodePrepareResourcesRequest.newBuilder()
            .addClaims(Claim.newBuilder().setNamespace("").setName("x").setUid("uid-no-ns"))
            .addClaims(Claim.newBuilder().setNamespace("ns").setName("").setUid("uid-no-name"))
            .addClaims(FakeKubelet.claim(good))
            .build();

    NodePrepareResourcesResponse response = kubelet.v1(45).nodePrepareResources(request);

    // A claim without a uid cannot be answered at all: MalformedCallsIT.
    assertThat(response.getClaimsOrThrow("uid-no-ns").getError())
        .startsWith("MALFORMED_REQUEST: ")
        .contains("namespace must not be empty");
    assertThat(response.getClaimsOrThrow("uid-no-name").getError())
        .contains("name must not be empty");
    assertThat(response.getClaimsOrThrow("uid-ok").getError()).isEmpty();
  }

  @Test
  void aClaimRepeatedInOneCallIsPreparedOnce() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "twice", "uid-twice", DRIVER, "dev-0");

    NodePrepareResourcesResponse response = kubelet.prepare(ref, ref, ref);

    assertThat(response.getClaimsMap()).containsOnlyKeys("uid-twice");
    assertThat(response.getClaimsOrThrow("uid-twice").getError()).isEmpty();
    assertThat(provider.prepareCalls("uid-twice")).isEqualTo(1);
  }

  @Test
  void anUnwritableCdiDirectoryFailsTheClaimNamingTheDirectoryAndDoesNotCompleteTheCheckpoint()
      throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "disk", "uid-disk", DRIVER, "dev-0");
    // Running as root makes permissions ineffective; a regular file where the directory was is a
    // real failure for any user.
    Files.delete(node.cdi);
    Files.writeString(node.cdi, "not a directory");

    String error = kubelet.prepare(ref).getClaimsOrThrow("uid-disk").getError();

    assertThat(error)
        .startsWith("CDI_WRITE_FAILED: ")
        .contains(node.cdi.toString())
        .doesNotContain("--cdi-dir");
    assertThat(checkpoint().get("uid-disk"))
        .get()
        .extracting(CheckpointEntry::state)
        .isEqualTo(CheckpointEntry.State.PREPARE_STARTED);
    Files.delete(node.cdi);
    Files.createDirectory(node.cdi);
    assertThat(kubelet.prepare(ref).getClaimsOrThrow("uid-disk").getError()).isEmpty();
    assertThat(provider.prepareCalls("uid-disk")).isEqualTo(2);
  }

  @Test
  void unprepareReleasesTheClaimRemovesTheSpecAndTheCheckpointEntry() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "done", "uid-done", DRIVER, "dev-0");
    kubelet.prepare(ref);

    NodeUnprepareResourcesResponse response = kubelet.unprepare(ref);

    assertThat(response.getClaimsOrThrow("uid-done").getError()).isEmpty();
    assertThat(provider.unprepared())
        .singleElement()
        .satisfies(c -> assertThat(c.preparation().devices()).hasSize(1));
    assertThat(spec(ref)).doesNotExist();
    assertThat(checkpoint().get("uid-done")).isEmpty();
  }

  @Test
  void unprepareOfAnUnknownClaimSucceedsWithoutCallingTheProvider() throws Exception {
    NodeUnprepareResourcesResponse response =
        kubelet.unprepare(new ClaimRef("ns", "never", "uid-never"));

    assertThat(response.getClaimsOrThrow("uid-never").getError()).isEmpty();
    assertThat(provider.unprepareCalls("uid-never")).isZero();
  }

  @Test
  void unprepareWorksFromTheCheckpointAloneAfterTheClaimIsDeleted() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "deleted", "uid-deleted", DRIVER, "dev-0");
    kubelet.prepare(ref);
    node.claims.addUnallocated("ns", "deleted", "someone-else");
    restart();

    assertThat(kubelet.unprepare(ref).getClaimsOrThrow("uid-deleted").getError()).isEmpty();
    assertThat(provider.unprepareCalls("uid-deleted")).isEqualTo(1);
  }

  @Test
  void aFailedUnprepareKeepsTheCheckpointEntrySoTheKubeletCanRetry() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "sticky", "uid-sticky", DRIVER, "dev-0");
    kubelet.prepare(ref);
    provider.failUnprepare = true;

    assertThat(kubelet.unprepare(ref).getClaimsOrThrow("uid-sticky").getError())
        .startsWith("PROVIDER_FAILED: ")
        .contains("cannot reset devices");
    assertThat(checkpoint().get("uid-sticky")).isPresent();
    assertThat(spec(ref)).exists();

    provider.failUnprepare = false;
    assertThat(kubelet.unprepare(ref).getClaimsOrThrow("uid-sticky").getError()).isEmpty();
    assertThat(checkpoint().get("uid-sticky")).isEmpty();
  }

  @Test
  void aPrepareInterruptedBetweenStartedAndCompletedIsPreparedAgainAfterARestart()
      throws Exception {
    kubelet.close();
    runtime.close();
    ClaimRef ref = node.claims.allocate("ns", "crashed", "uid-crashed", DRIVER, "dev-0");
    Checkpoint.open(node.checkpointFile(DRIVER), "boot-1").prepareStarted(ref);
    provider = new TestProvider();
    runtime = node.runtime(provider).build().start();
    kubelet = new FakeKubelet(runtime);

    assertThat(kubelet.prepare(ref).getClaimsOrThrow("uid-crashed").getError()).isEmpty();
    assertThat(provider.prepareCalls("uid-crashed")).isEqualTo(1);
    assertThat(node.cdiFiles()).isEqualTo(1);
    kubelet.unprepare(ref);
    assertThat(node.cdiFiles()).isZero();
  }

  @Test
  void unprepareOfAStartedClaimCallsTheProviderWithAnEmptyPreparation() throws Exception {
    ClaimRef ref = new ClaimRef("ns", "half", "uid-half");
    Checkpoint.open(node.checkpointFile(DRIVER), "boot-1").prepareStarted(ref);
    restart();

    assertThat(kubelet.unprepare(ref).getClaimsOrThrow("uid-half").getError()).isEmpty();
    assertThat(provider.unprepared())
        .singleElement()
        .satisfies(c -> assertThat(c.preparation().devices()).isEmpty());
    assertThat(checkpoint().get("uid-half")).isEmpty();
  }

  @Test
  void aClaimPreparedInAnEarlierBootIsPreparedAgain() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "rebooted", "uid-rebooted", DRIVER, "dev-0");
    kubelet.prepare(ref);
    node.bootId("boot-2");
    Files.delete(spec(ref));
    restart();

    NodePrepareResourceResponse answer = kubelet.prepare(ref).getClaimsOrThrow("uid-rebooted");

    assertThat(answer.getError()).isEmpty();
    assertThat(provider.prepareCalls("uid-rebooted")).isEqualTo(1);
    assertThat(spec(ref)).exists();
    assertThat(Checkpoint.open(node.checkpointFile(DRIVER), "boot-2").get("uid-rebooted"))
        .get()
        .satisfies(e -> assertThat(e.fromCurrentBoot("boot-2")).isTrue());
  }

  @Test
  void v1beta1PreparesAndUnpreparesWithTheSameLogic() throws Exception {
    ClaimRef ref = node.claims.allocate("ns", "beta", "uid-beta", DRIVER, "dev-3");
    var claim =
        io.dra4j.runtime.internal.proto.dra.v1beta1.Claim.newBuilder()
            .setNamespace("ns")
            .setName("beta")
            .setUid("uid-beta")
            .build();

    var prepared =
        kubelet
            .v1beta1()
            .nodePrepareResources(
                io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesRequest.newBuilder()
                    .addClaims(claim)
                    .build())
            .getClaimsOrThrow("uid-beta");
    assertThat(prepared.getError()).isEmpty();
    assertThat(prepared.getDevices(0).getDeviceName()).isEqualTo("dev-3");
    assertThat(prepared.getDevices(0).getCdiDeviceIdsCount()).isEqualTo(1);
    assertThat(spec(ref)).exists();

    var unprepared =
        kubelet
            .v1beta1()
            .nodeUnprepareResources(
                io.dra4j.runtime.internal.proto.dra.v1beta1.NodeUnprepareResourcesRequest
                    .newBuilder()
                    .addClaims(claim)
                    .build())
            .getClaimsOrThrow("uid-beta");
    assertThat(unprepared.getError()).isEmpty();
    assertThat(spec(ref)).doesNotExist();
  }
}
