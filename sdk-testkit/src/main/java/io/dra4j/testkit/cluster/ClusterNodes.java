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

import com.google.gson.JsonObject;
import io.dra4j.api.DeviceProvider;
import io.dra4j.api.HostPaths;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.testkit.fixtures.HostLayout;
import io.dra4j.testkit.fixtures.HostTree;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.kubelet.SimulatedKubelet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's nodes: starts each one (its directories and host tree, its Node object, its
 * simulated kubelet and the drivers under test), waits until every driver is registered and
 * published, finds nodes by name, and stops them. Everything of a node lives below one temporary
 * directory of the cluster, deleted on close.
 *
 * <p>Nodes are added only while the cluster starts; afterwards the set is read-only.
 */
final class ClusterNodes {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNodes.class);

  private final Path root;
  private final ApiRest rest;
  private final Optional<String> instanceType;
  private final List<HostLayout> hostTrees;
  private final Duration wipingDelay;
  private final DriverLauncher launcher;
  private final Supplier<String> report;
  private final Map<String, SimulatedNode> nodes = new LinkedHashMap<>();

  /**
   * Creates the cluster's temporary directory below {@code /tmp}.
   *
   * @throws UncheckedIOException when it cannot be created
   */
  ClusterNodes(
      ApiRest rest,
      Optional<String> instanceType,
      List<HostLayout> hostTrees,
      Duration wipingDelay,
      DriverLauncher launcher,
      Supplier<String> report) {
    try {
      this.root = Files.createTempDirectory(Path.of("/tmp"), "dra4j-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory below /tmp", e);
    }
    this.rest = rest;
    this.instanceType = instanceType;
    this.hostTrees = List.copyOf(hostTrees);
    this.wipingDelay = wipingDelay;
    this.launcher = launcher;
    this.report = report;
  }

  /**
   * Starts node {@code name}: its directories below the cluster's root (the host tree is the
   * instance type's fixture, then each {@link HostLayout} in order), the Node object, the kubelet,
   * and one driver per provider factory.
   *
   * @throws IllegalStateException when a driver fails to start, with the cluster's state
   */
  void start(String name, List<Supplier<? extends DeviceProvider>> providers) {
    Path dir = root.resolve("n" + name.substring(name.lastIndexOf('-') + 1));
    Optional<NodeFixture> fixture =
        instanceType.map(t -> NodeFixtures.write(t, dir.resolve("host")));
    HostPaths host =
        fixture.map(NodeFixture::hostPaths).orElse(HostPaths.under(dir.resolve("host")));
    layOut(name, dir.resolve("host"));
    createDirectories(name, dir, host);
    rest.create(ApiPaths.NODES, nodeObject(name));
    SimulatedKubelet kubelet =
        SimulatedKubelet.builder()
            .nodeName(name)
            .registrarDir(dir.resolve("registry"))
            .pluginsDir(dir.resolve("plugins"))
            .cdiDirs(List.of(dir.resolve("cdi")))
            .sliceWiper(this::wipeSlices)
            .wipingDelay(wipingDelay)
            .build()
            .start();
    SimulatedNode node = new SimulatedNode(name, dir, fixture, host, kubelet);
    nodes.put(name, node);
    for (Supplier<? extends DeviceProvider> factory : providers) {
      launcher.start(factory.get(), node);
    }
  }

  /**
   * Runs the host layouts on the node's host root.
   *
   * @throws IllegalStateException naming the layout and the node when one fails or removes the root
   */
  private void layOut(String name, Path host) {
    for (HostLayout layout : hostTrees) {
      try {
        Files.createDirectories(host);
        layout.layOut(host);
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "host tree layout "
                + describe(layout)
                + " failed on node "
                + name
                + " (host root "
                + host
                + "): "
                + e
                + "; fix the layout so that it writes below the root it is given",
            e);
      }
      if (!Files.isDirectory(host)) {
        throw new IllegalStateException(
            "host tree layout "
                + describe(layout)
                + " removed the host root "
                + host
                + " of node "
                + name
                + ": a layout adds files below the root and keeps the root itself");
      }
    }
  }

  private static String describe(HostLayout layout) {
    if (layout instanceof HostTree t) {
      return "copying " + t.source();
    }
    String type = layout.getClass().getName();
    int lambda = type.indexOf("$$Lambda");
    return lambda < 0 ? type : "(a lambda in " + type.substring(0, lambda) + ")";
  }

  private static void createDirectories(String name, Path dir, HostPaths host) {
    try {
      Files.createDirectories(host.sys());
      Files.createDirectories(host.dev());
      Path bootId = host.proc().resolve("sys/kernel/random/boot_id");
      if (!Files.exists(bootId)) {
        Files.createDirectories(bootId.getParent());
        Files.writeString(bootId, UUID.randomUUID() + "\n");
      }
      Files.createDirectories(dir.resolve("registry"));
      Files.createDirectories(dir.resolve("plugins"));
      Files.createDirectories(dir.resolve("cdi"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directories of node " + name, e);
    }
  }

  private JsonObject nodeObject(String name) {
    JsonObject node = new JsonObject();
    node.addProperty("apiVersion", "v1");
    node.addProperty("kind", "Node");
    JsonObject meta = new JsonObject();
    meta.addProperty("name", name);
    JsonObject labels = new JsonObject();
    labels.addProperty("kubernetes.io/hostname", name);
    labels.addProperty("kubernetes.io/os", "linux");
    instanceType.ifPresent(t -> labels.addProperty(DraCluster.INSTANCE_TYPE_LABEL, t));
    meta.add("labels", labels);
    node.add("metadata", meta);
    return node;
  }

  /** The kubelet's wiping: deletes the driver's slices of this node from the API server. */
  private void wipeSlices(String driver, String node) {
    for (JsonObject s : rest.list(ApiPaths.SLICES)) {
      if (driver.equals(JsonFields.string(s, "spec", "driver"))
          && node.equals(JsonFields.string(s, "spec", "nodeName"))) {
        rest.delete(ApiPaths.object(ApiPaths.SLICES, JsonFields.string(s, "metadata", "name")));
      }
    }
  }

  /**
   * Waits until every driver of every node is registered with its kubelet and has written its
   * ResourceSlices.
   *
   * @throws AssertionError when a driver does not register in time
   * @throws IllegalStateException when a driver's slices are not written in time
   */
  void awaitReady(Duration timeout) throws InterruptedException {
    for (SimulatedNode node : nodes.values()) {
      for (String driver : node.drivers()) {
        node.kubelet().awaitRegistered(driver, timeout);
        KubeBackend backend = node.backends().get(driver);
        if (!backend.publisher().awaitSynced(timeout)) {
          throw new IllegalStateException(
              "the ResourceSlices of driver "
                  + driver
                  + " on node "
                  + node.name()
                  + " were not written within "
                  + timeout
                  + "\n"
                  + report.get());
        }
      }
    }
  }

  /** The nodes, in start order. */
  List<SimulatedNode> all() {
    return List.copyOf(nodes.values());
  }

  /** Whether the cluster has a node of this name. */
  boolean contains(String name) {
    return nodes.containsKey(name);
  }

  /**
   * A node by name.
   *
   * @throws IllegalArgumentException naming the nodes there are
   */
  SimulatedNode get(String name) {
    SimulatedNode n = nodes.get(name);
    if (n == null) {
      throw new IllegalArgumentException(
          "no node " + name + " in the cluster; nodes are " + nodes.keySet());
    }
    return n;
  }

  /** The drivers running on the first node (every node runs the same drivers). */
  List<String> drivers() {
    return nodes.isEmpty() ? List.of() : nodes.values().iterator().next().drivers();
  }

  /** The directory all nodes live below. */
  Path root() {
    return root;
  }

  /**
   * Stops every node (its drivers, sockets removed and slices kept, then its kubelet) and deletes
   * the temporary directory.
   */
  void close() {
    for (SimulatedNode n : nodes.values()) {
      n.close();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot delete {}: {}", root, e.toString());
    }
  }

  @Override
  public String toString() {
    return nodes.values().toString();
  }
}
