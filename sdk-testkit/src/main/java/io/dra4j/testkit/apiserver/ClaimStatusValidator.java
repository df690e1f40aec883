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

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.device.Names;
import io.dra4j.runtime.internal.claimstatus.DeviceStatusJson;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a ResourceClaim's {@code status.devices} as kube-apiserver does on a status write: each
 * entry names a device allocated in the claim (driver, pool, device and share ID), no entry twice,
 * at most 8 conditions of distinct types with a reason and a transition time, {@code data} a JSON
 * object of at most 10 KiB, and {@code networkData} within its limits and with canonical CIDR
 * addresses.
 */
final class ClaimStatusValidator {
  private static final int DATA_MAX_LENGTH = 10 * 1024;

  private ClaimStatusValidator() {}

  /** The broken rules, with the API's field paths; empty when the status is valid. */
  static List<ApiError.Cause> validate(JsonObject claim) {
    List<ApiError.Cause> causes = new ArrayList<>();
    Set<String> allocated = new HashSet<>();
    for (JsonObject r : JsonFields.objects(claim, "status", "allocation", "devices", "results")) {
      allocated.add(key(r));
    }
    Set<String> seen = new HashSet<>();
    List<JsonObject> entries = JsonFields.objects(claim, "status", "devices");
    for (int i = 0; i < entries.size(); i++) {
      JsonObject entry = entries.get(i);
      String path = "status.devices[" + i + "]";
      String key = key(entry);
      if (!Names.isDriverName(JsonFields.string(entry, "driver"))) {
        causes.add(invalid(path + ".driver", "must be a DNS subdomain"));
      }
      if (!allocated.contains(key)) {
        causes.add(invalid(path, "\"" + key + "\": must be an allocated device in the claim"));
      }
      if (!seen.add(key)) {
        causes.add(new ApiError.Cause("FieldValueDuplicate", path, "Duplicate value: " + key));
      }
      Optional<JsonElement> data = JsonFields.at(entry, "data");
      if (data.isPresent()
          && data.get().toString().getBytes(StandardCharsets.UTF_8).length > DATA_MAX_LENGTH) {
        causes.add(
            new ApiError.Cause(
                "FieldValueTooLong",
                path + ".data",
                "Too long: may not be more than " + DATA_MAX_LENGTH + " bytes"));
        continue;
      }
      try {
        DeviceStatusJson.read(entry);
      } catch (IllegalArgumentException e) {
        causes.add(invalid(path, e.getMessage()));
      }
    }
    return causes;
  }

  private static String key(JsonObject o) {
    String share = JsonFields.string(o, "shareID");
    return JsonFields.string(o, "driver")
        + "/"
        + JsonFields.string(o, "pool")
        + "/"
        + JsonFields.string(o, "device")
        + (share.isEmpty() ? "" : "/" + share);
  }

  private static ApiError.Cause invalid(String field, String message) {
    return new ApiError.Cause("FieldValueInvalid", field, "Invalid value: " + message);
  }
}
