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

import io.dra4j.api.device.Quantity;
import io.dra4j.api.device.Resources;
import io.dra4j.api.status.ClaimStatusWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What the SDK gives a {@link DeviceProvider} at start: where it runs, where the host's device
 * trees are, and how to publish devices. Implementations are thread-safe.
 */
public interface DriverContext {

  /** The Kubernetes node this driver instance serves. */
  String nodeName();

  /** Host paths the provider reads devices from; tests point them at fixture trees. */
  HostPaths hostPaths();

  /**
   * Publishes the complete desired set of pools and devices. Idempotent: publish the whole state
   * whenever it changes; the SDK computes and applies the difference in the background. May be
   * called from any thread; returns without waiting for the API server.
   *
   * @throws IllegalArgumentException when the resources violate a Kubernetes limit that spans
   *     devices (for example too many counters in a pool); nothing is published then
   */
  void publish(Resources resources);

  /**
   * Allocatable resources the node reports (for example {@code aws.amazon.com/neuron}); empty when
   * the node does not exist. Lets a driver refuse to run next to a device plugin. Blocks while the
   * SDK reads the node, retrying a bounded number of times (a few seconds at most).
   *
   * @throws NodeUnreadableException when the node exists but cannot be read (no permission, API
   *     server unreachable, an answer that cannot be parsed): a check based on it cannot decide and
   *     must not pass
   */
  Map<String, Quantity> nodeAllocatable();

  /** Driver-specific settings given on the command line ({@code --set key=value}) or in tests. */
  Map<String, String> settings();

  /** The clock the SDK uses; tests may control it. */
  Clock clock();

  /** A logger named after the driver. */
  System.Logger logger();

  /**
   * Writes this driver's entries in claims' {@code status.devices}, for example a binding condition
   * once a device is attached. The default cannot reach the API server and fails every call.
   */
  default ClaimStatusWriter claimStatus() {
    return ClaimStatusWriter.unavailable("this DriverContext has no connection to the API server");
  }
}
