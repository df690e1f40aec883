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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runtime's publisher survives a kube-apiserver restart: its watch is re-established, so a
 * slice deleted after the restart is repaired, and no duplicate slice appears. Each version gets a
 * control plane of its own, so the restart disturbs no other test.
 */
// Beside the other classes (its control planes are its own); one control plane at a time.
@Execution(ExecutionMode.CONCURRENT)
class ApiServerRestartE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final String DRIVER = "restart.e2e.dra4j.io";
  private static final Duration WAIT = Duration.ofSeconds(60);

  static Stream<String> versions() {
    return Clusters.versions();
  }

  private static List<JsonObject> slices(KubeObjects objects, String node) {
    return TestObjects.slices(objects, DRIVER, node);
  }

  @Execution(ExecutionMode.SAME_THREAD)
  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void publisherRepairsASliceDeletedAfterTheApiServerRestarted(String version) throws Exception {
    try (ControlPlane cluster =
        ControlPlane.builder(CLUSTERS.binaries(version))
            .workDir(Clusters.workDir().resolve("restart"))
            .start()) {
      KubeObjects objects = KubeObjects.of(cluster.adminClient());
      String node = "restart-" + version.replace('.', '-');
      TestObjects.createNode(objects, node, "restart");
      Resources resources =
          Resources.of(
              Pool.builder(node)
                  .devices(
                      IntStream.range(0, 3)
                          .mapToObj(i -> Device.builder("dev-" + i).attribute("index", i).build())
                          .toList())
                  .build());

      try (KubeBackend kube = KubeBackend.connectOwned(cluster.adminClient(), DRIVER, node)) {
        SlicePublisher publisher = kube.publisher();
        publisher.publish(resources);
        assertThat(publisher.awaitSynced(WAIT)).as(publisher.stats().toString()).isTrue();
        JsonObject before = slices(objects, node).get(0);

        cluster.restartApiServer(WAIT);

        // The slice survives the restart in etcd; the publisher must not add a second one.
        await()
            .atMost(WAIT)
            .ignoreExceptions()
            .untilAsserted(
                () ->
                    assertThat(slices(objects, node))
                        .singleElement()
                        .satisfies(
                            s ->
                                assertThat(TestObjects.uid(s)).isEqualTo(TestObjects.uid(before))));

        objects.delete("resource.k8s.io/v1", "ResourceSlice", "", TestObjects.name(before));

        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(slices(objects, node))
                        .as("%s; %s", publisher.stats(), cluster.directory())
                        .singleElement()
                        .satisfies(
                            s -> {
                              assertThat(TestObjects.uid(s)).isNotEqualTo(TestObjects.uid(before));
                              assertThat(array(s, "spec.devices")).hasSize(3);
                            }));
        assertThat(publisher.awaitSynced(WAIT)).as(publisher.stats().toString()).isTrue();
        assertThat(slices(objects, node)).hasSize(1);
      }
    }
  }
}
