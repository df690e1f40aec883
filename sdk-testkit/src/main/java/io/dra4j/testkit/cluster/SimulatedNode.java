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

import io.dra4j.api.HostPaths;
import io.dra4j.api.health.DeviceHealth;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.internal.health.HealthPolls;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.kubelet.SimulatedKubelet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a {@link DraCluster}: its host tree (a fixture or an empty one), its kubelet
 * directories, its {@link SimulatedKubelet} and, per driver under test, a {@link DriverRuntime}
 * serving real unix sockets.
 */
public final class SimulatedNode {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedNode.class);

  private final String name;
  private final Path dir;
  private final Optional<NodeFixture> fixture;
  private final HostPaths hostPaths;
  private final SimulatedKubelet kubelet;
  private final Map<String, DriverRuntime> runtimes = new LinkedHashMap<>();
  private final Map<String, KubeBackend> backends = new LinkedHashMap<>();

  SimulatedNode(
      String name,
      Path dir,
      Optional<NodeFixture> fixture,
      HostPaths hostPaths,
      SimulatedKubelet kubelet) {
    this.name = name;
    this.dir = dir;
    this.fixture = fixture;
    this.hostPaths = hostPaths;
    this.kubelet = kubelet;
  }

  /** The node name ({@code node-1}, ...). */
  public String name() {
    return name;
  }

  /** The fixture host tree, when the cluster was built with an instance type. */
  public Optional<NodeFixture> fixture() {
    return fixture;
  }

  /** The host trees the drivers on this node read. */
  public HostPaths hostPaths() {
    return hostPaths;
  }

  /** The kubelet's plugin registry directory. */
  public Path registrarDir() {
    return dir.resolve("registry");
  }

  /** The kubelet's plugins directory. */
  public Path pluginsDir() {
    return dir.resolve("plugins");
  }

  /** The CDI spec directory shared by the drivers and the kubelet's container view. */
  public Path cdiDir() {
    return dir.resolve("cdi");
  }

  /** The node's kubelet. */
  public SimulatedKubelet kubelet() {
    return kubelet;
  }

  /** The runtime of a driver on this node. */
  public Optional<DriverRuntime> runtime(String driver) {
    synchronized (runtimes) {
      return Optional.ofNullable(runtimes.get(driver));
    }
  }

  /** The drivers running on this node, in start order. */
  public List<String> drivers() {
    synchronized (runtimes) {
      return List.copyOf(runtimes.keySet());
    }
  }

  /**
   * Runs a driver's health check now instead of at its interval ({@code HealthCheck.interval()})
   * and waits until this node's kubelet holds the result, so {@code kubelet().deviceHealth(driver,
   * pool, device)} answers with it. Use it after changing the host tree (for example {@code
   * NodeFixture.setEccCounter}) to see the driver's verdict at once.
   *
   * @return the health of every device as the check reported it
   * @throws IllegalArgumentException when the driver does not run on this node or has no health
   *     check
   * @throws IllegalStateException when the kubelet has not received the result within 10 s
   */
  public List<DeviceHealth> pollHealth(String driver) {
    DriverRuntime runtime =
        runtime(driver)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "driver "
                            + driver
                            + " does not run on node "
                            + name
                            + "; drivers: "
                            + drivers()));
    List<DeviceHealth> reported =
        HealthPolls.pollNow(runtime)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "driver "
                            + driver
                            + " has no health check: its DeviceProvider.healthCheck() is empty"));
    HealthDelivery.await(kubelet, driver, reported, Duration.ofSeconds(10));
    return reported;
  }

  /**
   * Stops a driver on this node like its pod going away: the runtime closes (sockets removed) and
   * its API connection too, so nothing republishes its slices; the kubelet wipes them after its
   * wiping delay.
   *
   * @throws IllegalArgumentException when the driver does not run on this node
   */
  public void stopDriver(String driver) {
    DriverRuntime runtime;
    KubeBackend backend;
    synchronized (runtimes) {
      runtime = runtimes.remove(driver);
      backend = backends.remove(driver);
    }
    if (runtime == null) {
      throw new IllegalArgumentException(
          "driver " + driver + " does not run on node " + name + "; drivers: " + drivers());
    }
    closeQuietly(runtime, "driver " + driver);
    closeQuietly(backend, "API connection of driver " + driver);
  }

  void add(DriverRuntime runtime, KubeBackend backend) {
    synchronized (runtimes) {
      runtimes.put(runtime.driverName(), runtime);
      backends.put(runtime.driverName(), backend);
    }
  }

  Map<String, KubeBackend> backends() {
    synchronized (runtimes) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(backends));
    }
  }

  /** Stops the drivers (sockets removed, slices kept), their API connections, then the kubelet. */
  void close() {
    synchronized (runtimes) {
      for (Map.Entry<String, DriverRuntime> e : runtimes.entrySet()) {
        closeQuietly(e.getValue(), "driver " + e.getKey());
        closeQuietly(backends.get(e.getKey()), "API connection of driver " + e.getKey());
      }
    }
    closeQuietly(kubelet, "kubelet");
  }

  private void closeQuietly(AutoCloseable c, String what) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing the {} on node {} failed: {}", what, name, e.toString());
    }
  }

  @Override
  public String toString() {
    return name + fixture.map(f -> " (" + f.instanceType() + ")").orElse("") + " " + drivers();
  }
}
