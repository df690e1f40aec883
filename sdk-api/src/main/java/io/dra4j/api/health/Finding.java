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
 * What one health check found about one device: the input of {@link TaintedPool#apply}. A driver's
 * health check builds one per device with {@link #healthy}, {@link #unhealthy} or {@link #unknown}.
 *
 * @param device the device name
 * @param status healthy, unhealthy or unknown (unreadable inputs)
 * @param reason the taint value for unhealthy devices, such as {@code ecc-uncorrected}: a label
 *     value (at most 63 characters of letters, digits, {@code -}, {@code _} and {@code .})
 * @param message a human-readable explanation, empty when healthy
 */
public record Finding(String device, HealthStatus status, String reason, String message) {
  /** Checks the components. */
  public Finding {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** A device that works. */
  public static Finding healthy(String device) {
    return new Finding(device, HealthStatus.HEALTHY, "", "");
  }

  /** A device that does not work: it gets a taint with {@code reason} as its value. */
  public static Finding unhealthy(String device, String reason, String message) {
    return new Finding(device, HealthStatus.UNHEALTHY, reason, message);
  }

  /** A device whose health could not be read: its taint state stays as it was. */
  public static Finding unknown(String device, String message) {
    return new Finding(device, HealthStatus.UNKNOWN, "", message);
  }
}
