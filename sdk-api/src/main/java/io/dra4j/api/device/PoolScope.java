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
package io.dra4j.api.device;

import java.util.Map;

/** Which nodes can reach the devices of a pool. */
public sealed interface PoolScope
    permits PoolScope.ThisNode, PoolScope.NodeLabels, PoolScope.AllNodes {

  /**
   * Devices local to the driver's node; slices carry {@code nodeName} and are owned by the Node.
   */
  static PoolScope thisNode() {
    return new ThisNode();
  }

  /** Network-attached devices reachable from every node. */
  static PoolScope allNodes() {
    return new AllNodes();
  }

  /** Network-attached devices reachable from nodes that carry all of these labels. */
  static PoolScope nodeLabels(Map<String, String> labels) {
    return new NodeLabels(labels);
  }

  /** Devices on the driver's own node. */
  record ThisNode() implements PoolScope {}

  /** Devices reachable from all nodes. */
  record AllNodes() implements PoolScope {}

  /**
   * Devices reachable from nodes with all of these labels.
   *
   * @param labels label key to required value; not empty
   */
  record NodeLabels(Map<String, String> labels) implements PoolScope {
    /** Checks and copies the components. */
    public NodeLabels {
      if (labels == null || labels.isEmpty()) {
        throw new IllegalArgumentException(
            "node labels of a pool scope must not be empty: use PoolScope.allNodes() instead");
      }
      labels = Validation.copySorted("node labels", labels);
      Validation.requireNodeLabels(labels);
    }
  }
}
