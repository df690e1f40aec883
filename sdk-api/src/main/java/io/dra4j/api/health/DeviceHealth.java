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
package io.dra4j.api.health;

import java.util.Objects;

/**
 * The health of one published device.
 *
 * @param pool the pool name
 * @param device the device name
 * @param status healthy, unhealthy or unknown
 * @param message why, at most 1024 characters (longer messages are cut)
 */
public record DeviceHealth(String pool, String device, HealthStatus status, String message) {
  /** Checks and copies the components. */
  public DeviceHealth {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    if (message.length() > 1024) {
      message = message.substring(0, 1021) + "...";
    }
  }

  /** A healthy device. */
  public static DeviceHealth healthy(String pool, String device) {
    return new DeviceHealth(pool, device, HealthStatus.HEALTHY, "");
  }

  /** An unhealthy device and why. */
  public static DeviceHealth unhealthy(String pool, String device, String message) {
    return new DeviceHealth(pool, device, HealthStatus.UNHEALTHY, message);
  }
}
