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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API server's rule for the constraints of ResourceClaims and ResourceClaimTemplates: each
 * names {@code matchAttribute} or {@code distinctAttribute}. A constraint with neither (also one
 * whose {@code distinctAttribute} was dropped because {@code DRAConsumableCapacity} is off) is
 * refused with kube-apiserver's cause.
 */
final class ConstraintCheck {
  private ConstraintCheck() {}

  /**
   * The violations in a v1 claim or template; empty for other resources.
   *
   * @param consumableCapacity whether DRAConsumableCapacity is on (it changes the message)
   */
  static List<ApiError.Cause> check(ApiResource r, JsonObject object, boolean consumableCapacity) {
    String prefix;
    Optional<JsonObject> devices;
    if (r.plural().equals("resourceclaims")) {
      prefix = "spec.devices.constraints";
      devices = JsonFields.object(object, "spec", "devices");
    } else if (r.plural().equals("resourceclaimtemplates")) {
      prefix = "spec.spec.devices.constraints";
      devices = JsonFields.object(object, "spec", "spec", "devices");
    } else {
      return List.of();
    }
    List<ApiError.Cause> causes = new ArrayList<>();
    List<JsonObject> constraints =
        devices.map(d -> JsonFields.objects(d, "constraints")).orElse(List.of());
    for (int i = 0; i < constraints.size(); i++) {
      JsonObject c = constraints.get(i);
      if (c.has("matchAttribute") || c.has("distinctAttribute")) {
        continue;
      }
      String path = prefix + "[" + i + "]";
      causes.add(
          consumableCapacity
              ? new ApiError.Cause(
                  "FieldValueRequired",
                  path,
                  "Required value: exactly one of \"matchAttribute\" or \"distinctAttribute\" is"
                      + " required, but multiple fields are set")
              : new ApiError.Cause(
                  "FieldValueRequired", path + ".matchAttribute", "Required value"));
    }
    return causes;
  }
}
