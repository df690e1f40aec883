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
package io.dra4j.runtime.claims;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.config.ConfigSource;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.kube.JsonInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads a {@code resource.k8s.io/v1} ResourceClaim (raw JSON) as an {@link AllocatedClaim}. */
final class ClaimMapper {
  private ClaimMapper() {}

  static AllocatedClaim map(ClaimRef ref, JsonObject claim, String driver)
      throws ClaimLookupException {
    JsonObject allocation = path(claim, "status", "allocation");
    if (allocation == null) {
      throw new ClaimLookupException(
          ClaimLookupException.Reason.NOT_ALLOCATED,
          ref,
          "is not allocated (status.allocation is empty): the scheduler has not allocated it yet,"
              + " or it was deallocated; the kubelet retries once it is allocated");
    }
    List<DeviceResult> devices = new ArrayList<>();
    TreeSet<String> drivers = new TreeSet<>();
    for (JsonElement e : array(path(allocation, "devices"), "results")) {
      JsonObject r = e.getAsJsonObject();
      String d = str(r, "driver");
      drivers.add(d);
      Map<QualifiedName, Quantity> consumed = new TreeMap<>();
      JsonObject capacity = r.getAsJsonObject("consumedCapacity");
      if (capacity != null) {
        for (Map.Entry<String, JsonElement> c : capacity.entrySet()) {
          consumed.put(QualifiedName.of(c.getKey()), quantity(c.getValue().getAsString()));
        }
      }
      String shareId = str(r, "shareID");
      devices.add(
          new DeviceResult(
              d,
              new AllocatedDevice(
                  str(r, "request"),
                  str(r, "pool"),
                  str(r, "device"),
                  r.has("adminAccess") && r.get("adminAccess").getAsBoolean(),
                  shareId.isEmpty() ? Optional.empty() : Optional.of(shareId),
                  consumed)));
    }
    if (!drivers.contains(driver)) {
      throw new ClaimLookupException(
          ClaimLookupException.Reason.NOT_ALLOCATED_TO_DRIVER,
          ref,
          "has no device of driver "
              + driver
              + " in its allocation (drivers allocated: "
              + (drivers.isEmpty() ? "none" : String.join(", ", drivers))
              + "): the kubelet sent it to the wrong driver, or the allocation changed");
    }
    List<RawConfig> configs = new ArrayList<>();
    for (JsonElement e : array(path(allocation, "devices"), "config")) {
      JsonObject c = e.getAsJsonObject();
      JsonObject opaque = c.getAsJsonObject("opaque");
      if (opaque == null) {
        continue;
      }
      ConfigSource source =
          str(c, "source").equals("FromClass") ? ConfigSource.CLASS : ConfigSource.CLAIM;
      List<String> requests = new ArrayList<>();
      for (JsonElement req : array(c, "requests")) {
        requests.add(req.getAsString());
      }
      JsonElement parameters = opaque.get("parameters");
      configs.add(
          new RawConfig(
              source,
              requests,
              str(opaque, "driver"),
              parameters == null || parameters.isJsonNull() ? "{}" : parameters.toString()));
    }
    List<PodRef> pods = new ArrayList<>();
    for (JsonElement e : array(claim.getAsJsonObject("status"), "reservedFor")) {
      JsonObject consumer = e.getAsJsonObject();
      if (str(consumer, "resource").equals("pods") && str(consumer, "apiGroup").isEmpty()) {
        pods.add(new PodRef(ref.namespace(), str(consumer, "name"), str(consumer, "uid")));
      }
    }
    return new AllocatedClaim(ref, devices, configs, pods);
  }

  private static Quantity quantity(String text) {
    return Quantity.parse(
        io.kubernetes.client.custom.Quantity.fromString(text).getNumber().toPlainString());
  }

  static JsonObject path(JsonObject o, String... keys) {
    JsonObject cur = o;
    for (String k : keys) {
      if (cur == null) {
        return null;
      }
      JsonElement e = cur.get(k);
      cur = e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }
    return cur;
  }

  static String str(JsonObject o, String key) {
    return JsonInformer.string(o, key);
  }

  private static JsonArray array(JsonObject o, String key) {
    JsonElement e = o == null ? null : o.get(key);
    return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
  }
}
