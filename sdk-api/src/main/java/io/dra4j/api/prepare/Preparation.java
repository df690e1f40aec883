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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of preparing one claim: edits per allocated device, plus edits common to all of them.
 * Every allocated device of the request must appear exactly once.
 *
 * @param devices per-device edits
 * @param common edits applied once when any device of the claim is used
 */
public record Preparation(List<PreparedDevice> devices, ContainerEdits common) {
  /** Checks and copies the components. */
  public Preparation {
    devices = List.copyOf(devices);
    Objects.requireNonNull(common, "common");
  }

  /** Starts a preparation with no devices and no common edits. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Preparation}. */
  public static final class Builder {
    private final List<PreparedDevice> devices = new ArrayList<>();
    private ContainerEdits common = ContainerEdits.none();

    private Builder() {}

    /** Adds the edits for one allocated device. */
    public Builder device(AllocatedDevice device, ContainerEdits edits) {
      devices.add(new PreparedDevice(device, edits));
      return this;
    }

    /**
     * Adds the edits for one allocated device and the status the SDK writes to the claim's {@code
     * status.devices} for it once the claim is prepared.
     */
    public Builder device(AllocatedDevice device, ContainerEdits edits, DeviceStatus status) {
      devices.add(new PreparedDevice(device, edits, status));
      return this;
    }

    /** Sets the edits applied once for the whole claim. */
    public Builder common(ContainerEdits edits) {
      this.common = Objects.requireNonNull(edits);
      return this;
    }

    /** Builds the preparation. */
    public Preparation build() {
      return new Preparation(devices, common);
    }
  }
}
