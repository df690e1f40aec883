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
package io.dra4j.testkit.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Quantity;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a device of a stored {@code resource.k8s.io/v1} ResourceSlice as a {@link ClusterDevice}.
 */
final class DeviceJson {
  private DeviceJson() {}

  /**
   * The device {@code device} of {@code slice}.
   *
   * @param request the request it was allocated for; empty for a published device
   */
  static ClusterDevice of(JsonObject slice, JsonObject device, Optional<String> request) {
    String node = JsonFields.string(slice, "spec", "nodeName");
    return new ClusterDevice(
        JsonFields.string(slice, "spec", "driver"),
        JsonFields.string(slice, "spec", "pool", "name"),
        JsonFields.string(device, "name"),
        node.isEmpty() ? Optional.empty() : Optional.of(node),
        request,
        attributes(device),
        capacity(device));
  }

  /** A device's attributes by published name; a value of no known type is left out. */
  private static Map<String, AttributeValue> attributes(JsonObject device) {
    Map<String, AttributeValue> out = new TreeMap<>();
    for (Map.Entry<String, JsonElement> e : ModelJson.obj(device, "attributes").entrySet()) {
      if (e.getValue().isJsonObject()) {
        value(e.getValue().getAsJsonObject()).ifPresent(v -> out.put(e.getKey(), v));
      }
    }
    return out;
  }

  private static Optional<AttributeValue> value(JsonObject a) {
    if (a.has("int")) {
      return Optional.of(AttributeValue.of(a.get("int").getAsLong()));
    } else if (a.has("bool")) {
      return Optional.of(AttributeValue.of(a.get("bool").getAsBoolean()));
    } else if (a.has("string")) {
      return Optional.of(AttributeValue.of(a.get("string").getAsString()));
    } else if (a.has("version")) {
      return Optional.of(AttributeValue.version(a.get("version").getAsString()));
    } else if (a.has("ints")) {
      return Optional.of(AttributeValue.ints(elements(a, "ints", JsonElement::getAsLong)));
    } else if (a.has("bools")) {
      return Optional.of(AttributeValue.bools(elements(a, "bools", JsonElement::getAsBoolean)));
    } else if (a.has("strings")) {
      return Optional.of(AttributeValue.strings(elements(a, "strings", JsonElement::getAsString)));
    } else if (a.has("versions")) {
      return Optional.of(
          AttributeValue.versions(elements(a, "versions", JsonElement::getAsString)));
    }
    return Optional.empty();
  }

  private static <T> List<T> elements(
      JsonObject attribute, String field, Function<JsonElement, T> read) {
    List<T> out = new ArrayList<>();
    attribute.getAsJsonArray(field).forEach(v -> out.add(read.apply(v)));
    return out;
  }

  /** A device's capacities by published name; an entry without a value is left out. */
  private static Map<String, Quantity> capacity(JsonObject device) {
    Map<String, Quantity> out = new TreeMap<>();
    for (Map.Entry<String, JsonElement> e : ModelJson.obj(device, "capacity").entrySet()) {
      if (e.getValue().isJsonObject()) {
        JsonFields.optString(e.getValue().getAsJsonObject(), "value")
            .ifPresent(v -> out.put(e.getKey(), Quantity.parse(v)));
      }
    }
    return out;
  }
}
