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
import io.dra4j.testkit.cel.DeviceCel;
import io.dra4j.testkit.cel.SelectorCompileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * kube-apiserver compiles every CEL selector of a new ResourceClaim, ResourceClaimTemplate or
 * DeviceClass in the release's CEL environment and refuses the object when one does not compile:
 * for example {@code includes()} without list attributes (before 1.36, or DRAListTypeAttributes
 * off). Objects already stored are not checked again.
 */
final class SelectorCheck {
  private static final DeviceCel WITH_LISTS = DeviceCel.create(true);
  private static final DeviceCel WITHOUT_LISTS = DeviceCel.create(false);

  private SelectorCheck() {}

  /**
   * The selectors of a new v1 object of {@code r} that do not compile; empty for other resources.
   *
   * @param listTypeAttributes whether the release's CEL knows list attributes and {@code
   *     includes()}
   */
  static List<ApiError.Cause> check(ApiResource r, JsonObject object, boolean listTypeAttributes) {
    List<ApiError.Cause> causes = new ArrayList<>();
    DeviceCel cel = listTypeAttributes ? WITH_LISTS : WITHOUT_LISTS;
    switch (r.plural()) {
      case "deviceclasses" -> selectors(cel, JsonFields.object(object, "spec"), "spec", causes);
      case "resourceclaims" ->
          requests(cel, JsonFields.object(object, "spec", "devices"), "spec.devices", causes);
      case "resourceclaimtemplates" ->
          requests(
              cel,
              JsonFields.object(object, "spec", "spec", "devices"),
              "spec.spec.devices",
              causes);
      default -> {}
    }
    return causes;
  }

  private static void requests(
      DeviceCel cel, Optional<JsonObject> devices, String path, List<ApiError.Cause> causes) {
    List<JsonObject> requests =
        devices.map(d -> JsonFields.objects(d, "requests")).orElse(List.of());
    for (int i = 0; i < requests.size(); i++) {
      String request = path + ".requests[" + i + "]";
      selectors(cel, JsonFields.object(requests.get(i), "exactly"), request + ".exactly", causes);
      List<JsonObject> subrequests = JsonFields.objects(requests.get(i), "firstAvailable");
      for (int k = 0; k < subrequests.size(); k++) {
        selectors(
            cel, Optional.of(subrequests.get(k)), request + ".firstAvailable[" + k + "]", causes);
      }
    }
  }

  private static void selectors(
      DeviceCel cel, Optional<JsonObject> holder, String path, List<ApiError.Cause> causes) {
    List<JsonObject> selectors =
        holder.map(h -> JsonFields.objects(h, "selectors")).orElse(List.of());
    for (int j = 0; j < selectors.size(); j++) {
      String expression = JsonFields.string(selectors.get(j), "cel", "expression");
      if (expression.isEmpty()) {
        continue;
      }
      try {
        cel.compile(expression);
      } catch (SelectorCompileException e) {
        causes.add(
            new ApiError.Cause(
                "FieldValueInvalid",
                path + ".selectors[" + j + "].cel.expression",
                "Invalid value: \"" + expression + "\": compilation failed: " + e.getMessage()));
      }
    }
  }
}
