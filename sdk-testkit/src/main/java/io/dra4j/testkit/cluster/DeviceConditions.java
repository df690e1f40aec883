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

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes one condition of one device into a claim's {@code status.devices}, as a driver or a
 * binding controller does: the entry of {@code (driver, pool, device)} is created when missing and
 * the condition of that type replaced.
 */
final class DeviceConditions {
  private DeviceConditions() {}

  /**
   * Sets condition {@code type} to {@code True} or {@code False}.
   *
   * @throws IllegalArgumentException when the claim does not exist or has no allocation
   */
  static void set(
      ApiRest rest,
      ClaimRef claim,
      String driver,
      String pool,
      String device,
      String type,
      boolean status) {
    String path = ApiPaths.claim(claim.namespace(), claim.name());
    JsonObject stored =
        rest.get(path)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "claim " + claim.namespace() + "/" + claim.name() + " does not exist"));
    if (!ModelJson.obj(stored, "status").has("allocation")) {
      throw new IllegalArgumentException(
          "claim "
              + claim.namespace()
              + "/"
              + claim.name()
              + " is not allocated: device conditions live only with an allocation; run its pod"
              + " first");
    }
    rest.update(
        path,
        "/status",
        c -> {
          JsonObject s = ModelJson.objOrCreate(c, "status");
          JsonArray devices = s.has("devices") ? s.getAsJsonArray("devices") : new JsonArray();
          JsonObject entry = null;
          for (JsonObject d : JsonFields.objects(s, "devices")) {
            if (driver.equals(JsonFields.string(d, "driver"))
                && pool.equals(JsonFields.string(d, "pool"))
                && device.equals(JsonFields.string(d, "device"))) {
              entry = d;
            }
          }
          if (entry == null) {
            entry = new JsonObject();
            entry.addProperty("driver", driver);
            entry.addProperty("pool", pool);
            entry.addProperty("device", device);
            devices.add(entry);
          }
          JsonArray conditions = new JsonArray();
          for (JsonObject old : JsonFields.objects(entry, "conditions")) {
            if (!type.equals(JsonFields.string(old, "type"))) {
              conditions.add(old);
            }
          }
          JsonObject condition = new JsonObject();
          condition.addProperty("type", type);
          condition.addProperty("status", status ? "True" : "False");
          condition.addProperty("reason", status ? "ConditionTrue" : "ConditionFalse");
          condition.addProperty("message", "");
          condition.addProperty(
              "lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
          conditions.add(condition);
          entry.add("conditions", conditions);
          s.add("devices", devices);
          return c;
        });
  }
}
