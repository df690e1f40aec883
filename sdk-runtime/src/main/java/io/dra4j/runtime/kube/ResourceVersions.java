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
package io.dra4j.runtime.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts resource.k8s.io objects between {@code v1}, the version the runtime's code is written
 * against, and the older versions it can also speak. {@code v1beta2} has the v1 schema, so only
 * {@code apiVersion} changes; {@code v1beta1} wraps a slice's device fields in {@code basic} and
 * has flat claim requests where v1 has {@code exactly}. Objects are changed in place and returned.
 */
public final class ResourceVersions {
  /** The API group. */
  public static final String GROUP = "resource.k8s.io";

  /** The versions the runtime speaks, most preferred first. */
  public static final List<String> SUPPORTED = List.of("v1", "v1beta2", "v1beta1");

  private ResourceVersions() {}

  /**
   * A v1 object of resource {@code plural} (e.g. {@code resourceslices}) as {@code version} has it.
   */
  public static JsonObject toServed(JsonObject v1, String version, String plural) {
    renameVersion(v1, "v1", version);
    if (version.equals("v1beta1")) {
      forEachPart(v1, plural, ResourceVersions::wrapBasic, ResourceVersions::flattenRequest);
    }
    return v1;
  }

  /**
   * An object or list of resource {@code plural} as served in {@code version}, read as v1; other
   * JSON (a Status, say) is returned unchanged.
   */
  public static JsonObject toV1(JsonObject served, String version, String plural) {
    JsonElement items = served.get("items");
    if (items != null && items.isJsonArray()) {
      renameVersion(served, version, "v1");
      for (JsonElement item : items.getAsJsonArray()) {
        if (item.isJsonObject()) {
          toV1(item.getAsJsonObject(), version, plural);
        }
      }
      return served;
    }
    if (isStatus(served)) {
      return served;
    }
    renameVersion(served, version, "v1");
    if (version.equals("v1beta1")) {
      forEachPart(served, plural, ResourceVersions::unwrapBasic, ResourceVersions::wrapExactly);
    }
    return served;
  }

  private static boolean isStatus(JsonObject o) {
    JsonElement kind = o.get("kind");
    return kind != null && kind.isJsonPrimitive() && kind.getAsString().equals("Status");
  }

  private static void renameVersion(JsonObject o, String from, String to) {
    JsonElement v = o.get("apiVersion");
    if (v != null && v.isJsonPrimitive() && v.getAsString().equals(GROUP + "/" + from)) {
      o.addProperty("apiVersion", GROUP + "/" + to);
    }
  }

  private interface Change {
    void apply(JsonObject part);
  }

  /** Applies {@code device} to each slice device, or {@code request} to each claim request. */
  private static void forEachPart(JsonObject o, String plural, Change device, Change request) {
    switch (plural) {
      case "resourceslices" -> each(child(o, "spec"), "devices", device);
      case "resourceclaims" -> each(child(child(o, "spec"), "devices"), "requests", request);
      case "resourceclaimtemplates" ->
          each(child(child(child(o, "spec"), "spec"), "devices"), "requests", request);
      default -> {}
    }
  }

  private static JsonObject child(JsonObject o, String field) {
    if (o == null) {
      return null;
    }
    JsonElement e = o.get(field);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }

  private static void each(JsonObject o, String field, Change change) {
    if (o == null || o.get(field) == null || !o.get(field).isJsonArray()) {
      return;
    }
    for (JsonElement e : o.getAsJsonArray(field)) {
      if (e.isJsonObject()) {
        change.apply(e.getAsJsonObject());
      }
    }
  }

  /** Moves every field but those named into a new object under {@code into}. */
  private static void nest(JsonObject o, String into, List<String> keep) {
    JsonObject inner = new JsonObject();
    List<String> moved = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      if (!keep.contains(e.getKey())) {
        inner.add(e.getKey(), e.getValue());
        moved.add(e.getKey());
      }
    }
    moved.forEach(o::remove);
    o.add(into, inner);
  }

  /** Moves the fields of the object under {@code from} up into {@code o}. */
  private static void lift(JsonObject o, String from) {
    JsonObject inner = child(o, from);
    if (inner == null) {
      return;
    }
    o.remove(from);
    for (Map.Entry<String, JsonElement> e : inner.entrySet()) {
      o.add(e.getKey(), e.getValue());
    }
  }

  private static void wrapBasic(JsonObject device) {
    if (!device.has("basic")) {
      nest(device, "basic", List.of("name"));
    }
  }

  private static void unwrapBasic(JsonObject device) {
    lift(device, "basic");
  }

  private static void flattenRequest(JsonObject request) {
    lift(request, "exactly");
  }

  private static void wrapExactly(JsonObject request) {
    if (!request.has("exactly") && !request.has("firstAvailable") && request.size() > 1) {
      nest(request, "exactly", List.of("name"));
    }
  }
}
