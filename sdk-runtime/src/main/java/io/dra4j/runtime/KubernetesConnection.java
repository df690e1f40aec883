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
import io.dra4j.runtime.claims.ClaimLookup;
import io.dra4j.runtime.slices.ResourcePublisher;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the driver process needs from the Kubernetes API: claim lookup, ResourceSlice publishing,
 * the node's allocatable resources, and a way to close the connection after the runtime stopped.
 *
 * @param claimLookup finds allocated claims
 * @param publisher publishes ResourceSlices
 * @param nodeAllocatable reads the node's allocatable resources
 * @param onClose closes the connection
 */
record KubernetesConnection(
    ClaimLookup claimLookup,
    ResourcePublisher publisher,
    Supplier<Map<String, Quantity>> nodeAllocatable,
    AutoCloseable onClose)
    implements AutoCloseable {
  public KubernetesConnection {
    Objects.requireNonNull(claimLookup, "claimLookup");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(nodeAllocatable, "nodeAllocatable");
    Objects.requireNonNull(onClose, "onClose");
  }

  @Override
  public void close() throws Exception {
    onClose.close();
  }
}
