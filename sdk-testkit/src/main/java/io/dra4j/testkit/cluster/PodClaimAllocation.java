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

import io.dra4j.api.prepare.ClaimRef;
import java.util.List;
import java.util.Objects;

/**
 * One of a pod's claims after scheduling: the name the pod uses for it, the ResourceClaim, whether
 * the claim was generated from a template for this pod, and the devices allocated to it (empty when
 * the pod could not be scheduled).
 *
 * @param podClaimName the entry name in the pod's {@code spec.resourceClaims}
 * @param claim namespace, name and UID of the ResourceClaim
 * @param generated whether the claim was created from a ResourceClaimTemplate for this pod
 * @param devices the allocated devices, in allocation result order
 */
public record PodClaimAllocation(
    String podClaimName, ClaimRef claim, boolean generated, List<ClusterDevice> devices) {

  /** Checks and copies the components. */
  public PodClaimAllocation {
    Objects.requireNonNull(podClaimName, "podClaimName");
    Objects.requireNonNull(claim, "claim");
    devices = List.copyOf(devices);
  }

  /** The devices of one driver. */
  public List<ClusterDevice> devices(String driver) {
    return devices.stream().filter(d -> d.driver().equals(driver)).toList();
  }
}
