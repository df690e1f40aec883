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
package io.dra4j.runtime.internal.prepare;

import io.dra4j.api.prepare.ClaimRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One claim of a kubelet request, as it came over the wire (any field may be empty).
 *
 * @param namespace the claim's namespace
 * @param name the claim's name
 * @param uid the claim's UID, the key of the response
 */
public record ClaimRequest(String namespace, String name, String uid) {
  public ClaimRequest {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
  }

  /** Why the request is malformed, if it is. */
  Optional<String> problem() {
    List<String> missing = new ArrayList<>();
    if (uid.isEmpty()) {
      missing.add("uid");
    }
    if (namespace.isEmpty()) {
      missing.add("namespace");
    }
    if (name.isEmpty()) {
      missing.add("name");
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "malformed claim in the kubelet request: "
            + String.join(", ", missing)
            + " must not be empty; every claim needs namespace, name and uid");
  }

  ClaimRef ref() {
    return new ClaimRef(namespace, name, uid);
  }
}
