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
package io.dra4j.runtime;

import io.dra4j.api.device.Quantity;
import io.dra4j.runtime.internal.claims.ClaimLookup;
import io.dra4j.runtime.internal.claimstatus.ClaimStatusPatcher;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.ResourcePublisher;
import io.kubernetes.client.openapi.ApiClient;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes API as a driver runtime needs it: where it looks up claims, where it publishes
 * ResourceSlices and where it reads its node. {@link #connect} and {@link #connectOwned} give the
 * real one, over a client-java {@link ApiClient}; tests and benchmarks may implement it in memory,
 * but the types its methods return are runtime internals that may change between releases. The
 * runtime asks for the claim lookup and the publisher once, while it starts and after it has
 * checked its settings; it never closes the connection: its owner closes it after the runtime.
 */
public interface KubernetesConnection extends AutoCloseable {

  /**
   * Connects a driver on a node to the API server behind {@code client}, which stays the caller's:
   * closing the connection leaves the client open.
   */
  static KubernetesConnection connect(ApiClient client, String driver, String node) {
    return KubeBackend.connect(client, driver, node);
  }

  /**
   * Like {@link #connect}, but the connection owns {@code client}: closing the connection (or a
   * failed connect) releases the client's connections and threads.
   */
  static KubernetesConnection connectOwned(ApiClient client, String driver, String node) {
    return KubeBackend.connectOwned(client, driver, node);
  }

  /** Finds the allocated claims the kubelet asks to prepare. */
  ClaimLookup claimLookup();

  /** Publishes the driver's ResourceSlices. */
  ResourcePublisher publisher();

  /**
   * The node's allocatable resources, for {@link io.dra4j.api.DriverContext#nodeAllocatable()};
   * empty when the node does not exist (and by default, for a connection that knows no nodes).
   *
   * @throws io.dra4j.api.NodeUnreadableException when the node exists but cannot be read
   */
  default Map<String, Quantity> nodeAllocatable() {
    return Map.of();
  }

  /**
   * Writes this driver's entries in claims' {@code status.devices}; empty when the connection
   * cannot (the runtime then reports no device status).
   */
  default Optional<ClaimStatusPatcher> claimStatus() {
    return Optional.empty();
  }

  /** Stops the claim lookup and the publisher; never deletes slices. */
  @Override
  default void close() {}
}
