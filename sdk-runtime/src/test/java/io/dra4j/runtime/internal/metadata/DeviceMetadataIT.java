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
package io.dra4j.runtime.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.FakeKubelet;
import io.dra4j.runtime.NodeFixture;
import io.dra4j.runtime.TestProvider;
import io.dra4j.runtime.internal.claims.AllocatedClaim;
import io.dra4j.runtime.internal.claims.DeviceResult;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourceResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Device metadata over the real kubelet gRPC sockets: prepare, unprepare and a driver restart. */
class DeviceMetadataIT {
  private static final String DRIVER = TestProvider.DRIVER;
  private final NodeFixture node = new NodeFixture();
  private TestProvider provider;
  private DriverRuntime runtime;
  private FakeKubelet kubelet;

  private void start(boolean metadata) throws Exception {
    provider = new TestProvider();
    runtime = node.runtime(provider).deviceMetadata(metadata).build().start();
    kubelet = new FakeKubelet(runtime);
    provider.context.publish(
        Resources.of(
            Pool.builder("pool-a")
                .device(
                    Device.builder("dev-0")
                        .attribute("index", 0)
                        .attribute("model", "trn2")
                        .attribute("resource.aws.com/devicegroup4_id", "g-0")
                        .build())
                .device(Device.builder("dev-1").attribute("index", 1).build())
                .build()));
  }

  private void restart() throws Exception {
    restart(true);
  }

  private void restart(boolean metadata) throws Exception {
    kubelet.close();
    runtime.close();
    start(metadata);
  }

  @AfterEach
  void tearDown() throws Exception {
    kubelet.close();
    runtime.close();
    node.close();
  }

  /** A claim with device dev-1 for {@code request}. */
  private ClaimRef allocate(
      String name, String uid, String request, Optional<String> podClaimName) {
    ClaimRef ref = new ClaimRef("ns", name, uid);
    node.claims.put(
        new AllocatedClaim(
            ref,
            List.of(new DeviceResult(DRIVER, AllocatedDevice.of(request, "pool-a", "dev-1"))),
            List.of(),
            List.of(),
            podClaimName));
    return ref;
  }

  private Path hostFile(ClaimRef ref, String request) {
    return node.plugins
        .resolve(DRIVER)
        .resolve("dra-device-metadata")
        .resolve(ref.uid())
        .resolve(request)
        .resolve("metadata.json");
  }

  private Path spec(ClaimRef ref, String request) {
    return node.cdi.resolve(DRIVER + "_metadata_" + ref.uid() + "_" + request + ".json");
  }

  private List<String> metadataSpecs() throws Exception {
    try (Stream<Path> files = Files.list(node.cdi)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.contains("_metadata_"))
          .toList();
    }
  }

  @Test
  void prepareWritesTheFileAndTheSpecAndAnswersWithTheMetadataDevice() throws Exception {
    start(true);
    ClaimRef ref = node.claims.allocate("ns", "train", "uid-1", DRIVER, "dev-0", "dev-1");

    NodePrepareResourceResponse answer = kubelet.prepare(ref).getClaimsOrThrow("uid-1");

    assertThat(answer.getError()).isEmpty();
    assertThat(answer.getDevices(0).getCdiDeviceIdsList())
        .hasSize(2)
        .endsWith(DRIVER + "/metadata=uid-1_req-dev-0");
    assertThat(answer.getDevices(1).getCdiDeviceIdsList())
        .endsWith(DRIVER + "/metadata=uid-1_req-dev-1");
    JsonObject metadata =
        JsonParser.parseString(Files.readString(hostFile(ref, "req-dev-0"))).getAsJsonObject();
    assertThat(metadata.get("apiVersion").getAsString())
        .isEqualTo("metadata.resource.k8s.io/v1alpha1");
    JsonObject device =
        metadata
            .getAsJsonArray("requests")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("devices")
            .get(0)
            .getAsJsonObject();
    assertThat(device.get("name").getAsString()).isEqualTo("dev-0");
    assertThat(device.get("pool").getAsString()).isEqualTo("pool-a");
    JsonObject attributes = device.getAsJsonObject("attributes");
    assertThat(attributes.getAsJsonObject("model").get("string").getAsString()).isEqualTo("trn2");
    assertThat(attributes.getAsJsonObject("index").get("int").getAsLong()).isZero();
    assertThat(
            attributes
                .getAsJsonObject("resource.aws.com/devicegroup4_id")
                .get("string")
                .getAsString())
        .isEqualTo("g-0");
    JsonObject mount =
        JsonParser.parseString(Files.readString(spec(ref, "req-dev-0")))
            .getAsJsonObject()
            .getAsJsonArray("devices")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("containerEdits")
            .getAsJsonArray("mounts")
            .get(0)
            .getAsJsonObject();
    assertThat(mount.get("hostPath").getAsString())
        .isEqualTo(hostFile(ref, "req-dev-0").toAbsolutePath().toString());
    assertThat(mount.get("containerPath").getAsString())
        .isEqualTo(
            "/var/run/kubernetes.io/dra-device-attributes/resourceclaims/train/req-dev-0/"
                + DRIVER
                + "-metadata.json");
  }

  @Test
  void unprepareRemovesTheFilesAndTheSpecs() throws Exception {
    start(true);
    ClaimRef ref = node.claims.allocate("ns", "train", "uid-1", DRIVER, "dev-0", "dev-1");
    kubelet.prepare(ref);

    assertThat(kubelet.unprepare(ref).getClaimsOrThrow("uid-1").getError()).isEmpty();

    assertThat(metadataSpecs()).isEmpty();
    assertThat(hostFile(ref, "req-dev-0").getParent().getParent()).doesNotExist();
  }

  @Test
  void theFilesOutliveARestartAndTheRestartedDriverStillRemovesThem() throws Exception {
    start(true);
    ClaimRef ref = node.claims.allocate("ns", "train", "uid-1", DRIVER, "dev-0");
    kubelet.prepare(ref);
    String before = Files.readString(hostFile(ref, "req-dev-0"));

    restart();

    assertThat(hostFile(ref, "req-dev-0")).hasContent(before);
    assertThat(metadataSpecs()).containsExactly(DRIVER + "_metadata_uid-1_req-dev-0.json");
    assertThat(kubelet.unprepare(ref).getClaimsOrThrow("uid-1").getError()).isEmpty();
    assertThat(metadataSpecs()).isEmpty();
    assertThat(hostFile(ref, "req-dev-0")).doesNotExist();
  }

  @Test
  void rePrepareOfACheckpointedTemplateClaimRewritesTheSameBytesWithoutTheApi() throws Exception {
    start(true);
    ClaimRef ref = allocate("pod-accel-x7k2p", "uid-t", "neurons", Optional.of("accel"));
    List<String> first =
        kubelet.prepare(ref).getClaimsOrThrow("uid-t").getDevices(0).getCdiDeviceIdsList();
    String file = Files.readString(hostFile(ref, "neurons"));
    String mount = Files.readString(spec(ref, "neurons"));
    assertThat(mount).contains("/resourceclaimtemplates/accel/neurons/");
    restart();
    node.claims.addUnallocated("ns", "pod-accel-x7k2p", "another-uid");
    Files.delete(spec(ref, "neurons"));

    NodePrepareResourceResponse again = kubelet.prepare(ref).getClaimsOrThrow("uid-t");

    assertThat(again.getError()).isEmpty();
    assertThat(again.getDevices(0).getCdiDeviceIdsList()).isEqualTo(first);
    assertThat(hostFile(ref, "neurons")).hasContent(file);
    assertThat(spec(ref, "neurons")).hasContent(mount);
  }

  @Test
  void aDriverRestartedWithTheOptionOffStillRemovesTheFilesOnUnprepare() throws Exception {
    start(true);
    ClaimRef ref = node.claims.allocate("ns", "train", "uid-1", DRIVER, "dev-0");
    kubelet.prepare(ref);

    restart(false);

    assertThat(kubelet.unprepare(ref).getClaimsOrThrow("uid-1").getError()).isEmpty();
    assertThat(metadataSpecs()).isEmpty();
    assertThat(hostFile(ref, "req-dev-0")).doesNotExist();
  }

  @Test
  void withoutTheOptionNothingIsWrittenAndNoIdIsAdded() throws Exception {
    start(false);
    ClaimRef ref = node.claims.allocate("ns", "train", "uid-1", DRIVER, "dev-0");

    NodePrepareResourceResponse answer = kubelet.prepare(ref).getClaimsOrThrow("uid-1");

    assertThat(answer.getDevices(0).getCdiDeviceIdsList())
        .singleElement()
        .asString()
        .startsWith("k8s." + DRIVER + "/claim=");
    assertThat(metadataSpecs()).isEmpty();
    assertThat(node.plugins.resolve(DRIVER).resolve("dra-device-metadata")).doesNotExist();
  }

  @Test
  void aRequestNameThatCannotBeAPathFailsTheClaimAndWritesNoMetadata() throws Exception {
    start(true);
    ClaimRef ref = allocate("odd", "uid-odd", "../../etc", Optional.empty());

    NodePrepareResourceResponse answer = kubelet.prepare(ref).getClaimsOrThrow("uid-odd");

    assertThat(answer.getError())
        .startsWith("MALFORMED_REQUEST: ")
        .contains("request name '..'")
        .contains("DNS label");
    assertThat(metadataSpecs()).isEmpty();
    assertThat(node.plugins.resolve(DRIVER).resolve("dra-device-metadata")).doesNotExist();
    assertThat(node.root.resolve("etc")).doesNotExist();
  }
}
