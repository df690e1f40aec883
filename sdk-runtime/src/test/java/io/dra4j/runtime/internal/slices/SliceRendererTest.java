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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.PoolScope;
import io.dra4j.api.device.TaintEffect;
import io.dra4j.runtime.internal.kube.ApiJson;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SliceRendererTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

  private static V1ResourceSlice render(Pool pool) {
    PlannedSlice p = SliceLayout.plan("gpu.example.com", "node-a", pool).get(0);
    return SliceRenderer.render(
        "gpu.example.com", "node-a", p, 3, 1, Optional.of("uid-1"), (d, t) -> T);
  }

  private static Pool gpu(String model) {
    return Pool.builder("node-a")
        .device(
            Device.builder("gpu-0")
                .attribute("model", model)
                .attribute("index", 0)
                .attribute("gpu.example.com/ecc", true)
                .attribute("driverVersion", AttributeValue.version("1.2.3"))
                .capacity("memory", "80Gi")
                .taint(DeviceTaint.of("unhealthy", "ecc", TaintEffect.NO_EXECUTE))
                .build())
        .build();
  }

  @Test
  void renderedJsonCarriesExactlyOneValuePerAttributeAndNoEmptyCollections() {
    JsonObject json = ApiJson.toJson(render(gpu("h100")));

    JsonObject device =
        json.getAsJsonObject("spec").getAsJsonArray("devices").get(0).getAsJsonObject();
    assertThat(device.getAsJsonObject("attributes").getAsJsonObject("model").keySet())
        .containsExactly("string");
    assertThat(device.getAsJsonObject("attributes").getAsJsonObject("index").keySet())
        .containsExactly("int");
    assertThat(
            device.getAsJsonObject("capacity").getAsJsonObject("memory").get("value").getAsString())
        .isEqualTo("80Gi");
    assertThat(
            device.getAsJsonArray("taints").get(0).getAsJsonObject().get("timeAdded").getAsString())
        .startsWith("2026-01-02T03:04:05");
    assertThat(json.toString()).doesNotContain("[]").doesNotContain("{}");
    assertThat(json.getAsJsonObject("spec").getAsJsonObject("pool").get("generation").getAsLong())
        .isEqualTo(3);
    assertThat(json.getAsJsonObject("metadata").getAsJsonArray("ownerReferences").toString())
        .contains("\"kind\":\"Node\"")
        .contains("\"uid\":\"uid-1\"")
        .contains("\"controller\":true");
  }

  @Test
  void observedSliceWithTheSameValuesInAnotherFormIsTheSame() {
    V1ResourceSlice want = render(gpu("h100"));
    JsonObject observed = ApiJson.toJson(want);
    // What a server may send back: extra metadata, quantities in another canonical spelling.
    observed.getAsJsonObject("metadata").addProperty("resourceVersion", "42");
    observed.getAsJsonObject("metadata").addProperty("uid", "slice-uid");
    observed
        .getAsJsonObject("spec")
        .getAsJsonArray("devices")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("capacity")
        .getAsJsonObject("memory")
        .addProperty("value", "85899345920");

    assertThat(SliceContent.same(observed, want)).isTrue();
  }

  @Test
  void aChangedAttributeIsADifference() {
    JsonObject observed = ApiJson.toJson(render(gpu("h100")));

    assertThat(SliceContent.same(observed, render(gpu("h200")))).isFalse();
  }

  @Test
  void aDifferentNodeOwnerIsADifference() {
    JsonObject observed =
        JsonParser.parseString(
                ApiJson.toJson(render(gpu("h100"))).toString().replace("uid-1", "uid-old"))
            .getAsJsonObject();

    assertThat(SliceContent.same(observed, render(gpu("h100")))).isFalse();
  }

  @Test
  void clusterPoolsSelectNodesByLabelWithOneTerm() {
    Pool pool =
        Pool.builder("rack")
            .scope(PoolScope.nodeLabels(Map.of("a", "1", "b", "2")))
            .device(Device.builder("d").build())
            .build();
    PlannedSlice p = SliceLayout.plan("gpu.example.com", "", pool).get(0);
    JsonObject spec =
        ApiJson.toJson(
                SliceRenderer.render("gpu.example.com", "", p, 0, 1, Optional.empty(), (d, t) -> T))
            .getAsJsonObject("spec");

    assertThat(spec.has("nodeName")).isFalse();
    assertThat(spec.getAsJsonObject("nodeSelector").getAsJsonArray("nodeSelectorTerms")).hasSize(1);
    assertThat(
            spec.getAsJsonObject("nodeSelector")
                .getAsJsonArray("nodeSelectorTerms")
                .get(0)
                .getAsJsonObject()
                .getAsJsonArray("matchExpressions"))
        .hasSize(2);
  }
}
