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
package io.dra4j.conformance.differential;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Plays, on the real cluster, the controller behind binding conditions: writes a condition of a
 * claim's first allocated device into the claim's {@code status.devices}, through the status
 * subresource.
 */
final class RealDeviceConditions {
  private RealDeviceConditions() {}

  /**
   * Sets condition {@code type} of the first allocated device of {@code claim} (as read).
   *
   * @throws IllegalStateException when the claim is not allocated
   */
  static void set(KubeObjects objects, JsonObject claim, String type, boolean status) {
    JsonObject result =
        JsonFields.objects(claim, "status", "allocation", "devices", "results").stream()
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("claim is not allocated, no device: " + claim));
    JsonObject next = claim.deepCopy();
    JsonObject s = next.getAsJsonObject("status");
    JsonArray devices = new JsonArray();
    JsonObject entry = null;
    for (JsonObject d : JsonFields.objects(s, "devices")) {
      if (same(d, result, "driver") && same(d, result, "pool") && same(d, result, "device")) {
        entry = d;
      }
      devices.add(d);
    }
    if (entry == null) {
      entry = new JsonObject();
      for (String f : new String[] {"driver", "pool", "device"}) {
        entry.addProperty(f, JsonFields.string(result, f));
      }
      devices.add(entry);
    }
    JsonArray conditions = new JsonArray();
    for (JsonObject c : JsonFields.objects(entry, "conditions")) {
      if (!type.equals(JsonFields.string(c, "type"))) {
        conditions.add(c);
      }
    }
    JsonObject condition = new JsonObject();
    condition.addProperty("type", type);
    condition.addProperty("status", status ? "True" : "False");
    condition.addProperty("reason", "SetByTest");
    condition.addProperty("message", "");
    condition.addProperty(
        "lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    conditions.add(condition);
    entry.add("conditions", conditions);
    s.add("devices", devices);
    objects.replaceStatus(next);
  }

  private static boolean same(JsonObject a, JsonObject b, String field) {
    return JsonFields.string(a, field).equals(JsonFields.string(b, field));
  }
}
