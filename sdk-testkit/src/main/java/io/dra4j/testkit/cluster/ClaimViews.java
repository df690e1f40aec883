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
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.runtime.internal.claimstatus.DeviceStatusJson;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What each claim of a pod got, for a {@link PodRun}: the claim's reference and its allocated
 * devices, each with the attributes its ResourceSlice publishes; and what a driver reports in a
 * claim's {@code status.devices}.
 */
final class ClaimViews {
  private ClaimViews() {}

  /**
   * The views of the pod's claims.
   *
   * @param podClaims the pod's claims, in the pod's order
   * @param claims the stored claims, in the same order
   * @param slices the ResourceSlices to read device attributes from; a device not found in them
   *     gets no attributes
   */
  static List<PodClaimAllocation> of(
      List<PodClaim> podClaims, List<JsonObject> claims, List<JsonObject> slices) {
    Map<String, JsonObject> devices = deviceIndex(slices);
    List<PodClaimAllocation> out = new ArrayList<>();
    for (int i = 0; i < podClaims.size(); i++) {
      JsonObject c = claims.get(i);
      ClaimRef ref =
          new ClaimRef(
              JsonFields.string(c, "metadata", "namespace"),
              JsonFields.string(c, "metadata", "name"),
              JsonFields.string(c, "metadata", "uid"));
      List<ScheduledDevice> scheduled = new ArrayList<>();
      for (JsonObject r : JsonFields.objects(c, "status", "allocation", "devices", "results")) {
        String driver = JsonFields.string(r, "driver");
        String pool = JsonFields.string(r, "pool");
        String device = JsonFields.string(r, "device");
        JsonObject published = devices.get(key(driver, pool, device));
        scheduled.add(
            new ScheduledDevice(
                JsonFields.string(r, "request"),
                driver,
                pool,
                device,
                published == null ? Map.of() : attributes(published)));
      }
      out.add(
          new PodClaimAllocation(
              podClaims.get(i).podClaimName(), ref, podClaims.get(i).generated(), scheduled));
    }
    return out;
  }

  /**
   * What {@code driver} reports in the claim's {@code status.devices}, by {@code pool/device}
   * (share ID appended as {@code /share} when set).
   */
  static Map<String, DeviceStatus> deviceStatus(JsonObject claim, String driver) {
    Map<String, DeviceStatus> out = new TreeMap<>();
    for (JsonObject e : JsonFields.objects(claim, "status", "devices")) {
      if (driver.equals(JsonFields.string(e, "driver"))) {
        String share = JsonFields.string(e, "shareID");
        out.put(
            JsonFields.string(e, "pool")
                + "/"
                + JsonFields.string(e, "device")
                + (share.isEmpty() ? "" : "/" + share),
            DeviceStatusJson.read(e));
      }
    }
    return out;
  }

  private static Map<String, JsonObject> deviceIndex(List<JsonObject> slices) {
    Map<String, JsonObject> index = new TreeMap<>();
    for (JsonObject s : ModelJson.byName(slices)) {
      String driver = JsonFields.string(s, "spec", "driver");
      String pool = JsonFields.string(s, "spec", "pool", "name");
      for (JsonObject d : JsonFields.objects(s, "spec", "devices")) {
        index.put(key(driver, pool, JsonFields.string(d, "name")), d);
      }
    }
    return index;
  }

  private static String key(String driver, String pool, String device) {
    return driver + "/" + pool + "/" + device;
  }

  /** A device's attributes by published name; a value of no known type is left out. */
  private static Map<String, AttributeValue> attributes(JsonObject device) {
    Map<String, AttributeValue> out = new TreeMap<>();
    for (Map.Entry<String, JsonElement> e : ModelJson.obj(device, "attributes").entrySet()) {
      if (!e.getValue().isJsonObject()) {
        continue;
      }
      JsonObject a = e.getValue().getAsJsonObject();
      if (a.has("int")) {
        out.put(e.getKey(), AttributeValue.of(a.get("int").getAsLong()));
      } else if (a.has("bool")) {
        out.put(e.getKey(), AttributeValue.of(a.get("bool").getAsBoolean()));
      } else if (a.has("string")) {
        out.put(e.getKey(), AttributeValue.of(a.get("string").getAsString()));
      } else if (a.has("version")) {
        out.put(e.getKey(), AttributeValue.version(a.get("version").getAsString()));
      } else if (a.has("ints")) {
        out.put(e.getKey(), AttributeValue.ints(elements(a, "ints", JsonElement::getAsLong)));
      } else if (a.has("bools")) {
        out.put(e.getKey(), AttributeValue.bools(elements(a, "bools", JsonElement::getAsBoolean)));
      } else if (a.has("strings")) {
        out.put(
            e.getKey(), AttributeValue.strings(elements(a, "strings", JsonElement::getAsString)));
      } else if (a.has("versions")) {
        out.put(
            e.getKey(), AttributeValue.versions(elements(a, "versions", JsonElement::getAsString)));
      }
    }
    return out;
  }

  private static <T> List<T> elements(
      JsonObject attribute, String field, Function<JsonElement, T> read) {
    List<T> out = new ArrayList<>();
    attribute.getAsJsonArray(field).forEach(v -> out.add(read.apply(v)));
    return out;
  }
}
