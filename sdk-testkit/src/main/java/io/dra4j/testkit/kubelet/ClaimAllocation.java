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

import io.dra4j.api.prepare.ClaimRef;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ResourceClaim as the kubelet sees it when a pod starts: its identity and its allocated devices.
 *
 * @param claim namespace, name and UID of the claim
 * @param devices the allocation result; empty means the claim is not allocated
 */
public record ClaimAllocation(ClaimRef claim, List<DeviceAllocation> devices) {
  /** Checks and copies the components. */
  public ClaimAllocation {
    Objects.requireNonNull(claim, "claim");
    devices = List.copyOf(devices);
  }

  /** A claim with the given allocated devices. */
  public static ClaimAllocation of(ClaimRef claim, DeviceAllocation... devices) {
    return new ClaimAllocation(claim, List.of(devices));
  }

  /** The drivers in this claim's allocation, sorted. */
  public Set<String> drivers() {
    Set<String> drivers = new TreeSet<>();
    devices.forEach(d -> drivers.add(d.driver()));
    return drivers;
  }
}
