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

import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import java.util.List;
import java.util.Optional;

/**
 * The one interface a DRA driver author implements: device knowledge only.
 *
 * <p>The SDK finds implementations with {@link java.util.ServiceLoader} (register with
 * {@code @AutoService(DeviceProvider.class)}) and owns everything else: kubelet registration, gRPC,
 * ResourceSlices, CDI files, checkpoints, retries and concurrency.
 *
 * <p>Lifecycle: {@link #driverName()} → {@link #start(DriverContext)} once → any number of {@link
 * #prepare} / {@link #unprepare} calls → {@link #close()} once. {@code prepare} and {@code
 * unprepare} are called on SDK worker threads, concurrently for different claims, never
 * concurrently for the same claim; they may block, but the kubelet gives up after 45 s.
 */
public interface DeviceProvider extends AutoCloseable {

  /**
   * The driver name, a DNS subdomain of at most 63 characters (for example {@code neuron.aws.com}).
   * Also the domain of unqualified attribute names.
   */
  String driverName();

  /**
   * Typed opaque configuration this driver accepts. The SDK decodes matching {@code
   * spec.devices.config[].opaque} entries strictly into these record types.
   */
  default List<ConfigKind<?>> configKinds() {
    return List.of();
  }

  /**
   * Discovers devices and publishes them with {@link DriverContext#publish}. Called once, on the
   * main thread, before the kubelet sockets are served. Throwing stops the driver with the
   * exception's message.
   */
  void start(DriverContext context) throws Exception;

  /**
   * Prepares one claim: returns the container edits for each of this driver's allocated devices.
   * Must be idempotent: the kubelet may repeat the call.
   *
   * @throws PrepareException when this claim cannot be prepared; its message reaches the pod's
   *     events and other claims are unaffected
   */
  Preparation prepare(PrepareRequest request) throws PrepareException;

  /**
   * Releases what {@link #prepare} set up for one claim. Called with what the SDK checkpointed, so
   * it works after a restart and when the claim is gone from the API. Must be idempotent.
   */
  void unprepare(PreparedClaim claim) throws PrepareException;

  /**
   * A periodic device health check. When present, the SDK advertises the kubelet health service,
   * polls the check and streams its results.
   */
  default Optional<HealthCheck> healthCheck() {
    return Optional.empty();
  }

  /** Releases resources. Called once when the driver stops; slices are left in place. */
  @Override
  default void close() throws Exception {}
}
