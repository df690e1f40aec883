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

import java.nio.file.Path;
import java.util.Optional;

/**
 * Connects the driver process to the Kubernetes API. {@link Main} uses the one backed by {@link
 * io.dra4j.runtime.internal.kube.KubeBackend}; tests pass in-memory ones.
 */
@FunctionalInterface
interface KubernetesConnector {

  /**
   * Connects as the given driver on the given node.
   *
   * @param kubeconfig the kubeconfig file; empty means in-cluster configuration
   * @param driverName the driver name
   * @param nodeName the node name
   * @throws Exception when the API server cannot be reached; the message says which and why
   */
  KubernetesConnection connect(Optional<Path> kubeconfig, String driverName, String nodeName)
      throws Exception;
}
