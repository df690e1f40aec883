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
package io.dra4j.runtime.kube;

import io.dra4j.runtime.ConfigurationException;
import io.dra4j.runtime.KubernetesConnection;
import io.dra4j.runtime.KubernetesConnector;
import io.kubernetes.client.openapi.ApiClient;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The connector the driver process finds on its class path: a {@link KubeBackend} for the given
 * kubeconfig (or the in-cluster service account), handed to the runtime as a {@link
 * KubernetesConnection}.
 */
public final class KubeConnector implements KubernetesConnector {

  @Override
  public KubernetesConnection connect(
      Optional<Path> kubeconfig, String driverName, String nodeName) {
    ApiClient client;
    try {
      client = KubeBackend.client(kubeconfig);
    } catch (IllegalStateException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    KubeBackend kube = KubeBackend.connect(client, driverName, nodeName);
    return new KubernetesConnection(
        kube.claimLookup(), kube.publisher(), kube::nodeAllocatable, kube);
  }
}
