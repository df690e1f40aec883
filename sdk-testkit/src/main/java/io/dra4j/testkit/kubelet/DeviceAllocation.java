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

/**
 * One device of a claim's allocation result, as the scheduler wrote it.
 *
 * @param request the request name ({@code req} or {@code req/sub})
 * @param driver the DRA driver name
 * @param pool the pool name
 * @param device the device name
 */
public record DeviceAllocation(String request, String driver, String pool, String device) {
  /** Checks and copies the components. */
  public DeviceAllocation {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(device, "device");
  }
}
