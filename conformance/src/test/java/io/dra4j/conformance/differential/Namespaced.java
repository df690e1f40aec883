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
import java.util.Set;

/** Puts a scenario's namespaced objects into the scenario's namespace. */
final class Namespaced {
  private static final Set<String> KINDS = Set.of("ResourceClaim", "ResourceClaimTemplate");

  private Namespaced() {}

  /** A copy of {@code object}, in {@code namespace} when its kind is namespaced. */
  static JsonObject in(JsonObject object, String namespace) {
    JsonObject copy = object.deepCopy();
    if (KINDS.contains(copy.get("kind").getAsString())) {
      copy.getAsJsonObject("metadata").addProperty("namespace", namespace);
    }
    return copy;
  }
}
