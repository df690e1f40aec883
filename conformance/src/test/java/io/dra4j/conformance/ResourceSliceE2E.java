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
package io.dra4j.conformance;

import static io.dra4j.conformance.TestObjects.array;
import static io.dra4j.conformance.TestObjects.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjectException;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The runtime's ResourceSlice publisher against a real API server. */
class ResourceSliceE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final String DRIVER = "gpu.e2e.dra4j.io";
  private static final Duration WAIT = Duration.ofSeconds(30);

  static Stream<String> versions() {
    return Clusters.versions();
  }

  private static Device gpu(int i) {
    return Device.builder(String.format("gpu-%03d", i))
        .attribute("index", i)
        .attribute("model", "h100")
        .attribute("healthy", true)
        .versionAttribute("firmware", "1.2.3")
        .capacity("memory", "80Gi")
        .build();
  }

  private static Resources gpus(String node, int count) {
    return Resources.of(
        Pool.builder(node)
            .devices(IntStream.range(0, count).mapToObj(i -> gpu(i)).toList())
            .build());
  }

  private static List<JsonObject> slices(KubeObjects objects, String node) {
    return TestObjects.slices(objects, DRIVER, node);
  }

  /** Publishes through a fresh runtime connection, waits until the API matches, and closes it. */
  private static void publishAndClose(ControlPlane cluster, String node, Resources resources)
      throws InterruptedException {
    publishing(cluster, node, resources).close();
  }

  /** A runtime connection whose publisher has written {@code resources} and keeps them so. */
  private static KubeBackend publishing(ControlPlane cluster, String node, Resources resources)
      throws InterruptedException {
    KubeBackend kube = KubeBackend.connectOwned(cluster.adminClient(), DRIVER, node);
    SlicePublisher publisher = kube.publisher();
    publisher.publish(resources);
    assertThat(publisher.awaitSynced(WAIT)).as(publisher.stats().toString()).isTrue();
    return kube;
  }

  private static String node(String version, String suffix) {
    return "slices-" + version.replace('.', '-') + "-" + suffix;
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void publishedSliceIsStoredWithEveryFieldAndOwnedByTheNode(String version) throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String node = node(version, "fields");
    JsonObject nodeObject = TestObjects.createNode(objects, node, "slices");
    publishAndClose(cluster, node, gpus(node, 3));

    List<JsonObject> slices = slices(objects, node);
    assertThat(slices).hasSize(1);
    JsonObject slice = slices.get(0);
    assertThat(string(slice, "spec.pool.name")).isEqualTo(node);
    assertThat(string(slice, "spec.pool.resourceSliceCount")).isEqualTo("1");
    assertThat(array(slice, "metadata.ownerReferences"))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(string(o, "kind")).isEqualTo("Node");
              assertThat(string(o, "uid")).isEqualTo(TestObjects.uid(nodeObject));
            });
    List<JsonObject> devices = array(slice, "spec.devices");
    assertThat(devices)
        .extracting(d -> string(d, "name"))
        .containsExactly("gpu-000", "gpu-001", "gpu-002");
    JsonObject second = devices.get(1);
    assertThat(string(second, "attributes.index.int")).isEqualTo("1");
    assertThat(string(second, "attributes.model.string")).isEqualTo("h100");
    assertThat(string(second, "attributes.healthy.bool")).isEqualTo("true");
    assertThat(string(second, "attributes.firmware.version")).isEqualTo("1.2.3");
    assertThat(string(second, "capacity.memory.value")).isEqualTo("80Gi");
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void largePoolIsSplitIntoSlicesTheApiServerAccepts(String version) throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String node = node(version, "split");
    TestObjects.createNode(objects, node, "slices");
    publishAndClose(cluster, node, gpus(node, 200));

    List<JsonObject> slices = slices(objects, node);
    assertThat(slices).hasSize(2);
    assertThat(slices)
        .allSatisfy(s -> assertThat(string(s, "spec.pool.resourceSliceCount")).isEqualTo("2"));
    assertThat(slices.stream().mapToInt(s -> array(s, "spec.devices").size()).sum()).isEqualTo(200);
    assertThat(slices)
        .allSatisfy(s -> assertThat(array(s, "spec.devices")).hasSizeLessThanOrEqualTo(128));
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void sliceDeletedBehindThePublishersBackIsRecreated(String version) throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String node = node(version, "repair");
    TestObjects.createNode(objects, node, "slices");

    try (KubeBackend kube = publishing(cluster, node, gpus(node, 2))) {
      JsonObject original = slices(objects, node).get(0);

      objects.delete("resource.k8s.io/v1", "ResourceSlice", "", TestObjects.name(original));

      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(slices(objects, node))
                      .singleElement()
                      .satisfies(
                          s -> {
                            assertThat(TestObjects.uid(s)).isNotEqualTo(TestObjects.uid(original));
                            assertThat(array(s, "spec.devices")).hasSize(2);
                          }));
    }
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void sliceChangedBehindThePublishersBackIsRestoredAndStaleWritesConflict(String version)
      throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String node = node(version, "restore");
    TestObjects.createNode(objects, node, "slices");

    try (KubeBackend kube = publishing(cluster, node, gpus(node, 2))) {
      JsonObject original = slices(objects, node).get(0);
      JsonObject changed = original.deepCopy();
      changed.getAsJsonObject("spec").getAsJsonArray("devices").remove(1);

      objects.replace(changed);

      assertThatThrownBy(() -> objects.replace(original))
          .as("a write based on the old resourceVersion")
          .isInstanceOfSatisfying(
              KubeObjectException.class, e -> assertThat(e.code()).isEqualTo(409));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(array(slices(objects, node).get(0), "spec.devices"))
                      .extracting(d -> string(d, "name"))
                      .containsExactly("gpu-000", "gpu-001"));
    }
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void apiServerAndFakeApiServerRejectTheSameInvalidSlices(String version) {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects real = KubeObjects.of(cluster.adminClient());
    List<String> invalid =
        List.of(
            slice("bad-device-name", "devices: [{name: GPU_0}]"),
            slice("two-node-selections", "allNodes: true, devices: [{name: gpu-0}]"),
            slice(
                "too-many-devices",
                "devices: ["
                    + String.join(
                        ", ",
                        IntStream.range(0, 129).mapToObj(i -> "{name: gpu-" + i + "}").toList())
                    + "]"),
            slice(
                "unqualified-long-attribute",
                "devices: [{name: gpu-0, attributes: {model: {string: '"
                    + "x".repeat(65)
                    + "'}}}]"));
    try (FakeApiServer fake = FakeApiServer.start()) {
      KubeObjects inMemory = KubeObjects.of(fake.client());
      for (String manifest : invalid) {
        assertThatThrownBy(() -> real.apply(manifest))
            .as("real API server, %s", manifest.substring(0, 80))
            .isInstanceOfSatisfying(
                KubeObjectException.class, e -> assertThat(e.code()).isEqualTo(422));
        assertThatThrownBy(() -> inMemory.apply(manifest))
            .as("FakeApiServer, %s", manifest.substring(0, 80))
            .isInstanceOfSatisfying(
                KubeObjectException.class, e -> assertThat(e.code()).isEqualTo(422));
      }
    }
  }

  private static String slice(String name, String spec) {
    return "{apiVersion: resource.k8s.io/v1, kind: ResourceSlice, metadata: {name: invalid-"
        + name
        + "}, spec: {driver: "
        + DRIVER
        + ", pool: {name: p, generation: 1, resourceSliceCount: 1}, nodeName: n1, "
        + spec
        + "}}";
  }
}
