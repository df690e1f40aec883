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
package io.dra4j.conformance;

import com.google.gson.JsonObject;
import io.dra4j.api.DeviceProvider;
import io.dra4j.api.HostPaths;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.internal.kube.ApiJson;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.testkit.kubelet.PodPrepareResult;
import io.dra4j.testkit.kubelet.PodUnprepareResult;
import io.dra4j.testkit.kubelet.SimulatedKubelet;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What runs on one simulated node: each driver in the SDK runtime, connected to the real API
 * server, and the testkit's simulated kubelet that registers them over unix sockets and prepares
 * pods' claims over gRPC.
 */
final class NodeAgents implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final SimulatedKubelet kubelet;
  private final Path cdi;
  private final List<AutoCloseable> running;

  private NodeAgents(SimulatedKubelet kubelet, Path cdi, List<AutoCloseable> running) {
    this.kubelet = kubelet;
    this.cdi = cdi;
    this.running = running;
  }

  static NodeAgents start(
      ControlPlane cluster,
      String node,
      HostPaths hostPaths,
      Map<String, String> settings,
      List<DeviceProvider> providers)
      throws IOException {
    return start(cluster::adminClient, node, hostPaths, settings, providers);
  }

  /**
   * Like the other {@code start}, with each driver connecting through a client from {@code
   * clients}.
   */
  static NodeAgents start(
      Supplier<ApiClient> clients,
      String node,
      HostPaths hostPaths,
      Map<String, String> settings,
      List<DeviceProvider> providers)
      throws IOException {
    // Unix socket paths must stay short: the kubelet directories live in /tmp.
    Path root = Files.createTempDirectory("dra4j-e2e-");
    List<AutoCloseable> running = new ArrayList<>();
    running.add(TempDirs.deleting(root));
    try {
      Path registrar = Files.createDirectories(root.resolve("plugins_registry"));
      Path plugins = Files.createDirectories(root.resolve("plugins"));
      Path cdi = Files.createDirectories(root.resolve("cdi"));
      for (DeviceProvider provider : providers) {
        KubeBackend backend = KubeBackend.connectOwned(clients.get(), provider.driverName(), node);
        running.add(0, backend);
        running.add(
            0,
            DriverRuntime.builder(provider)
                .nodeName(node)
                .registrarDir(registrar)
                .pluginsDir(plugins)
                .cdiDir(cdi)
                .hostPaths(hostPaths)
                .settings(settings)
                .kubernetes(backend)
                .build()
                .start());
      }
      SimulatedKubelet kubelet =
          SimulatedKubelet.builder()
              .nodeName(node)
              .registrarDir(registrar)
              .pluginsDir(plugins)
              .cdiDirs(List.of(cdi))
              .build()
              .start();
      running.add(0, kubelet);
      for (DeviceProvider provider : providers) {
        kubelet.awaitRegistered(provider.driverName(), WAIT);
      }
      return new NodeAgents(kubelet, cdi, running);
    } catch (IOException | RuntimeException | Error e) {
      closeAll(running);
      throw e;
    }
  }

  SimulatedKubelet kubelet() {
    return kubelet;
  }

  /** Prepares a pod and its claims, both read from the API server as JSON. */
  PodPrepareResult prepare(JsonObject pod, List<JsonObject> claims) {
    return kubelet.preparePod(
        ApiJson.<V1Pod>fromJson(pod, V1Pod.class),
        claims.stream()
            .map(c -> ApiJson.<ResourceV1ResourceClaim>fromJson(c, ResourceV1ResourceClaim.class))
            .toList());
  }

  PodUnprepareResult unprepare(JsonObject pod) {
    return kubelet.unpreparePod(
        new PodRef(
            TestObjects.string(pod, "metadata.namespace"),
            TestObjects.name(pod),
            TestObjects.uid(pod)));
  }

  /** The CDI spec files the drivers have written. */
  List<Path> cdiSpecs() throws IOException {
    try (Stream<Path> files = Files.list(cdi)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
    }
  }

  @Override
  public void close() {
    closeAll(running);
  }

  private static void closeAll(List<AutoCloseable> running) {
    for (AutoCloseable c : running) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("closing " + c + " failed: " + e);
      }
    }
  }
}
