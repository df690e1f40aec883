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
package io.dra4j.runtime.internal.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    if (JsonFields.at(served, "items").filter(JsonElement::isJsonArray).isPresent()) {
      renameVersion(served, version, "v1");
      for (JsonObject item : JsonFields.objects(served, "items")) {
        toV1(item, version, plural);
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
    return JsonFields.string(o, "kind").equals("Status");
  }

  private static void renameVersion(JsonObject o, String from, String to) {
    if (JsonFields.string(o, "apiVersion").equals(GROUP + "/" + from)) {
      o.addProperty("apiVersion", GROUP + "/" + to);
    }
  }

  private interface Change {
    void apply(JsonObject part);
  }

  /** Applies {@code device} to each slice device, or {@code request} to each claim request. */
  private static void forEachPart(JsonObject o, String plural, Change device, Change request) {
    switch (plural) {
      case "resourceslices" -> JsonFields.objects(o, "spec", "devices").forEach(device::apply);
      case "resourceclaims" ->
          JsonFields.objects(o, "spec", "devices", "requests").forEach(request::apply);
      case "resourceclaimtemplates" ->
          JsonFields.objects(o, "spec", "spec", "devices", "requests").forEach(request::apply);
      default -> {}
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
    Optional<JsonObject> found = JsonFields.object(o, from);
    if (found.isEmpty()) {
      return;
    }
    JsonObject inner = found.get();
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
