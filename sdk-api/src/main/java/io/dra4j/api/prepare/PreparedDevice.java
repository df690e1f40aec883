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

import io.dra4j.api.status.DeviceStatus;
import java.util.Objects;

/**
 * The container edits for one allocated device, and what the driver reports about it in the claim's
 * {@code status.devices}.
 *
 * @param device the allocated device
 * @param edits what a container using this device gets
 * @param status what the SDK writes to the claim's status for this device after the prepare; {@link
 *     DeviceStatus#none()} writes nothing
 */
public record PreparedDevice(AllocatedDevice device, ContainerEdits edits, DeviceStatus status) {
  /** Checks and copies the components. */
  public PreparedDevice {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(edits, "edits");
    Objects.requireNonNull(status, "status");
  }

  /** A prepared device that reports no status. */
  public PreparedDevice(AllocatedDevice device, ContainerEdits edits) {
    this(device, edits, DeviceStatus.none());
  }
}
