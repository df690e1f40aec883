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

import java.time.Duration;
import java.util.List;

/**
 * A device health check the SDK polls on its own thread. Each call returns the health of every
 * device the driver publishes; the SDK streams it to the kubelet and re-sends it before the
 * kubelet's timeout.
 */
@FunctionalInterface
public interface HealthCheck {

  /** Checks every device. May block briefly (reading sysfs); must not hang. */
  List<DeviceHealth> check() throws Exception;

  /** How often to poll. */
  default Duration interval() {
    return Duration.ofSeconds(10);
  }
}
