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
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scheduler's PreBind wait of {@code DRADeviceBindingConditions}: a pod whose claims hold a
 * device with {@code bindingConditions} is bound only once each of them is {@code True} in the
 * claim's {@code status.devices} entry of that device; a {@code True} {@code
 * bindingFailureCondition} fails the binding.
 */
final class BindingWait {
  private BindingWait() {}

  /** Where a pod's binding stands. */
  sealed interface State {
    /** Every binding condition holds (or no device has any): the pod may be bound. */
    record Ready() implements State {}

    /** Some binding conditions are not {@code True} yet, listed in {@code why}. */
    record Waiting(String why) implements State {}

    /** A binding failure condition is {@code True}, named in {@code why}. */
    record Failed(String why) implements State {}
  }

  /** The state of a pod with these claims (as stored). */
  static State of(List<JsonObject> claims) {
    List<String> waiting = new ArrayList<>();
    for (JsonObject claim : claims) {
      String claimName = JsonFields.string(claim, "metadata", "name");
      for (JsonObject r : JsonFields.objects(claim, "status", "allocation", "devices", "results")) {
        List<String> conditions = JsonFields.strings(r, "bindingConditions");
        if (conditions.isEmpty()) {
          continue;
        }
        String device =
            JsonFields.string(r, "driver")
                + "/"
                + JsonFields.string(r, "pool")
                + "/"
                + JsonFields.string(r, "device");
        Set<String> trueOnes = trueConditions(claim, r);
        for (String failure : JsonFields.strings(r, "bindingFailureConditions")) {
          if (trueOnes.contains(failure)) {
            return new State.Failed("claim " + claimName + ", device " + device + ": " + failure);
          }
        }
        List<String> missing = conditions.stream().filter(c -> !trueOnes.contains(c)).toList();
        if (!missing.isEmpty()) {
          waiting.add("claim " + claimName + ", device " + device + ": " + missing);
        }
      }
    }
    return waiting.isEmpty() ? new State.Ready() : new State.Waiting(String.join("; ", waiting));
  }

  /** The condition types that are {@code True} in the claim's status entry of a result. */
  private static Set<String> trueConditions(JsonObject claim, JsonObject result) {
    Set<String> out = new TreeSet<>();
    for (JsonObject d : JsonFields.objects(claim, "status", "devices")) {
      if (same(d, result, "driver") && same(d, result, "pool") && same(d, result, "device")) {
        for (JsonObject c : JsonFields.objects(d, "conditions")) {
          if ("True".equals(JsonFields.string(c, "status"))) {
            out.add(JsonFields.string(c, "type"));
          }
        }
      }
    }
    return out;
  }

  private static boolean same(JsonObject a, JsonObject b, String field) {
    return JsonFields.string(a, field).equals(JsonFields.string(b, field));
  }
}
