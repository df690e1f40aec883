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

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A device a driver returned from NodePrepareResources, as the kubelet caches it.
 *
 * @param driver the driver that prepared it
 * @param requestNames the requests it serves; empty means every request of the claim
 * @param pool the pool name
 * @param device the device name
 * @param cdiDeviceIds the CDI devices to inject into containers that use it
 * @param shareId the share ID for devices allocated more than once (v1 only)
 */
public record ClaimDevice(
    String driver,
    List<String> requestNames,
    String pool,
    String device,
    List<String> cdiDeviceIds,
    Optional<String> shareId) {
  /** Checks and copies the components. */
  public ClaimDevice {
    Objects.requireNonNull(driver, "driver");
    requestNames = List.copyOf(requestNames);
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(device, "device");
    cdiDeviceIds = List.copyOf(cdiDeviceIds);
    Objects.requireNonNull(shareId, "shareId");
  }

  /** Whether a container that uses the given request (empty: the whole claim) gets this device. */
  boolean servesRequest(Optional<String> request) {
    return request.isEmpty() || requestNames.isEmpty() || requestNames.contains(request.get());
  }
}
