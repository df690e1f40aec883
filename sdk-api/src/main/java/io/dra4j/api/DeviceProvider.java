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
 * concurrently for the same claim; they may block, but the kubelet gives up after 45 s. Each method
 * below says on which thread it runs and whether it may block.
 */
public interface DeviceProvider extends AutoCloseable {

  /**
   * The driver name, a DNS subdomain of at most 63 characters (for example {@code neuron.aws.com}).
   * Also the domain of unqualified attribute names. Called on the main thread before anything else,
   * and again whenever the SDK needs it; must return the same constant every time and not block.
   * The SDK checks it with {@link io.dra4j.api.device.Names#requireDriverName}.
   */
  String driverName();

  /**
   * Typed opaque configuration this driver accepts. The SDK decodes matching {@code
   * spec.devices.config[].opaque} entries strictly into these record types. Called once on the main
   * thread before {@link #start}; must not block.
   */
  default List<ConfigKind<?>> configKinds() {
    return List.of();
  }

  /**
   * Discovers devices and publishes them with {@link DriverContext#publish}. Called once, on the
   * main thread, after the kubelet sockets are served: the driver registers with the kubelet before
   * it publishes, so no pod is scheduled onto its devices before the kubelet knows it. No {@link
   * #prepare} or {@link #unprepare} runs before {@code start} returns; the kubelet's calls wait for
   * it (at most 30 s). May block while discovering (reading sysfs, waiting for a device to settle).
   * Threads the provider starts to watch for device changes may call {@link DriverContext#publish}
   * again at any time. Throwing stops the driver with the exception's message, which the waiting
   * kubelet calls also receive.
   */
  void start(DriverContext context) throws Exception;

  /**
   * Prepares one claim: returns the container edits for each of this driver's allocated devices.
   * Must be idempotent: the kubelet may repeat the call. Runs on an SDK worker thread, concurrently
   * with calls for other claims; may block, but should finish well within the kubelet's 45 s
   * timeout.
   *
   * @throws PrepareException when this claim cannot be prepared; its message reaches the pod's
   *     events and other claims are unaffected
   */
  Preparation prepare(PrepareRequest request) throws PrepareException;

  /**
   * Releases what {@link #prepare} set up for one claim. Called with what the SDK checkpointed, so
   * it works after a restart and when the claim is gone from the API. Must be idempotent. Runs on
   * an SDK worker thread like {@link #prepare}, never concurrently with {@code prepare} of the same
   * claim; may block. A thrown exception keeps the pod terminating until a retry succeeds.
   *
   * <p>It is also called right after a {@code prepare} of the claim whose result the SDK cannot use
   * or record (the preparation misses a device, the CDI spec or the checkpoint cannot be written),
   * with what {@code prepare} returned (no devices when it returned nothing), so a failed prepare
   * leaves nothing set up.
   *
   * <p>The default does nothing, which is right when {@code prepare} only returns container edits:
   * the SDK removes the claim's CDI spec itself. Override it when {@code prepare} changes the host
   * (for example partitions a device or starts a daemon).
   */
  default void unprepare(PreparedClaim claim) throws PrepareException {}

  /**
   * A periodic device health check. When present, the SDK advertises the kubelet health service,
   * polls the check and streams its results. Called once on the main thread before {@link #start},
   * because the registration names the services; must not block. The check itself runs on an SDK
   * health thread, first after {@code start} returns (see {@link HealthCheck}); {@link
   * StartedState#healthCheck} builds one that uses what {@code start} discovered.
   */
  default Optional<HealthCheck> healthCheck() {
    return Optional.empty();
  }

  /**
   * Releases resources. Called once when the driver stops, on the thread that stops it, after
   * in-flight {@code prepare} and {@code unprepare} calls have finished; may block briefly. Slices
   * are left in place.
   */
  @Override
  default void close() throws Exception {}
}
