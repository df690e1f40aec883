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
package io.dra4j.driver.aws.health;

import io.dra4j.api.health.HealthStatus;
import java.util.Objects;

/**
 * What one health check found about one device.
 *
 * @param device the device name
 * @param status healthy, unhealthy or unknown (unreadable inputs)
 * @param reason a short taint value for unhealthy devices, such as {@code ecc-uncorrected}
 * @param message a human-readable explanation, empty when healthy
 */
public record Finding(String device, HealthStatus status, String reason, String message) {
  public Finding {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  public static Finding healthy(String device) {
    return new Finding(device, HealthStatus.HEALTHY, "", "");
  }

  public static Finding unhealthy(String device, String reason, String message) {
    return new Finding(device, HealthStatus.UNHEALTHY, reason, message);
  }

  public static Finding unknown(String device, String message) {
    return new Finding(device, HealthStatus.UNKNOWN, "", message);
  }
}
