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

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.device.TaintEffect;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Device taints published to API servers of different releases, over HTTP to the testkit's API
 * server with every DRA gate on. Kubernetes 1.34 refuses a slice with an effect {@code None} or
 * more than 4 taints on a device (which would leave the pool unusable), so the publisher leaves
 * {@code None} out there and keeps the 4 strongest; 1.35 stores all of them.
 */
class TaintsPerReleaseIT {
  private static final String DRIVER = "gpu.example.com";
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** gpu-0 has six taints, one of them {@code None}; gpu-1 one, which every release stores. */
  private static Resources tainted() {
    Device heavy =
        Device.builder("gpu-0")
            .taint(DeviceTaint.of("temperature", "high", TaintEffect.NO_SCHEDULE))
            .taint(DeviceTaint.of("note", "firmware-update-due", TaintEffect.NONE))
            .taint(DeviceTaint.of("ecc", "uncorrectable", TaintEffect.NO_EXECUTE))
            .taint(DeviceTaint.of("link", "degraded", TaintEffect.NO_SCHEDULE))
            .taint(DeviceTaint.of("power", "capped", TaintEffect.NO_SCHEDULE))
            .taint(DeviceTaint.of("driver", "wedged", TaintEffect.NO_EXECUTE))
            .build();
    Device light =
        Device.builder("gpu-1")
            .taint(DeviceTaint.of("temperature", "high", TaintEffect.NO_SCHEDULE))
            .build();
    return Resources.of(Pool.builder("node-a").device(heavy).device(light).build());
  }

  @Test
  void onKubernetes134NoneTaintsAreLeftOutAndTheFourStrongestKept() throws Exception {
    List<String> gpu0 = publish(34, "gpu-0");

    assertThat(gpu0)
        .containsExactly(
            "ecc:NoExecute", "driver:NoExecute", "temperature:NoSchedule", "link:NoSchedule");
    assertThat(publish(34, "gpu-1")).containsExactly("temperature:NoSchedule");
  }

  @Test
  void onKubernetes135EveryTaintIsPublishedInTheDriversOrder() throws Exception {
    assertThat(publish(35, "gpu-0"))
        .containsExactly(
            "temperature:NoSchedule",
            "note:None",
            "ecc:NoExecute",
            "link:NoSchedule",
            "power:NoSchedule",
            "driver:NoExecute");
  }

  /** Publishes {@link #tainted()} to a server of {@code 1.<minor>}; the device's taints stored. */
  private static List<String> publish(int minor, String device) throws Exception {
    try (FakeApiServer api = FakeApiServer.start().emulateMinorVersion(minor)) {
      api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
      try (KubeBackend kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a")) {
        SlicePublisher publisher = kube.publisher();
        publisher.publish(tainted());
        assertThat(publisher.awaitSynced(WAIT)).as(publisher.stats().toString()).isTrue();
        List<String> taints = new ArrayList<>();
        for (JsonObject slice : api.list("resourceslices")) {
          for (JsonElement d : slice.getAsJsonObject("spec").getAsJsonArray("devices")) {
            JsonObject dev = d.getAsJsonObject();
            if (dev.get("name").getAsString().equals(device) && dev.has("taints")) {
              for (JsonElement t : dev.getAsJsonArray("taints")) {
                JsonObject taint = t.getAsJsonObject();
                taints.add(
                    taint.get("key").getAsString() + ":" + taint.get("effect").getAsString());
              }
            }
          }
        }
        return taints;
      }
    }
  }
}
