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
package io.dra4j.api;

import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds what a provider's {@link DeviceProvider#start start} discovered and guards the calls that
 * need it: before start has stored the state, {@code prepare} fails with a {@link PrepareException}
 * and the health check reports no devices. Thread-safe: start stores the state on the main thread,
 * prepare and health checks read it on SDK threads.
 *
 * <p>A provider keeps one in a final field and never handles a "not started yet" case itself:
 *
 * <pre>{@code
 * private final StartedState<Node> node = StartedState.of(DRIVER);
 *
 * public void start(DriverContext context) { node.set(discover(context)); }
 *
 * public Preparation prepare(PrepareRequest request) throws PrepareException {
 *   Node n = node.require(request);
 *   ...
 * }
 *
 * public Optional<HealthCheck> healthCheck() { return node.healthCheck(this::check); }
 * }</pre>
 *
 * @param <S> the provider's state, usually a record of the context and what it discovered
 */
public final class StartedState<S> {

  /**
   * A health check that runs with the started state.
   *
   * @param <S> the provider's state
   */
  @FunctionalInterface
  public interface Check<S> {
    /** Checks every device; see {@link HealthCheck#check()}. */
    List<DeviceHealth> check(S state) throws Exception;
  }

  private final String driverName;
  private volatile S state;

  private StartedState(String driverName) {
    this.driverName = Objects.requireNonNull(driverName, "driverName");
  }

  /** An empty holder for the provider of {@code driverName} (used in error messages). */
  public static <S> StartedState<S> of(String driverName) {
    return new StartedState<>(driverName);
  }

  /** Stores the state; called at the end of {@code start}. A later call replaces it. */
  public void set(S state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  /** The state, empty before {@link #set}. */
  public Optional<S> get() {
    return Optional.ofNullable(state);
  }

  /**
   * The state for preparing {@code request}.
   *
   * @throws PrepareException naming the driver and the claim when start has not stored the state
   */
  public S require(PrepareRequest request) throws PrepareException {
    S s = state;
    if (s == null) {
      throw new PrepareException(
          driverName + " has not started: cannot prepare " + request.claim());
    }
    return s;
  }

  /**
   * A health check for {@link DeviceProvider#healthCheck()} that runs {@code check} with the state
   * and reports no devices before start has stored it.
   */
  public Optional<HealthCheck> healthCheck(Check<S> check) {
    Objects.requireNonNull(check, "check");
    return Optional.of(
        () -> {
          S s = state;
          return s == null ? List.of() : check.check(s);
        });
  }
}
