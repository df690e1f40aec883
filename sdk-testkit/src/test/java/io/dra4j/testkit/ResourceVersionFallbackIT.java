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

import com.google.gson.JsonObject;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.claims.AllocatedClaim;
import io.dra4j.runtime.internal.claims.ClaimCache;
import io.dra4j.runtime.internal.claims.DeviceResult;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.apiserver.Outage;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ResourceV1Api;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime against servers that serve resource.k8s.io as v1beta2 or v1beta1 and not v1
 * (Kubernetes 1.32 and 1.33).
 */
class ResourceVersionFallbackIT {
  private static final String DRIVER = "gpu.example.com";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FakeApiServer api = FakeApiServer.start();
  private KubeBackend kube;

  @AfterEach
  void stop() {
    if (kube != null) {
      kube.close();
    }
    api.close();
  }

  private void serveOnly(String version) {
    api.servedResourceVersions(List.of(version));
  }

  private static Resources sixteenDevices() {
    Pool.Builder b = Pool.builder("node-a");
    for (int i = 0; i < 16; i++) {
      b.device(
          Device.builder(String.format("gpu-%03d", i))
              .attribute("index", i)
              .capacity("memory", "80Gi")
              .build());
    }
    return Resources.of(b.build());
  }

  private SlicePublisher publisher() {
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");
    return kube.publisher();
  }

  private List<JsonObject> slices() {
    return api.list("resourceslices");
  }

  private static int deviceCount(JsonObject slice) {
    JsonObject spec = slice.getAsJsonObject("spec");
    return spec.has("devices") ? spec.getAsJsonArray("devices").size() : 0;
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1beta2", "v1beta1"})
  void connectPicksTheOlderVersionWhenTheServerDoesNotServeV1(String version) {
    serveOnly(version);

    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");

    assertThat(kube.resourceApiVersion()).contains(version);
    assertThatThrownBy(() -> new ResourceV1Api(api.client()).listResourceSlice().execute())
        .as("the server really does not serve v1")
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void connectPrefersV1ThenV1beta2() {
    api.servedResourceVersions(List.of("v1beta1", "v1beta2", "v1"));
    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");
    assertThat(kube.resourceApiVersion()).contains("v1");
    kube.close();

    api.servedResourceVersions(List.of("v1beta1", "v1beta2"));
    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");
    assertThat(kube.resourceApiVersion()).contains("v1beta2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1beta2", "v1beta1"})
  void sixteenDevicesArePublishedAndRepublishingWritesNothing(String version) throws Exception {
    serveOnly(version);
    SlicePublisher publisher = publisher();

    publisher.publish(sixteenDevices());
    assertThat(publisher.awaitSynced(WAIT)).isTrue();
    assertThat(api.requests().count("create", "resourceslices")).isEqualTo(1);
    assertThat(slices()).singleElement().satisfies(s -> assertThat(deviceCount(s)).isEqualTo(16));
    JsonObject device =
        slices().get(0).getAsJsonObject("spec").getAsJsonArray("devices").get(0).getAsJsonObject();
    assertThat(device.getAsJsonObject("attributes").has("index")).isTrue();
    assertThat(device.getAsJsonObject("capacity").has("memory")).isTrue();
    api.requests().clear();

    publisher.publish(sixteenDevices());
    assertThat(publisher.awaitSynced(WAIT)).isTrue();

    assertThat(api.requests().writeCount("resourceslices")).isZero();
    assertThat(publisher.stats().writes()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1beta2", "v1beta1"})
  void sliceDeletedByAnAdminIsRecreated(String version) throws Exception {
    serveOnly(version);
    SlicePublisher publisher = publisher();
    publisher.publish(sixteenDevices());
    assertThat(publisher.awaitSynced(WAIT)).isTrue();
    String name = slices().get(0).getAsJsonObject("metadata").get("name").getAsString();

    api.delete("resourceslices", "", name);

    await().atMost(WAIT).until(() -> api.get("resourceslices", "", name).isPresent());
    assertThat(deviceCount(slices().get(0))).isEqualTo(16);
  }

  private ClaimRef allocatedClaim(String name) {
    JsonObject stored =
        api.apply(
                """
                apiVersion: resource.k8s.io/v1
                kind: ResourceClaim
                metadata: {name: %s, namespace: team-a}
                spec:
                  devices:
                    requests:
                    - name: gpus
                      exactly: {deviceClassName: gpu.example.com, count: 1}
                status:
                  allocation:
                    devices:
                      results:
                      - {request: gpus, driver: gpu.example.com, pool: node-a, device: gpu-003}
                """
                    .formatted(name))
            .get(0);
    return new ClaimRef(
        "team-a", name, stored.getAsJsonObject("metadata").get("uid").getAsString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1beta2", "v1beta1"})
  void allocatedClaimIsLookedUpFromTheListAndTheWatch(String version) throws Exception {
    serveOnly(version);
    ClaimRef listed = allocatedClaim("listed");
    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");
    ClaimCache cache = kube.claimLookup();
    assertThat(cache.awaitSynced(WAIT)).isTrue();

    AllocatedClaim fromList = cache.lookup(listed);
    assertThat(fromList.devices()).extracting(DeviceResult::driver).containsExactly(DRIVER);
    assertThat(fromList.devices()).extracting(r -> r.device().device()).containsExactly("gpu-003");
    assertThat(cache.cacheHits()).isEqualTo(1);

    ClaimRef watched = allocatedClaim("watched");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              long hits = cache.cacheHits();
              cache.lookup(watched);
              assertThat(cache.cacheHits()).isEqualTo(hits + 1);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1beta2", "v1beta1"})
  void claimMissingFromTheCacheIsReadLive(String version) throws Exception {
    serveOnly(version);
    api.faults().failNext("list", "resourceclaims", 500, 1_000);
    ClaimRef ref = allocatedClaim("live");
    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");

    AllocatedClaim claim = kube.claimLookup().lookup(ref);

    assertThat(claim.claim()).isEqualTo(ref);
    assertThat(claim.devices()).extracting(r -> r.device().device()).containsExactly("gpu-003");
    assertThat(kube.claimLookup().liveReads()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1beta2", "v1beta1"})
  void versionIsDiscoveredOnTheFirstRequestWhenTheServerWasDownAtConnect(String version)
      throws Exception {
    serveOnly(version);
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    api.faults().outage(Outage.UNAVAILABLE);
    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");
    assertThat(kube.resourceApiVersion()).isEmpty();
    SlicePublisher publisher = kube.publisher();
    publisher.publish(sixteenDevices());

    api.faults().outage(Outage.NONE);

    assertThat(publisher.awaitSynced(Duration.ofSeconds(40))).isTrue();
    assertThat(kube.resourceApiVersion()).contains(version);
    assertThat(slices()).singleElement().satisfies(s -> assertThat(deviceCount(s)).isEqualTo(16));
  }

  @Test
  void serverWithoutResourceApiIsRejectedNamingTheVersionsTriedAndTheKubernetesNeeded() {
    api.servedResourceVersions(List.of());

    assertThatThrownBy(() -> KubeBackend.connectOwned(api.client(), DRIVER, "node-a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tried v1, v1beta2, v1beta1")
        .hasMessageContaining("serves no version of resource.k8s.io")
        .hasMessageContaining("Kubernetes 1.34 or newer")
        .hasMessageContaining("1.32/1.33 with DRA enabled")
        .hasMessageContaining(DRIVER);
  }

  @Test
  void v1ServerStillWorksUnchanged() throws Exception {
    SlicePublisher publisher = publisher();

    publisher.publish(sixteenDevices());

    assertThat(publisher.awaitSynced(WAIT)).isTrue();
    assertThat(kube.resourceApiVersion()).isEqualTo(Optional.of("v1"));
    assertThat(api.requests().count("create", "resourceslices")).isEqualTo(1);
  }
}
