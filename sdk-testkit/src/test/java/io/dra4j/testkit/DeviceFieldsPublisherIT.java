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

import com.google.gson.JsonObject;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.CapacityRequestPolicy;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Request policies, binding conditions and list attributes through the runtime's publisher into the
 * in-memory API server, which validates them as Kubernetes 1.36 does.
 */
class DeviceFieldsPublisherIT {
  private static final String DRIVER = "gpu.example.com";
  // A ceiling, not a delay: awaits return as soon as their condition holds.
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Device sharedGpu(String step) {
    Quantity slice = Quantity.parse(step);
    return Device.builder("gpu-0")
        .allowMultipleAllocations(true)
        .capacity(
            "memory",
            Quantity.parse("40Gi"),
            CapacityRequestPolicy.range(slice, slice, Quantity.parse("32Gi"), slice))
        .bindingConditions(List.of("gpu.example.com/attached"), List.of("AttachFailed"))
        .bindsToNode(true)
        .attribute("numaNodes", AttributeValue.ints(List.of(0L, 1L)))
        .build();
  }

  private static Resources pool(Device d) {
    return Resources.of(Pool.builder("node-a").device(d).build());
  }

  private static FakeApiServer server(int minor) {
    FakeApiServer api = FakeApiServer.start().emulateMinorVersion(minor);
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    return api;
  }

  @Test
  void onKubernetes136EveryFieldIsStoredAndARepublishWritesNothing() throws Exception {
    try (FakeApiServer api = server(36);
        KubeBackend kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a")) {
      SlicePublisher p = kube.publisher();
      p.publish(pool(sharedGpu("4Gi")));
      assertThat(p.awaitSynced(WAIT)).as(p.stats().toString()).isTrue();

      JsonObject device =
          api.list("resourceslices")
              .get(0)
              .getAsJsonObject("spec")
              .getAsJsonArray("devices")
              .get(0)
              .getAsJsonObject();
      assertThat(device.getAsJsonObject("capacity").getAsJsonObject("memory").toString())
          .contains("\"requestPolicy\":{\"default\":\"4Gi\"")
          .contains("\"max\":\"32Gi\"")
          .contains("\"step\":\"4Gi\"");
      assertThat(device.getAsJsonArray("bindingConditions").toString())
          .isEqualTo("[\"gpu.example.com/attached\"]");
      assertThat(device.get("bindsToNode").getAsBoolean()).isTrue();
      assertThat(device.getAsJsonObject("attributes").getAsJsonObject("numaNodes").toString())
          .isEqualTo("{\"ints\":[0,1]}");

      long writes = p.stats().creates() + p.stats().updates();
      p.publish(pool(sharedGpu("4Gi")));
      assertThat(p.awaitSynced(WAIT)).isTrue();
      assertThat(p.stats().creates() + p.stats().updates()).isEqualTo(writes);

      p.publish(pool(sharedGpu("8Gi")));
      assertThat(p.awaitSynced(WAIT)).isTrue();
      assertThat(p.stats().updates()).isEqualTo(1);
    }
  }

  @Test
  void onKubernetes135AListAttributeIsRefusedAtPublishNamingDeviceAndVersion() {
    try (FakeApiServer api = server(35);
        KubeBackend kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a")) {
      SlicePublisher p = kube.publisher();

      assertThatThrownBy(() -> p.publish(pool(sharedGpu("4Gi"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("device gpu-0 of pool node-a: attribute numaNodes is a list")
          .hasMessageContaining("Kubernetes 1.35");
    }
  }

  @Test
  void onKubernetes135RequestPoliciesAndBindingConditionsArePublished() throws Exception {
    try (FakeApiServer api = server(35);
        KubeBackend kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a")) {
      SlicePublisher p = kube.publisher();
      Device withoutLists =
          sharedGpu("4Gi").toBuilder().attribute("numaNodes", AttributeValue.of(0)).build();
      p.publish(pool(withoutLists));

      assertThat(p.awaitSynced(WAIT)).as(p.stats().toString()).isTrue();
      assertThat(api.list("resourceslices").get(0).toString()).contains("bindingConditions");
    }
  }
}
