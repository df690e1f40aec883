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
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.PoolScope;
import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster-level pools (all nodes, or a node selector) that a driver dropped while it was not
 * running are deleted when it starts again, and only its own: the pools another node's instance of
 * the same driver publishes, and slices nobody of this runtime marked, stay.
 */
class ClusterPoolCleanupIT {
  private static final String DRIVER = "fabric.example.com";
  private static final String MARK = "dra4j.io/published-by";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private FakeApiServer api;

  @BeforeEach
  void start() {
    api = FakeApiServer.start();
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-b}}");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static Pool local(String node) {
    return Pool.builder(node).device(Device.builder("nic-0").build()).build();
  }

  private static Pool allNodes(String name) {
    return Pool.builder(name)
        .scope(PoolScope.allNodes())
        .device(Device.builder("link").build())
        .build();
  }

  private static Pool rack(String name) {
    return Pool.builder(name)
        .scope(PoolScope.nodeLabels(Map.of("topology.example.com/rack", name)))
        .device(Device.builder("switch").build())
        .build();
  }

  private void publishOnce(String node, Resources resources) throws InterruptedException {
    try (KubeBackend kube = KubeBackend.connectOwned(api.client(), DRIVER, node)) {
      SlicePublisher p = kube.publisher();
      p.publish(resources);
      assertThat(p.awaitSynced(WAIT)).as(p.stats().toString()).isTrue();
    }
  }

  private List<String> pools() {
    return api.list("resourceslices").stream()
        .map(s -> JsonFields.string(s, "spec", "pool", "name"))
        .sorted()
        .toList();
  }

  private JsonObject sliceOf(String pool) {
    return api.list("resourceslices").stream()
        .filter(s -> JsonFields.string(s, "spec", "pool", "name").equals(pool))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void clusterLevelSlicesNameTheirPublisher() throws Exception {
    publishOnce("node-a", Resources.of(local("node-a"), allNodes("fabric"), rack("rack-1")));

    assertThat(JsonFields.string(sliceOf("fabric"), "metadata", "annotations", MARK))
        .isEqualTo("node/node-a");
    assertThat(JsonFields.string(sliceOf("rack-1"), "metadata", "annotations", MARK))
        .isEqualTo("node/node-a");
    assertThat(sliceOf("node-a").getAsJsonObject("metadata").has("annotations")).isFalse();
  }

  @Test
  void aRestartedDriverDeletesTheClusterPoolsItDroppedAndNoOneElses() throws Exception {
    publishOnce("node-a", Resources.of(local("node-a"), allNodes("fabric"), rack("rack-1")));
    publishOnce("node-b", Resources.of(local("node-b"), allNodes("fabric-b")));
    assertThat(pools()).containsExactly("fabric", "fabric-b", "node-a", "node-b", "rack-1");

    // node-a starts again without its cluster-level pools.
    publishOnce("node-a", Resources.of(local("node-a")));

    assertThat(pools()).containsExactly("fabric-b", "node-a", "node-b");
  }

  @Test
  void aRestartedDriverKeepingSomeClusterPoolsDeletesOnlyTheDroppedOnes() throws Exception {
    publishOnce("node-a", Resources.of(allNodes("fabric"), rack("rack-1")));

    publishOnce("node-a", Resources.of(rack("rack-1"), rack("rack-2")));

    assertThat(pools()).containsExactly("rack-1", "rack-2");
  }

  @Test
  void aClusterLevelSliceWithoutTheMarkIsLeftAlone() throws Exception {
    publishOnce("node-a", Resources.of(allNodes("fabric")));
    JsonObject foreign = sliceOf("fabric");
    foreign.getAsJsonObject("metadata").remove("annotations");
    api.update("resourceslices", foreign);

    publishOnce("node-a", Resources.empty());

    assertThat(pools()).containsExactly("fabric");
  }

  @Test
  void aPublishedPoolWhoseMarkWasRemovedGetsItBack() throws Exception {
    try (KubeBackend kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a")) {
      SlicePublisher p = kube.publisher();
      p.publish(Resources.of(allNodes("fabric")));
      assertThat(p.awaitSynced(WAIT)).isTrue();
      JsonObject slice = sliceOf("fabric");
      slice.getAsJsonObject("metadata").remove("annotations");
      api.update("resourceslices", slice);

      await()
          .atMost(WAIT)
          .until(
              () ->
                  JsonFields.string(sliceOf("fabric"), "metadata", "annotations", MARK)
                      .equals("node/node-a"));
    }
  }

  @Test
  void aCleanRestartWithoutClusterPoolsDeletesNothing() throws Exception {
    publishOnce("node-b", Resources.of(allNodes("fabric-b")));
    api.requests().clear();

    publishOnce("node-a", Resources.of(local("node-a")));

    assertThat(pools()).containsExactly("fabric-b", "node-a");
    assertThat(api.requests().count("delete", "resourceslices")).isZero();
  }
}
