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
package io.dra4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.device.Counter;
import io.dra4j.api.device.CounterConsumption;
import io.dra4j.api.device.CounterSet;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.PoolScope;
import io.dra4j.api.device.Resources;
import io.dra4j.api.device.TaintEffect;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.CounterLayout;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.apiserver.Outage;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ResourceV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ResourcePool;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import io.kubernetes.client.openapi.models.V1ResourceSliceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlicePublisherIT {
  private static final String DRIVER = "gpu.example.com";
  // A ceiling, not a delay: awaits return as soon as their condition holds.
  private static final Duration WAIT = Duration.ofSeconds(30);

  private FakeApiServer api;
  private KubeBackend kube;
  private SlicePublisher publisher;

  @BeforeEach
  void start() {
    api = FakeApiServer.start();
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");
    publisher = kube.publisher();
  }

  @AfterEach
  void stop() {
    kube.close();
    api.close();
  }

  private static Device device(int i) {
    return Device.builder(String.format("gpu-%03d", i))
        .attribute("index", i)
        .attribute("model", "h100")
        .capacity("memory", "80Gi")
        .build();
  }

  private static Resources pool(int devices) {
    return pool(devices, d -> d);
  }

  private static Resources pool(int devices, java.util.function.UnaryOperator<Device> edit) {
    Pool.Builder b = Pool.builder("node-a");
    for (int i = 0; i < devices; i++) {
      b.device(edit.apply(device(i)));
    }
    return Resources.of(b.build());
  }

  private static Resources tainted(int devices) {
    return pool(
        devices,
        d ->
            d.toBuilder()
                .taint(DeviceTaint.of("unhealthy", "ecc", TaintEffect.NO_SCHEDULE))
                .build());
  }

  private static String firstTaintTime(JsonObject slice) {
    JsonObject device = devices(slice).get(0).getAsJsonObject();
    return device.getAsJsonArray("taints").get(0).getAsJsonObject().get("timeAdded").getAsString();
  }

  private void publishAndSync(Resources r) throws InterruptedException {
    publisher.publish(r);
    assertThat(publisher.awaitSynced(WAIT)).as("synced").isTrue();
  }

  private List<JsonObject> slices() {
    List<JsonObject> out = new ArrayList<>(api.list("resourceslices"));
    out.sort(Comparator.comparing(s -> s.getAsJsonObject("metadata").get("name").getAsString()));
    return out;
  }

  private static JsonArray devices(JsonObject slice) {
    JsonElement d = slice.getAsJsonObject("spec").get("devices");
    return d == null ? new JsonArray() : d.getAsJsonArray();
  }

  private static JsonObject poolOf(JsonObject slice) {
    return slice.getAsJsonObject("spec").getAsJsonObject("pool");
  }

  @Test
  void firstPublishOfSixteenDevicesIsExactlyOneCreate() throws Exception {
    publishAndSync(pool(16));

    assertThat(api.requests().writeCount("resourceslices")).isEqualTo(1);
    assertThat(api.requests().count("create", "resourceslices")).isEqualTo(1);
    JsonObject slice = slices().get(0);
    assertThat(devices(slice)).hasSize(16);
    assertThat(slice.getAsJsonObject("spec").get("nodeName").getAsString()).isEqualTo("node-a");
    JsonObject owner =
        slice
            .getAsJsonObject("metadata")
            .getAsJsonArray("ownerReferences")
            .get(0)
            .getAsJsonObject();
    assertThat(owner.get("kind").getAsString()).isEqualTo("Node");
    assertThat(owner.get("controller").getAsBoolean()).isTrue();
    assertThat(owner.get("uid").getAsString())
        .isEqualTo(
            api.get("nodes", "", "node-a")
                .orElseThrow()
                .getAsJsonObject("metadata")
                .get("uid")
                .getAsString());
    assertThat(slice.toString()).doesNotContain("\"bools\"").doesNotContain("[]");
    assertThat(publisher.stats().creates()).isEqualTo(1);
  }

  @Test
  void republishingTheSameStateWritesNothing() throws Exception {
    publishAndSync(pool(16));
    api.requests().clear();

    publishAndSync(pool(16));
    publishAndSync(pool(16));

    assertThat(api.requests().writeCount("resourceslices")).isZero();
    assertThat(publisher.stats().writes()).isEqualTo(1);
  }

  @Test
  void changingOneDeviceIsOneUpdateAtTheSameGeneration() throws Exception {
    publishAndSync(pool(16));
    api.requests().clear();

    publishAndSync(
        pool(
            16,
            d ->
                d.name().equals("gpu-007") ? d.toBuilder().attribute("model", "h200").build() : d));

    assertThat(api.requests().writeCount("resourceslices")).isEqualTo(1);
    assertThat(api.requests().count("update", "resourceslices")).isEqualTo(1);
    assertThat(poolOf(slices().get(0)).get("generation").getAsLong()).isZero();
    assertThat(slices().get(0).toString()).contains("h200");
  }

  @Test
  void threeHundredDevicesMakeThreeSlicesOfOneGeneration() throws Exception {
    publishAndSync(pool(300));

    List<JsonObject> slices = slices();
    assertThat(slices).extracting(s -> devices(s).size()).containsExactly(128, 128, 44);
    assertThat(slices)
        .allSatisfy(
            s -> {
              assertThat(poolOf(s).get("generation").getAsLong()).isZero();
              assertThat(poolOf(s).get("resourceSliceCount").getAsLong()).isEqualTo(3);
            });
    assertThat(devices(slices.get(0)).get(0).getAsJsonObject().get("name").getAsString())
        .isEqualTo("gpu-000");
    assertThat(api.requests().count("create", "resourceslices")).isEqualTo(3);
  }

  @Test
  void layoutChangeWritesANewGenerationAndDeletesObsoleteSlicesAfterwards() throws Exception {
    publishAndSync(pool(300));
    publishAndSync(pool(16));

    List<JsonObject> slices = slices();
    assertThat(slices).hasSize(1);
    assertThat(poolOf(slices.get(0)).get("generation").getAsLong()).isEqualTo(1);
    assertThat(poolOf(slices.get(0)).get("resourceSliceCount").getAsLong()).isEqualTo(1);
    List<String> order =
        api.requests().all().stream().filter(r -> r.isWrite()).map(r -> r.verb()).toList();
    assertThat(order.lastIndexOf("update")).isLessThan(order.indexOf("delete"));
  }

  @Test
  void taintedDevicesAreSplitAtSixtyFourAndKeepTheirTaintTime() throws Exception {
    Resources tainted = tainted(100);
    publishAndSync(tainted);

    List<JsonObject> slices = slices();
    assertThat(slices).extracting(s -> devices(s).size()).containsExactly(64, 36);
    String time = firstTaintTime(slices.get(0));
    api.requests().clear();

    publishAndSync(tainted(100));

    assertThat(api.requests().writeCount("resourceslices")).isZero();
    assertThat(firstTaintTime(slices().get(0))).isEqualTo(time);
  }

  @Test
  void aRestartedPublisherAdoptsItsSlicesWithoutWriting() throws Exception {
    publishAndSync(tainted(300));
    String time = firstTaintTime(slices().get(0));
    kube.close();
    api.requests().clear();

    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");
    publisher = kube.publisher();
    publishAndSync(tainted(300));

    assertThat(api.requests().writeCount("resourceslices")).isZero();
    assertThat(firstTaintTime(slices().get(0))).isEqualTo(time);
  }

  @Test
  void counterSetsArePublishedInTheirOwnSlice() throws Exception {
    Pool.Builder b = Pool.builder("node-a");
    b.counterSet(CounterSet.of("gpu-0-memory", Map.of("memory", "80Gi")));
    for (int i = 0; i < 4; i++) {
      b.device(
          Device.builder("gpu-0-part-" + i)
              .consumes(
                  new CounterConsumption("gpu-0-memory", Map.of("memory", Counter.of("20Gi"))))
              .build());
    }
    publishAndSync(Resources.of(b.build()));

    List<JsonObject> slices = slices();
    assertThat(slices).hasSize(2);
    assertThat(devices(slices.get(0))).hasSize(4);
    assertThat(slices.get(0).getAsJsonObject("spec").has("sharedCounters")).isFalse();
    assertThat(slices.get(1).getAsJsonObject("spec").getAsJsonArray("sharedCounters")).hasSize(1);
    assertThat(slices.get(1).getAsJsonObject("spec").has("devices")).isFalse();
  }

  /** {@code gpus} GPUs of 4 partitions sharing the GPU's memory counter, and one plain device. */
  static Resources partitionedGpus(int gpus) {
    Pool.Builder b = Pool.builder("node-a");
    for (int g = 0; g < gpus; g++) {
      String set = "gpu-" + g + "-memory";
      b.counterSet(CounterSet.of(set, Map.of("memory", "80Gi")));
      for (int i = 0; i < 4; i++) {
        b.device(
            Device.builder("gpu-" + g + "-part-" + i)
                .consumes(new CounterConsumption(set, Map.of("memory", Counter.of("20Gi"))))
                .build());
      }
    }
    b.device(device(0));
    return Resources.of(b.build());
  }

  @Test
  void onKubernetes134CounterSetsArePublishedWithTheirConsumers() throws Exception {
    try (FakeApiServer old = FakeApiServer.start().emulateMinorVersion(34)) {
      old.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
      try (KubeBackend kube134 = KubeBackend.connectOwned(old.client(), DRIVER, "node-a")) {
        assertThat(kube134.counterLayout()).isEqualTo(CounterLayout.WITH_DEVICES);
        SlicePublisher p = kube134.publisher();
        p.publish(partitionedGpus(2));
        assertThat(p.awaitSynced(WAIT)).as("synced").isTrue();

        List<JsonObject> slices = new ArrayList<>(old.list("resourceslices"));
        slices.sort(
            Comparator.comparing(s -> s.getAsJsonObject("metadata").get("name").getAsString()));
        assertThat(slices).hasSize(2);
        JsonObject spec = slices.get(0).getAsJsonObject("spec");
        assertThat(spec.getAsJsonArray("sharedCounters")).hasSize(2);
        assertThat(devices(slices.get(0))).hasSize(8);
        assertThat(devices(slices.get(1))).hasSize(1);
        assertThat(slices.get(1).getAsJsonObject("spec").has("sharedCounters")).isFalse();
      }
    }
  }

  @Test
  void anEmulatedKubernetes134RejectsTheSeparateSlicesLayout() throws Exception {
    try (FakeApiServer old = FakeApiServer.start().emulateMinorVersion(34)) {
      old.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
      try (KubeBackend kube134 = KubeBackend.connectOwned(old.client(), DRIVER, "node-a");
          SlicePublisher p =
              SlicePublisher.builder(kube134.client(), DRIVER)
                  .nodeName("node-a")
                  .counterLayout(CounterLayout.SEPARATE_SLICES)
                  .build()
                  .start()) {
        p.publish(partitionedGpus(1));

        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(p.stats().lastError())
                        .hasValueSatisfying(
                            e ->
                                assertThat(e)
                                    .contains("must reference a counterSet defined in the")));
        assertThat(p.awaitSynced(Duration.ofMillis(200))).isFalse();
      }
    }
  }

  @Test
  void theDefaultServerIsKubernetes135AndGetsSeparateSlices() {
    assertThat(kube.counterLayout()).isEqualTo(CounterLayout.SEPARATE_SLICES);
  }

  @Test
  void sliceDeletedByAnAdminIsRecreated() throws Exception {
    publishAndSync(pool(16));
    String name = slices().get(0).getAsJsonObject("metadata").get("name").getAsString();

    api.delete("resourceslices", "", name);

    await().atMost(WAIT).until(() -> api.get("resourceslices", "", name).isPresent());
    assertThat(devices(slices().get(0))).hasSize(16);
  }

  @Test
  void sliceChangedBySomeoneElseIsRestored() throws Exception {
    publishAndSync(pool(16));
    JsonObject slice = slices().get(0);
    slice.getAsJsonObject("spec").add("devices", new JsonArray());
    api.update("resourceslices", slice);

    await().atMost(WAIT).until(() -> devices(slices().get(0)).size() == 16);
  }

  @Test
  void conflictOnUpdateIsRetriedWithAFreshRead() throws Exception {
    publishAndSync(pool(16));
    api.faults().failNext("update", "resourceslices", 409, 1);

    publishAndSync(pool(17));

    assertThat(devices(slices().get(0))).hasSize(17);
    assertThat(publisher.stats().conflicts()).isEqualTo(1);
    assertThat(api.requests().count("get", "resourceslices")).isEqualTo(1);
  }

  @Test
  void serverErrorsAndDowntimeLoseNothing() throws Exception {
    api.faults().failNext("create", "resourceslices", 500, 3);
    publishAndSync(pool(16));
    assertThat(publisher.stats().failures()).isGreaterThanOrEqualTo(3);

    long failuresBefore = publisher.stats().failures();
    api.faults().outage(Outage.UNAVAILABLE);
    publisher.publish(pool(200));
    // One failure, then the publisher waits for the API server to answer its probe.
    await().atMost(WAIT).until(() -> publisher.stats().failures() > failuresBefore);
    assertThat(slices()).hasSize(1);
    api.faults().outage(Outage.NONE);

    assertThat(publisher.awaitSynced(Duration.ofSeconds(40))).isTrue();
    assertThat(slices()).extracting(s -> devices(s).size()).containsExactly(128, 72);
  }

  @Test
  void refusedConnectionsForAWhileLoseNothing() throws Exception {
    publishAndSync(pool(16));
    api.faults().outage(Outage.UNREACHABLE);
    long failuresBefore = publisher.stats().failures();

    publisher.publish(pool(300));
    await().atMost(WAIT).until(() -> publisher.stats().failures() > failuresBefore);
    api.faults().outage(Outage.NONE);

    assertThat(publisher.awaitSynced(Duration.ofSeconds(40))).isTrue();
    assertThat(slices()).extracting(s -> devices(s).size()).containsExactly(128, 128, 44);
    assertThat(slices())
        .allSatisfy(s -> assertThat(poolOf(s).get("generation").getAsLong()).isEqualTo(1));
  }

  @Test
  void nodeCreatedLaterGetsItsSlicesThen() throws Exception {
    try (KubeBackend late = KubeBackend.connectOwned(api.client(), DRIVER, "node-b")) {
      SlicePublisher p = late.publisher();
      p.publish(Resources.of(Pool.builder("node-b").device(device(0)).build()));
      await().atMost(WAIT).until(() -> p.stats().syncs() >= 2);
      assertThat(slices()).isEmpty();

      JsonObject node = api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-b}}").get(0);

      assertThat(p.awaitSynced(WAIT)).isTrue();
      JsonObject slice = slices().get(0);
      assertThat(
              slice
                  .getAsJsonObject("metadata")
                  .getAsJsonArray("ownerReferences")
                  .get(0)
                  .getAsJsonObject()
                  .get("uid")
                  .getAsString())
          .isEqualTo(node.getAsJsonObject("metadata").get("uid").getAsString());
    }
  }

  @Test
  void forbiddenIsReportedAsAClearErrorAndRecoversWhenGranted() throws Exception {
    api.faults().failNext("create", "resourceslices", 403, 1_000);
    publisher.publish(pool(16));

    await()
        .atMost(WAIT)
        .until(() -> publisher.stats().lastError().orElse("").startsWith("forbidden: create"));
    assertThat(publisher.stats().lastError().orElseThrow())
        .contains("resourceslices.resource.k8s.io")
        .contains("cannot create resource");
    assertThat(publisher.awaitSynced(Duration.ofMillis(200))).isFalse();

    api.faults().clear();
    assertThat(publisher.awaitSynced(Duration.ofSeconds(40))).isTrue();
    assertThat(slices()).hasSize(1);
  }

  @Test
  void clusterPoolsUseAllNodesOrANodeSelectorAndNoOwner() throws Exception {
    publishAndSync(
        Resources.of(
            Pool.builder("fabric").scope(PoolScope.allNodes()).device(device(0)).build(),
            Pool.builder("rack-1")
                .scope(PoolScope.nodeLabels(Map.of("topology.example.com/rack", "r1")))
                .device(device(1))
                .build()));

    List<JsonObject> slices = slices();
    assertThat(slices).hasSize(2);
    JsonObject fabric =
        slices.stream()
            .filter(s -> poolOf(s).get("name").getAsString().equals("fabric"))
            .findFirst()
            .orElseThrow();
    JsonObject rack =
        slices.stream()
            .filter(s -> poolOf(s).get("name").getAsString().equals("rack-1"))
            .findFirst()
            .orElseThrow();
    assertThat(fabric.getAsJsonObject("spec").get("allNodes").getAsBoolean()).isTrue();
    assertThat(fabric.getAsJsonObject("metadata").has("ownerReferences")).isFalse();
    assertThat(rack.getAsJsonObject("spec").getAsJsonObject("nodeSelector").toString())
        .contains("topology.example.com/rack")
        .contains("\"operator\":\"In\"")
        .contains("r1");

    publishAndSync(
        Resources.of(Pool.builder("fabric").scope(PoolScope.allNodes()).device(device(0)).build()));
    assertThat(slices()).hasSize(1);
  }

  @Test
  void aStatePublishedBeforeStartIsWrittenOnStart() throws Exception {
    try (SlicePublisher early =
        SlicePublisher.builder(kube.client(), DRIVER).nodeName("node-a").build()) {
      early.publish(pool(16));
      assertThat(early.awaitSynced(Duration.ofMillis(300))).as("synced before start").isFalse();
      assertThat(api.requests().writeCount("resourceslices")).isZero();

      early.start();

      assertThat(early.awaitSynced(WAIT)).as("synced after start").isTrue();
      assertThat(slices()).hasSize(1);
      assertThat(devices(slices().get(0))).hasSize(16);
    }
  }

  @Test
  void droppedPoolsAreDeleted() throws Exception {
    publishAndSync(pool(16));
    publishAndSync(Resources.empty());
    assertThat(slices()).isEmpty();
  }

  @Test
  void closingThePublisherLeavesTheSlices() throws Exception {
    publishAndSync(pool(16));
    kube.close();
    assertThat(slices()).hasSize(1);
  }

  @Test
  void nodeLocalPoolWithoutANodeNameIsRejectedBeforeAnyApiCall() {
    try (SlicePublisher cluster = SlicePublisher.builder(api.client(), DRIVER).build().start()) {
      api.requests().clear();
      assertThatThrownBy(() -> cluster.publish(pool(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pool node-a is scoped to this node");
      assertThat(api.requests().writeCount("resourceslices")).isZero();
    }
  }

  @Test
  void theServerRejectsAnInvalidSliceItself() {
    List<io.kubernetes.client.openapi.models.V1Device> devices = new ArrayList<>();
    for (int i = 0; i < 129; i++) {
      devices.add(new io.kubernetes.client.openapi.models.V1Device().name("d" + i));
    }
    V1ResourceSlice bad =
        new V1ResourceSlice()
            .metadata(new V1ObjectMeta().name("too-big"))
            .spec(
                new V1ResourceSliceSpec()
                    .driver(DRIVER)
                    .nodeName("node-a")
                    .pool(new V1ResourcePool().name("p").generation(0L).resourceSliceCount(1L))
                    .devices(devices));

    assertThatThrownBy(() -> new ResourceV1Api(api.client()).createResourceSlice(bad).execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getResponseBody()).contains("spec.devices: Too many: 129");
            });
  }
}
