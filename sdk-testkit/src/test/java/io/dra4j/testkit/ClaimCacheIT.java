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
import io.dra4j.api.config.ConfigSource;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.internal.claims.AllocatedClaim;
import io.dra4j.runtime.internal.claims.ClaimCache;
import io.dra4j.runtime.internal.claims.ClaimLookupException;
import io.dra4j.runtime.internal.claims.DeviceResult;
import io.dra4j.runtime.internal.claims.RawConfig;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClaimCacheIT {
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

  private ClaimCache cache() throws InterruptedException {
    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");
    ClaimCache cache = kube.claimLookup();
    assertThat(cache.awaitSynced(WAIT)).isTrue();
    return cache;
  }

  private ClaimRef claim(String name, String yamlStatus) {
    JsonObject stored =
        api.apply(
                """
                apiVersion: resource.k8s.io/v1
                kind: ResourceClaim
                metadata: {name: %s, namespace: team-a}
                spec: {}
                """
                        .formatted(name)
                    + yamlStatus)
            .get(0);
    return new ClaimRef(
        "team-a", name, stored.getAsJsonObject("metadata").get("uid").getAsString());
  }

  private static final String ALLOCATED =
      """
      status:
        allocation:
          devices:
            results:
            - {request: gpus, driver: gpu.example.com, pool: node-a, device: gpu-0}
            - request: shared/small
              driver: gpu.example.com
              pool: node-a
              device: gpu-1
              adminAccess: true
              shareID: 3f1c6a52-7d0e-4c8a-9d55-2b8a3c1e9f00
              consumedCapacity: {memory: 10Gi}
            - {request: nic, driver: nic.example.com, pool: node-a, device: eth1}
            config:
            - source: FromClass
              opaque: {driver: gpu.example.com, parameters: {kind: GpuConfig, count: 1}}
            - source: FromClaim
              requests: [gpus]
              opaque: {driver: gpu.example.com, parameters: {kind: GpuConfig, sharing: time}}
        reservedFor:
        - {resource: pods, name: trainer-0, uid: 8d3e0000-0000-0000-0000-000000000001}
      """;

  @Test
  void allocatedClaimIsAnsweredFromTheCacheWithEveryField() throws Exception {
    ClaimRef ref = claim("train", ALLOCATED);
    ClaimCache cache = cache();

    AllocatedClaim c = cache.lookup(ref);

    assertThat(cache.cacheHits()).isEqualTo(1);
    assertThat(cache.liveReads()).isZero();
    assertThat(c.claim()).isEqualTo(ref);
    assertThat(c.devices())
        .extracting(DeviceResult::driver)
        .containsExactly(DRIVER, DRIVER, "nic.example.com");
    var shared = c.devices().get(1).device();
    assertThat(shared.request()).isEqualTo("shared/small");
    assertThat(shared.adminAccess()).isTrue();
    assertThat(shared.shareId()).contains("3f1c6a52-7d0e-4c8a-9d55-2b8a3c1e9f00");
    assertThat(shared.consumedCapacity())
        .containsEntry(QualifiedName.of("memory"), Quantity.parse("10Gi"));
    assertThat(c.configs())
        .extracting(RawConfig::source)
        .containsExactly(ConfigSource.CLASS, ConfigSource.CLAIM);
    assertThat(c.configs().get(0).parametersJson())
        .isEqualTo("{\"kind\":\"GpuConfig\",\"count\":1}");
    assertThat(c.configs().get(1).requests()).containsExactly("gpus");
    assertThat(c.reservedFor())
        .containsExactly(new PodRef("team-a", "trainer-0", "8d3e0000-0000-0000-0000-000000000001"));
  }

  @Test
  void claimMissingFromTheCacheIsReadLive() throws Exception {
    api.faults().failNext("list", "resourceclaims", 500, 1_000);
    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");
    ClaimCache cache = kube.claimLookup();
    ClaimRef ref = claim("late", ALLOCATED);

    AllocatedClaim c = cache.lookup(ref);

    assertThat(c.devices()).hasSize(3);
    assertThat(cache.liveReads()).isEqualTo(1);
    assertThat(cache.cacheHits()).isZero();
    assertThat(api.requests().count("get", "resourceclaims")).isEqualTo(1);
  }

  @Test
  void replacedClaimIsAUidMismatch() throws Exception {
    ClaimRef ref = claim("train", ALLOCATED);
    ClaimCache cache = cache();
    ClaimRef old = new ClaimRef("team-a", "train", "00000000-0000-0000-0000-0000000000aa");

    assertThatThrownBy(() -> cache.lookup(old))
        .isInstanceOf(ClaimLookupException.class)
        .hasMessageContaining("team-a/train")
        .hasMessageContaining("was replaced")
        .hasMessageContaining(ref.uid());
    assertThat(cache.liveReads()).isEqualTo(1);
  }

  @Test
  void unallocatedClaimIsAClearError() throws Exception {
    ClaimRef ref = claim("pending", "");
    ClaimCache cache = cache();

    assertThatThrownBy(() -> cache.lookup(ref))
        .isInstanceOf(ClaimLookupException.class)
        .hasMessageContaining("is not allocated");
  }

  @Test
  void claimWithoutDevicesOfThisDriverIsAClearError() throws Exception {
    ClaimRef ref =
        claim(
            "nic-only",
            """
            status:
              allocation:
                devices:
                  results:
                  - {request: nic, driver: nic.example.com, pool: node-a, device: eth1}
            """);
    ClaimCache cache = cache();

    assertThatThrownBy(() -> cache.lookup(ref))
        .isInstanceOf(ClaimLookupException.class)
        .hasMessageContaining("no device of driver gpu.example.com")
        .hasMessageContaining("nic.example.com");
  }

  @Test
  void deletedClaimIsNotFound() throws Exception {
    ClaimRef ref = claim("train", ALLOCATED);
    ClaimCache cache = cache();
    assertThat(cache.lookup(ref).devices()).hasSize(3);

    api.delete("resourceclaims", "team-a", "train");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> cache.lookup(ref))
                    .isInstanceOf(ClaimLookupException.class)
                    .hasMessageContaining("does not exist"));
  }

  @Test
  void claimAllocatedAfterStartIsCachedFromTheWatch() throws Exception {
    ClaimCache cache = cache();
    ClaimRef ref = claim("watched", ALLOCATED);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              long before = cache.cacheHits();
              cache.lookup(ref);
              assertThat(cache.cacheHits()).isEqualTo(before + 1);
            });
    assertThat(cache.lookup(ref).devices()).hasSize(3);
  }
}
