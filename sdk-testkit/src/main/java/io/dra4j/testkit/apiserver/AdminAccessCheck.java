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
 * The API server's admin-access rule for ResourceClaims and ResourceClaimTemplates: a request with
 * {@code adminAccess: true} is only allowed in a namespace labelled {@value #LABEL}{@code =true};
 * with {@code DRAAdminAccess} off the field is dropped instead, as a server without the feature
 * does. The refusal reads as kube-apiserver's: one cause, for the first such request, at {@code
 * spec.devices.requests[i].adminAccess} in claims and templates alike.
 */
final class AdminAccessCheck {
  /** The namespace label that allows admin access. */
  static final String LABEL = "resource.kubernetes.io/admin-access";

  private AdminAccessCheck() {}

  /**
   * The violations in a v1 claim or template (empty for other resources), or, with the gate off,
   * none after dropping the field.
   *
   * @param namespace the object's Namespace, if it exists
   */
  static List<ApiError.Cause> check(
      ApiResource r, JsonObject object, Optional<JsonObject> namespace, boolean gate) {
    JsonObject devices;
    if (r.plural().equals("resourceclaims")) {
      devices = JsonFields.object(object, "spec", "devices").orElse(null);
    } else if (r.plural().equals("resourceclaimtemplates")) {
      devices = JsonFields.object(object, "spec", "spec", "devices").orElse(null);
    } else {
      return List.of();
    }
    if (devices == null) {
      return List.of();
    }
    boolean allowed =
        namespace
            .flatMap(n -> JsonFields.object(n, "metadata", "labels"))
            .map(l -> "true".equals(JsonFields.string(l, LABEL)))
            .orElse(false);
    List<JsonObject> requests = JsonFields.objects(devices, "requests");
    for (int i = 0; i < requests.size(); i++) {
      Optional<JsonObject> exactly = JsonFields.object(requests.get(i), "exactly");
      if (exactly.isEmpty() || !exactly.get().has("adminAccess")) {
        continue;
      }
      if (!gate) {
        exactly.get().remove("adminAccess");
      } else if (exactly.get().get("adminAccess").getAsBoolean() && !allowed) {
        // kube-apiserver reports the first such request only, under the path of its internal
        // type, the same for claims and templates.
        return List.of(
            new ApiError.Cause(
                "FieldValueForbidden",
                "spec.devices.requests[" + i + "].adminAccess",
                "Forbidden: admin access to devices requires the `"
                    + LABEL
                    + ": true` label on the containing namespace"));
      }
    }
    return List.of();
  }
}
