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
package io.dra4j.runtime.internal.health;

import io.dra4j.api.health.DeviceHealth;
import io.dra4j.runtime.DriverRuntime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Polls a running {@link DriverRuntime}'s health check now instead of at its interval, for test
 * harnesses such as the testkit's simulated nodes. Not part of the runtime's API: {@code
 * DriverRuntime} hands out its {@link HealthMonitor} only through here, so its public surface stays
 * what a driver process needs.
 */
public final class HealthPolls {
  private static volatile Function<DriverRuntime, Optional<HealthMonitor>> monitors;

  private HealthPolls() {}

  /**
   * Called once, by {@code DriverRuntime}'s class initialization.
   *
   * @throws IllegalStateException when called again
   */
  public static synchronized void install(
      Function<DriverRuntime, Optional<HealthMonitor>> monitorOf) {
    if (monitors != null) {
      throw new IllegalStateException("the health monitors of DriverRuntime are installed already");
    }
    monitors = Objects.requireNonNull(monitorOf, "monitorOf");
  }

  /**
   * Runs the runtime's health check now; see {@link HealthMonitor#pollNow()}.
   *
   * @return the device health after the poll; empty when the runtime is not started or its provider
   *     has no health check
   * @throws IllegalStateException when the runtime is stopped
   */
  public static Optional<List<DeviceHealth>> pollNow(DriverRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime");
    // An instance exists, so DriverRuntime's class initialization has installed the function.
    return monitors.apply(runtime).map(HealthMonitor::pollNow);
  }
}
