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
package io.dra4j.testkit.kubelet;

import java.util.Objects;
import java.util.Optional;

/**
 * A container's reference to a claim ({@code resources.claims[]}): the claim name and, optionally,
 * one request of it. Without a request the container gets every device of the claim.
 *
 * @param claimName the ResourceClaim name in the pod's namespace
 * @param request the request name, if the container uses only one request
 */
public record ContainerClaimUse(String claimName, Optional<String> request) {
  /** Checks and copies the components. */
  public ContainerClaimUse {
    Objects.requireNonNull(claimName, "claimName");
    Objects.requireNonNull(request, "request");
  }

  /** The whole claim. */
  public static ContainerClaimUse claim(String claimName) {
    return new ContainerClaimUse(claimName, Optional.empty());
  }

  /** One request of the claim. */
  public static ContainerClaimUse request(String claimName, String request) {
    return new ContainerClaimUse(claimName, Optional.of(request));
  }
}
