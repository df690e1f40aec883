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
package io.dra4j.runtime.internal.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.kube.ServerVersions;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SlicePublisherTest {
  /** Nothing listens there: a publisher that starts fails its calls and retries, quietly. */
  private static final String NOWHERE = "http://127.0.0.1:9";

  private static SlicePublisher publisher(String driver) {
    return SlicePublisher.builder(new ApiClient().setBasePath(NOWHERE), driver)
        .nodeName("node-a")
        .build();
  }

  /** The live threads of the publisher of {@code driver}: its reconcile loop and its informers. */
  private static List<String> threadsOf(String driver) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.contains(driver))
        .collect(Collectors.toList());
  }

  private static Resources oneDevice() {
    return Resources.of(Pool.builder("node-a").device(Device.builder("gpu-0").build()).build());
  }

  @Test
  void buildingStartsNoThreadAndStartStartsThem() {
    String driver = "build.example.com";
    try (SlicePublisher p = publisher(driver)) {
      assertThat(threadsOf(driver)).isEmpty();

      assertThat(p.start()).isSameAs(p);

      assertThat(threadsOf(driver))
          .contains("slice-publisher " + driver)
          .anySatisfy(n -> assertThat(n).startsWith("informer resourceslices"));
    }
  }

  @Test
  void startingTwiceStartsOnce() {
    String driver = "twice.example.com";
    try (SlicePublisher p = publisher(driver)) {
      p.start().start();

      assertThat(threadsOf(driver)).filteredOn(n -> n.startsWith("slice-publisher")).hasSize(1);
    }
  }

  @Test
  void closingStopsTheReconcileThread() {
    String driver = "close.example.com";
    SlicePublisher p = publisher(driver).start();

    p.close();
    p.close();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(threadsOf(driver))
                    .noneSatisfy(n -> assertThat(n).startsWith("slice-publisher")));
  }

  @Test
  void startingAClosedPublisherIsRejected() {
    SlicePublisher p = publisher("closed.example.com");
    p.close();

    assertThatThrownBy(p::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("driver closed.example.com on node node-a")
        .hasMessageContaining("build a new one");
    assertThat(threadsOf("closed.example.com")).isEmpty();
  }

  @Test
  void aPublishBeforeStartIsKeptAndNothingRuns() throws InterruptedException {
    String driver = "early.example.com";
    try (SlicePublisher p = publisher(driver)) {
      p.publish(oneDevice());

      assertThat(p.awaitSynced(Duration.ofMillis(50))).isFalse();
      assertThat(p.stats().syncs()).isZero();
      assertThat(threadsOf(driver)).isEmpty();
    }
  }

  @Test
  void aPoolThePublisherCannotPublishIsRejectedBeforeStart() {
    try (SlicePublisher p =
        SlicePublisher.builder(new ApiClient().setBasePath(NOWHERE), "cluster.example.com")
            .build()) {
      assertThatThrownBy(() -> p.publish(oneDevice()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pool node-a is scoped to this node");
    }
  }

  private static Resources listAttribute() {
    return Resources.of(
        Pool.builder("node-a")
            .device(
                Device.builder("nic-0")
                    .attribute(
                        "numaNodes", io.dra4j.api.device.AttributeValue.ints(List.of(0L, 1L)))
                    .build())
            .build());
  }

  @Test
  void aListAttributeIsRefusedBeforeKubernetes136NamingDeviceAttributeAndVersion() {
    try (SlicePublisher p =
        SlicePublisher.builder(new ApiClient().setBasePath(NOWHERE), "nic.example.com")
            .nodeName("node-a")
            .serverVersions(ServerVersions.fixed(ServerVersion.of(35)))
            .build()) {
      assertThatThrownBy(() -> p.publish(listAttribute()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("device nic-0 of pool node-a: attribute numaNodes is a list")
          .hasMessageContaining("Kubernetes 1.35")
          .hasMessageContaining("DRAListTypeAttributes enabled (off by default)");
    }
  }

  @Test
  void aListAttributeIsAcceptedFromKubernetes136OrAnUnknownVersion() {
    for (java.util.OptionalInt minor :
        List.of(java.util.OptionalInt.of(36), java.util.OptionalInt.empty())) {
      try (SlicePublisher p =
          SlicePublisher.builder(new ApiClient().setBasePath(NOWHERE), "nic.example.com")
              .nodeName("node-a")
              .serverVersions(ServerVersions.fixed(new ServerVersion(minor)))
              .build()) {
        p.publish(listAttribute());
      }
    }
  }
}
