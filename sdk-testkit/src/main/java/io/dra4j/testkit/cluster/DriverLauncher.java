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
package io.dra4j.testkit.cluster;

import io.dra4j.api.DeviceProvider;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Starts one driver under test on a node as a real {@link DriverRuntime}: with its own API
 * connection (claim lookup, ResourceSlice publisher, node allocatable) and the node's registration,
 * plugin, CDI and host directories; the node keeps the runtime and the connection.
 */
final class DriverLauncher {
  private final Supplier<ApiClient> clients;
  private final Map<String, String> settings;
  private final boolean deviceMetadata;
  private final Supplier<String> report;

  /**
   * @param clients a new client of the API server per driver; the driver's connection owns it and
   *     releases it when it closes
   * @param settings the driver settings every driver gets
   * @param deviceMetadata whether every driver writes device metadata for containers
   * @param report the cluster's state, for the failure message
   */
  DriverLauncher(
      Supplier<ApiClient> clients,
      Map<String, String> settings,
      boolean deviceMetadata,
      Supplier<String> report) {
    this.clients = clients;
    this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    this.deviceMetadata = deviceMetadata;
    this.report = report;
  }

  /**
   * Starts the provider's driver on the node.
   *
   * @throws IllegalStateException when the driver fails to start, with the cluster's state
   */
  void start(DeviceProvider provider, SimulatedNode node) {
    String driver = provider.driverName();
    String name = node.name();
    KubeBackend backend = KubeBackend.connectOwned(clients.get(), driver, name);
    DriverRuntime runtime =
        DriverRuntime.builder(provider)
            .nodeName(name)
            .registrarDir(node.registrarDir())
            .pluginsDir(node.pluginsDir())
            .cdiDir(node.cdiDir())
            .hostPaths(node.hostPaths())
            .kubernetes(backend)
            .settings(settings)
            .shutdownTimeout(Duration.ofSeconds(5))
            .deviceMetadata(deviceMetadata)
            .build();
    try {
      runtime.start();
    } catch (IOException | RuntimeException e) {
      backend.close();
      throw new IllegalStateException(
          "driver "
              + driver
              + " failed to start on node "
              + name
              + ": "
              + e.getMessage()
              + "\n"
              + report.get(),
          e);
    }
    node.add(runtime, backend);
  }
}
