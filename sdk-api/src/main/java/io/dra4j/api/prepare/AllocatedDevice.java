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
package io.dra4j.api.prepare;

import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One device the scheduler allocated to a claim for this driver.
 *
 * @param request the request name from the allocation result ({@code req} or {@code req/sub})
 * @param pool the pool name
 * @param device the device name
 * @param adminAccess whether the device was allocated for admin access (monitoring, not use)
 * @param shareId the share ID when the device allows multiple allocations
 * @param consumedCapacity capacity consumed from a shared device
 */
public record AllocatedDevice(
    String request,
    String pool,
    String device,
    boolean adminAccess,
    Optional<String> shareId,
    Map<QualifiedName, Quantity> consumedCapacity) {

  /** Checks and copies the components. */
  public AllocatedDevice {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(shareId, "shareId");
    consumedCapacity = Collections.unmodifiableMap(new TreeMap<>(consumedCapacity));
  }

  /** A plainly allocated device. */
  public static AllocatedDevice of(String request, String pool, String device) {
    return new AllocatedDevice(request, pool, device, false, Optional.empty(), Map.of());
  }

  /** The request name without a subrequest ({@code req} for {@code req/sub}). */
  public String baseRequest() {
    int slash = request.indexOf('/');
    return slash < 0 ? request : request.substring(0, slash);
  }
}
