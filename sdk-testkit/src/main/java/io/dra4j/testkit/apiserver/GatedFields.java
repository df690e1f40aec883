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
package io.dra4j.testkit.apiserver;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.List;
import java.util.Optional;

/**
 * kube-apiserver's "drop disabled fields": a field whose feature gate is off is removed from an
 * object before it is validated and stored, unless the stored object already uses it (an update
 * keeps what was written while the gate was on). So with a gate off a slice's binding conditions,
 * taints or sharing flags, a claim's tolerations, capacity requests or {@code distinctAttribute},
 * and a DeviceClass's {@code extendedResourceName} are silently gone, and the object means what it
 * means without the feature (an ordinary device, an ordinary request).
 */
final class GatedFields {
  private GatedFields() {}

  /**
   * Removes from {@code object} (a v1 object of {@code r}) the fields of the gates off in {@code
   * emulation} that {@code old}, the stored version, does not use.
   */
  static void drop(
      ApiResource r, JsonObject object, Optional<JsonObject> old, Emulation emulation) {
    switch (r.plural()) {
      case "resourceslices" -> slice(object, old, emulation);
      case "resourceclaims" -> spec(object, old, emulation, "spec", "devices");
      case "resourceclaimtemplates" -> spec(object, old, emulation, "spec", "spec", "devices");
      case "deviceclasses" -> {
        if (!emulation.gate(Emulation.EXTENDED_RESOURCE)
            && old.flatMap(o -> JsonFields.object(o, "spec"))
                .map(s -> !s.has("extendedResourceName"))
                .orElse(true)) {
          JsonFields.object(object, "spec").ifPresent(s -> s.remove("extendedResourceName"));
        }
      }
      default -> {}
    }
  }

  private static void slice(JsonObject object, Optional<JsonObject> old, Emulation emulation) {
    List<JsonObject> oldDevices =
        old.map(o -> JsonFields.objects(o, "spec", "devices")).orElse(List.of());
    boolean dropTaints = !emulation.gate(Emulation.DEVICE_TAINTS) && !anyHas(oldDevices, "taints");
    boolean dropBinding =
        !emulation.gate(Emulation.BINDING_CONDITIONS)
            && !anyHas(oldDevices, "bindingConditions", "bindingFailureConditions", "bindsToNode");
    boolean dropSharing =
        !emulation.gate(Emulation.CONSUMABLE_CAPACITY)
            && !anyHas(oldDevices, "allowMultipleAllocations")
            && oldDevices.stream().noneMatch(GatedFields::hasRequestPolicy);
    for (JsonObject d : JsonFields.objects(object, "spec", "devices")) {
      if (dropTaints) {
        d.remove("taints");
      }
      if (dropBinding) {
        d.remove("bindingConditions");
        d.remove("bindingFailureConditions");
        d.remove("bindsToNode");
      }
      if (dropSharing) {
        d.remove("allowMultipleAllocations");
        JsonFields.object(d, "capacity")
            .ifPresent(
                c ->
                    c.keySet()
                        .forEach(
                            k ->
                                JsonFields.object(c, k).ifPresent(v -> v.remove("requestPolicy"))));
      }
    }
  }

  private static boolean hasRequestPolicy(JsonObject device) {
    return JsonFields.object(device, "capacity")
        .map(
            c ->
                c.keySet().stream()
                    .anyMatch(
                        k ->
                            JsonFields.object(c, k).map(v -> v.has("requestPolicy")).orElse(false)))
        .orElse(false);
  }

  /** The requests and constraints of a claim spec at {@code path} (claims and templates). */
  private static void spec(
      JsonObject object, Optional<JsonObject> old, Emulation emulation, String... path) {
    Optional<JsonObject> devices = JsonFields.object(object, path);
    if (devices.isEmpty()) {
      return;
    }
    Optional<JsonObject> oldDevices = old.flatMap(o -> JsonFields.object(o, path));
    boolean dropTolerations =
        !emulation.gate(Emulation.DEVICE_TAINTS)
            && !oldDevices.map(d -> requestsUse(d, "tolerations")).orElse(false);
    boolean dropCapacity =
        !emulation.gate(Emulation.CONSUMABLE_CAPACITY)
            && !oldDevices
                .map(
                    d ->
                        requestsUse(d, "capacity")
                            || anyHas(JsonFields.objects(d, "constraints"), "distinctAttribute"))
                .orElse(false);
    for (JsonObject request : JsonFields.objects(devices.get(), "requests")) {
      for (JsonObject alternative : alternatives(request)) {
        if (dropTolerations) {
          alternative.remove("tolerations");
        }
        if (dropCapacity) {
          alternative.remove("capacity");
        }
      }
    }
    if (dropCapacity) {
      JsonFields.objects(devices.get(), "constraints").forEach(c -> c.remove("distinctAttribute"));
    }
  }

  private static boolean requestsUse(JsonObject devices, String field) {
    return JsonFields.objects(devices, "requests").stream()
        .flatMap(r -> alternatives(r).stream())
        .anyMatch(a -> a.has(field));
  }

  /** A request's {@code exactly} and each of its {@code firstAvailable} subrequests. */
  private static List<JsonObject> alternatives(JsonObject request) {
    List<JsonObject> out = new java.util.ArrayList<>(JsonFields.objects(request, "firstAvailable"));
    JsonFields.object(request, "exactly").ifPresent(out::add);
    return out;
  }

  private static boolean anyHas(List<JsonObject> objects, String... fields) {
    for (JsonObject o : objects) {
      for (String f : fields) {
        if (o.has(f)) {
          return true;
        }
      }
    }
    return false;
  }
}
