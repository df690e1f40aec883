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

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;

/** One step of a {@link Scenario}, run on both sides in the same order. */
public sealed interface Step permits Scenario.PodStep, Step.Apply, Step.Condition {

  /**
   * Creates an object, or replaces it when it exists (a driver publishing a changed slice). A
   * DeviceTaintRule is written in the release's version of {@code resource.k8s.io}.
   *
   * @param object the object (namespaced kinds go into the scenario's namespace)
   * @param refused whether the API server refuses it
   * @param evicts the pods the device taint eviction controller evicts afterwards, sorted
   */
  record Apply(JsonObject object, Expected<Boolean> refused, Expected<List<String>> evicts)
      implements Step {
    /** Copies the object. */
    public Apply {
      object = object.deepCopy();
      Objects.requireNonNull(refused, "refused");
      Objects.requireNonNull(evicts, "evicts");
    }

    /** The object's kind. */
    public String kind() {
      return object.get("kind").getAsString();
    }

    /** The object's name. */
    public String name() {
      return object.getAsJsonObject("metadata").get("name").getAsString();
    }
  }

  /**
   * Sets a condition of the first device allocated for one of a pod's claims, as the driver or
   * controller behind binding conditions does.
   *
   * @param pod the pod
   * @param podClaim the pod's claim name ({@code t0}, {@code c0}, ...)
   * @param type the condition type
   * @param status {@code True} or {@code False}
   * @param then what must become of the pod
   */
  record Condition(
      String pod, String podClaim, String type, boolean status, Expected<PodOutcome.State> then)
      implements Step {}
}
