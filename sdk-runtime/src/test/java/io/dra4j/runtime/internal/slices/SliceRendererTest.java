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
import io.dra4j.api.device.CapacityRequestPolicy;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.PoolScope;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.device.TaintEffect;
import io.dra4j.runtime.internal.kube.ApiJson;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.time.Instant;
import java.util.List;
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

  private static Pool shared() {
    return Pool.builder("node-a")
        .device(
            Device.builder("gpu-0")
                .allowMultipleAllocations(true)
                .capacity(
                    "memory",
                    Quantity.parse("40Gi"),
                    CapacityRequestPolicy.range(
                        Quantity.parse("4Gi"),
                        Quantity.parse("4Gi"),
                        Quantity.parse("40Gi"),
                        Quantity.parse("4Gi")))
                .capacity(
                    "cores",
                    Quantity.of(8),
                    CapacityRequestPolicy.validValues(
                        Quantity.of(1), List.of(Quantity.of(1), Quantity.of(2), Quantity.of(4))))
                .bindingConditions(List.of("gpu.example.com/ready"), List.of("Failed"))
                .bindsToNode(true)
                .attribute("links", AttributeValue.ints(List.of(0L, 3L)))
                .attribute("modes", AttributeValue.strings(List.of("mps", "timeslice")))
                .attribute("fw", AttributeValue.versions(List.of("1.0.0")))
                .attribute("ecc", AttributeValue.bools(List.of(true)))
                .build())
        .build();
  }

  @Test
  void requestPoliciesBindingConditionsAndListAttributesHaveTheApiShape() {
    JsonObject device =
        ApiJson.toJson(render(shared()))
            .getAsJsonObject("spec")
            .getAsJsonArray("devices")
            .get(0)
            .getAsJsonObject();

    assertThat(device.get("allowMultipleAllocations").getAsBoolean()).isTrue();
    assertThat(device.getAsJsonObject("capacity").getAsJsonObject("memory").toString())
        .isEqualTo(
            "{\"requestPolicy\":{\"default\":\"4Gi\","
                + "\"validRange\":{\"max\":\"40Gi\",\"min\":\"4Gi\",\"step\":\"4Gi\"}},"
                + "\"value\":\"40Gi\"}");
    assertThat(device.getAsJsonObject("capacity").getAsJsonObject("cores").toString())
        .isEqualTo(
            "{\"requestPolicy\":{\"default\":\"1\","
                + "\"validValues\":[\"1\",\"2\",\"4\"]},\"value\":\"8\"}");
    assertThat(device.getAsJsonArray("bindingConditions").toString())
        .isEqualTo("[\"gpu.example.com/ready\"]");
    assertThat(device.getAsJsonArray("bindingFailureConditions").toString())
        .isEqualTo("[\"Failed\"]");
    assertThat(device.get("bindsToNode").getAsBoolean()).isTrue();
    JsonObject attrs = device.getAsJsonObject("attributes");
    assertThat(attrs.getAsJsonObject("links").toString()).isEqualTo("{\"ints\":[0,3]}");
    assertThat(attrs.getAsJsonObject("modes").toString())
        .isEqualTo("{\"strings\":[\"mps\",\"timeslice\"]}");
    assertThat(attrs.getAsJsonObject("fw").toString()).isEqualTo("{\"versions\":[\"1.0.0\"]}");
    assertThat(attrs.getAsJsonObject("ecc").toString()).isEqualTo("{\"bools\":[true]}");
  }

  @Test
  void aPlainDeviceHasNoneOfTheSharingOrBindingFields() {
    JsonObject device =
        ApiJson.toJson(render(gpu("h100")))
            .getAsJsonObject("spec")
            .getAsJsonArray("devices")
            .get(0)
            .getAsJsonObject();

    assertThat(device.keySet())
        .doesNotContain(
            "allowMultipleAllocations",
            "bindingConditions",
            "bindingFailureConditions",
            "bindsToNode");
    assertThat(device.getAsJsonObject("capacity").getAsJsonObject("memory").keySet())
        .containsExactly("value");
  }

  @Test
  void requestPolicyQuantitiesInAnotherSpellingAreTheSame() {
    V1ResourceSlice want = render(shared());
    JsonObject observed =
        JsonParser.parseString(
                ApiJson.toJson(want)
                    .toString()
                    .replace("\"min\":\"4Gi\"", "\"min\":\"4294967296\"")
                    .replace("\"validValues\":[\"1\",\"2\"", "\"validValues\":[\"1000m\",\"2\""))
            .getAsJsonObject();

    assertThat(SliceContent.same(observed, want)).isTrue();
    JsonObject changed =
        JsonParser.parseString(
                ApiJson.toJson(want).toString().replace("\"step\":\"4Gi\"", "\"step\":\"2Gi\""))
            .getAsJsonObject();
    assertThat(SliceContent.same(changed, want)).isFalse();
  }
}
