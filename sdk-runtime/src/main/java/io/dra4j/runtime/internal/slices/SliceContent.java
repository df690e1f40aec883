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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.dra4j.runtime.internal.kube.ApiJson;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.Map;

/**
 * Whether an observed ResourceSlice already has the content of a rendered one: spec, owner
 * references and the {@link PublisherMark} compared through the same typed serialisation,
 * quantities by value ({@code 80Gi} and {@code 85899345920} are the same), server-set metadata
 * ignored.
 */
final class SliceContent {
  private SliceContent() {}

  /** Whether {@code observed} (as the API returned it) needs no write to become {@code want}. */
  static boolean same(JsonObject observed, V1ResourceSlice want) {
    V1ResourceSlice typed = ApiJson.fromJson(observed, V1ResourceSlice.class);
    return canonical(typed).equals(canonical(want));
  }

  private static JsonObject canonical(V1ResourceSlice s) {
    JsonObject o = new JsonObject();
    JsonObject spec = s.getSpec() == null ? new JsonObject() : ApiJson.toJson(s.getSpec());
    for (JsonElement d : JsonFields.array(spec, "devices")) {
      JsonObject dev = d.getAsJsonObject();
      normalizeQuantities(dev.getAsJsonObject("capacity"));
      for (JsonElement c : JsonFields.array(dev, "consumesCounters")) {
        normalizeQuantities(c.getAsJsonObject().getAsJsonObject("counters"));
      }
    }
    for (JsonElement c : JsonFields.array(spec, "sharedCounters")) {
      normalizeQuantities(c.getAsJsonObject().getAsJsonObject("counters"));
    }
    o.add("spec", spec);
    if (s.getMetadata() != null && s.getMetadata().getAnnotations() != null) {
      String mark = s.getMetadata().getAnnotations().get(PublisherMark.ANNOTATION);
      if (mark != null) {
        o.addProperty("publishedBy", mark);
      }
    }
    if (s.getMetadata() != null && s.getMetadata().getOwnerReferences() != null) {
      o.add(
          "owners",
          ApiJson.compact(ApiJson.tolerantGson().toJsonTree(s.getMetadata().getOwnerReferences())));
    }
    ApiJson.compact(o);
    return o;
  }

  private static void normalizeQuantities(JsonObject byName) {
    if (byName == null) {
      return;
    }
    for (Map.Entry<String, JsonElement> e : byName.entrySet()) {
      if (!e.getValue().isJsonObject()) {
        continue;
      }
      JsonObject holder = e.getValue().getAsJsonObject();
      normalize(holder, "value");
      JsonFields.object(holder, "requestPolicy").ifPresent(SliceContent::normalizePolicy);
    }
  }

  private static void normalizePolicy(JsonObject policy) {
    normalize(policy, "default");
    JsonArray values = JsonFields.array(policy, "validValues");
    for (int i = 0; i < values.size(); i++) {
      values.set(i, new JsonPrimitive(canonical(values.get(i).getAsString())));
    }
    JsonFields.object(policy, "validRange")
        .ifPresent(
            r -> {
              normalize(r, "min");
              normalize(r, "max");
              normalize(r, "step");
            });
  }

  private static void normalize(JsonObject holder, String field) {
    String text = JsonFields.string(holder, field);
    if (!text.isEmpty()) {
      holder.addProperty(field, canonical(text));
    }
  }

  private static String canonical(String quantity) {
    try {
      return Quantity.fromString(quantity).getNumber().stripTrailingZeros().toPlainString();
    } catch (RuntimeException unparsable) {
      // Left as it is: a difference the server will settle.
      return quantity;
    }
  }
}
