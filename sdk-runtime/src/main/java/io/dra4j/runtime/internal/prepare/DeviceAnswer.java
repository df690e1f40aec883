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

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One prepared device in a prepare response, independent of the API version.
 *
 * @param requestNames the base request names the device serves (without {@code /subrequest})
 * @param pool the pool name
 * @param device the device name
 * @param cdiDeviceIds fully qualified CDI device IDs for the container runtime
 * @param shareId the share ID of a device with multiple allocations
 */
public record DeviceAnswer(
    List<String> requestNames,
    String pool,
    String device,
    List<String> cdiDeviceIds,
    Optional<String> shareId) {
  public DeviceAnswer {
    requestNames = List.copyOf(requestNames);
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(device, "device");
    cdiDeviceIds = List.copyOf(cdiDeviceIds);
    Objects.requireNonNull(shareId, "shareId");
  }
}
