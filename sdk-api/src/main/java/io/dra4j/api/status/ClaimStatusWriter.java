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
package io.dra4j.api.status;

import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;

/**
 * Writes this driver's entries in a ResourceClaim's {@code status.devices}, and never another
 * driver's: for example a binding condition a controller sets once a device is attached, which the
 * scheduler waits for before it binds the pod. Each call reads the claim, merges, and writes the
 * status subresource, reading again and retrying when another writer changed the claim in between.
 * Thread-safe; blocks on the API server.
 *
 * <p>A device is identified by its pool, name and share ID; its request name is ignored. The
 * claim's UID must match, so a replaced claim is never written.
 */
public interface ClaimStatusWriter {

  /**
   * Sets one condition of a device (replacing the condition of the same type), keeping its other
   * conditions, data and network data. The entry is created when the device has none. The
   * condition's transition time, when empty, is now if the status changed, else the one recorded.
   *
   * @throws ClaimStatusException when the claim is gone, was replaced, does not allocate the device
   *     to this driver, or cannot be written (the message names the claim, the cause and the fix)
   */
  void setCondition(ClaimRef claim, AllocatedDevice device, DeviceCondition condition)
      throws ClaimStatusException;

  /**
   * Replaces what this driver reports for one device; {@link DeviceStatus#none()} removes the
   * device's entry.
   *
   * @throws ClaimStatusException as {@link #setCondition}
   */
  void setStatus(ClaimRef claim, AllocatedDevice device, DeviceStatus status)
      throws ClaimStatusException;

  /** A writer for a context that cannot reach the API server: every call fails, saying so. */
  static ClaimStatusWriter unavailable(String why) {
    return new ClaimStatusWriter() {
      @Override
      public void setCondition(ClaimRef claim, AllocatedDevice device, DeviceCondition condition)
          throws ClaimStatusException {
        throw new ClaimStatusException(claim + ": cannot write the claim status: " + why);
      }

      @Override
      public void setStatus(ClaimRef claim, AllocatedDevice device, DeviceStatus status)
          throws ClaimStatusException {
        throw new ClaimStatusException(claim + ": cannot write the claim status: " + why);
      }
    };
  }
}
