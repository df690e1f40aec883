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

import com.google.gson.JsonObject;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.runtime.internal.claimstatus.DeviceStatusJson;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    Map<String, Published> devices = deviceIndex(slices);
    List<PodClaimAllocation> out = new ArrayList<>();
    for (int i = 0; i < podClaims.size(); i++) {
      JsonObject c = claims.get(i);
      ClaimRef ref =
          new ClaimRef(
              JsonFields.string(c, "metadata", "namespace"),
              JsonFields.string(c, "metadata", "name"),
              JsonFields.string(c, "metadata", "uid"));
      List<ClusterDevice> scheduled = new ArrayList<>();
      for (JsonObject r : JsonFields.objects(c, "status", "allocation", "devices", "results")) {
        String driver = JsonFields.string(r, "driver");
        String pool = JsonFields.string(r, "pool");
        String device = JsonFields.string(r, "device");
        Optional<String> request = Optional.of(JsonFields.string(r, "request"));
        Published published = devices.get(key(driver, pool, device));
        scheduled.add(
            published == null
                ? new ClusterDevice(
                    driver, pool, device, Optional.empty(), request, Map.of(), Map.of())
                : DeviceJson.of(published.slice(), published.device(), request));
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

  /** A device of a slice. */
  private record Published(JsonObject slice, JsonObject device) {}

  private static Map<String, Published> deviceIndex(List<JsonObject> slices) {
    Map<String, Published> index = new TreeMap<>();
    for (JsonObject s : ModelJson.byName(slices)) {
      String driver = JsonFields.string(s, "spec", "driver");
      String pool = JsonFields.string(s, "spec", "pool", "name");
      for (JsonObject d : JsonFields.objects(s, "spec", "devices")) {
        index.put(key(driver, pool, JsonFields.string(d, "name")), new Published(s, d));
      }
    }
    return index;
  }

  private static String key(String driver, String pool, String device) {
    return driver + "/" + pool + "/" + device;
  }
}
