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
package io.dra4j.conformance.node;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.HealthProbe;
import io.dra4j.conformance.cluster.KubeObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real node joined to a {@link ControlPlane}: containerd (CDI on, overlayfs, runc, a private
 * {@code /dev} with the fixture's device nodes) and a kubelet in containerd's mount namespace,
 * registered under its own name, on loopback ports picked at start. The pause and busybox images
 * are imported, and any image given to {@link Builder#image}, so pods run without a registry.
 * {@link #close} stops it and removes its processes, mounts, bridge and cgroups.
 *
 * <pre>{@code
 * try (RealNode node = RealNode.builder(binaries, cluster).name("n1").devices(dev).start()) {
 *   // start drivers with node.registrarDir(), node.pluginsDir(), node.cdiDir()
 * }
 * }</pre>
 */
public final class RealNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RealNode.class);

  private final Builder config;
  private final NodeLayout layout;
  private final HealthProbe probe = new HealthProbe();
  private final List<Daemon> daemons = new ArrayList<>();
  private Daemon containerd;
  private Daemon kubelet;
  private int healthzPort;
  private Duration startupTime = Duration.ZERO;

  /** Configures and starts a {@link RealNode}. */
  public static final class Builder {
    private final NodeBinaries binaries;
    private final ControlPlane cluster;
    private String name = "node";
    private Path devices = Path.of("/nonexistent");
    private Path logDir = Path.of("target", "e2e");
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<String> taints = new ArrayList<>();
    private final Map<String, Boolean> featureGates =
        new LinkedHashMap<>(ControlPlane.DEFAULT_FEATURE_GATES);
    private Duration startTimeout = Duration.ofMinutes(3);
    private final List<Path> images = new ArrayList<>();

    private Builder(NodeBinaries binaries, ControlPlane cluster) {
      this.binaries = Objects.requireNonNull(binaries, "binaries");
      this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** The Node's name ({@code --hostname-override}). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * A directory of device nodes (real character devices, as {@code mknod} makes them) that
     * containerd and runc see under {@code /dev}, e.g. a fixture's {@code dev} with {@code neuron0}
     * and {@code infiniband/uverbs0}; the host's {@code /dev} is not changed.
     */
    public Builder devices(Path devices) {
      this.devices = Objects.requireNonNull(devices, "devices");
      return this;
    }

    /** Where the node's log directory is created (kept after close). */
    public Builder logDir(Path logDir) {
      this.logDir = Objects.requireNonNull(logDir, "logDir");
      return this;
    }

    /** A label the kubelet registers the Node with. */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** A taint the kubelet registers the Node with, as {@code key=value:Effect}. */
    public Builder taint(String taint) {
      taints.add(Objects.requireNonNull(taint, "taint"));
      return this;
    }

    /** Sets a kubelet feature gate (the control plane's DRA gates are set already). */
    public Builder featureGate(String gate, boolean enabled) {
      featureGates.put(Objects.requireNonNull(gate, "gate"), enabled);
      return this;
    }

    /**
     * An image tarball (OCI layout or docker-save, as {@code jib:buildTar} writes it) to import
     * besides the pause and busybox images, such as a driver image: pods run it with {@code
     * imagePullPolicy: Never} under the name the tarball gives it.
     */
    public Builder image(Path tarball) {
      images.add(Objects.requireNonNull(tarball, "tarball"));
      return this;
    }

    /** How long containerd and the kubelet may take to be ready; 3 minutes by default. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
      return this;
    }

    /**
     * Starts containerd, imports the images, starts the kubelet, and returns once the Node is
     * registered and Ready.
     *
     * @throws NodeException naming the part that failed, with the end of its log
     */
    public RealNode start() {
      RealNode node = new RealNode(this);
      try {
        node.startAll();
        return node;
      } catch (RuntimeException e) {
        node.close();
        throw e;
      }
    }
  }

  /** A builder for a node of {@code cluster} running {@code binaries}. */
  public static Builder builder(NodeBinaries binaries, ControlPlane cluster) {
    return new Builder(binaries, cluster);
  }

  private RealNode(Builder config) {
    this.config = config;
    this.layout = createLayout(config);
  }

  private static NodeLayout createLayout(Builder config) {
    SecureRandom random = new SecureRandom();
    for (int attempt = 0; attempt < 10; attempt++) {
      byte[] bytes = new byte[3];
      random.nextBytes(bytes);
      String id = HexFormat.of().formatHex(bytes);
      Path root = Path.of("/tmp", "dra4j-node-" + id);
      try {
        Files.createDirectory(root);
        Path logs =
            Files.createDirectories(
                config.logDir.toAbsolutePath().resolve("node-" + config.name + "-" + id));
        return new NodeLayout(root, logs, id);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another node's id; pick again
      } catch (IOException e) {
        throw new NodeException("cannot create the node's directories in /tmp", e);
      }
    }
    throw new NodeException("no unused /tmp/dra4j-node-* directory after 10 attempts");
  }

  private void startAll() {
    long started = System.nanoTime();
    Instant deadline = Instant.now().plus(config.startTimeout);
    try {
      for (Path dir :
          List.of(
              layout.registrarDir(),
              layout.pluginsDir(),
              layout.cdiDir(),
              layout.cniConfDir(),
              layout.privateDev(),
              layout.containerdSocket().getParent(),
              layout.root().resolve("pki"))) {
        Files.createDirectories(dir);
      }
      Files.writeString(
          layout.root().resolve("containerd.toml"),
          NodeConfigs.containerd(layout, config.binaries));
      Files.writeString(
          layout.cniConfDir().resolve("10-dra4j.conflist"), NodeConfigs.cniNetwork(layout));
      Files.writeString(layout.root().resolve("private-dev.sh"), NodeConfigs.privateDevScript());
    } catch (IOException e) {
      throw new NodeException("cannot write the node's configuration into " + layout.root(), e);
    }
    createCgroupRoot();

    String path = config.binaries.binDir() + ":" + System.getenv().getOrDefault("PATH", "");
    containerd =
        launch(
            "containerd",
            List.of(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                layout.root().resolve("private-dev.sh").toString(),
                layout.privateDev().toString(),
                config.devices.toString(),
                config.binaries.binDir().resolve("containerd").toString(),
                "--config",
                layout.root().resolve("containerd.toml").toString()),
            Map.of("PATH", path));
    await(containerd, deadline, "answering on " + layout.containerdSocket(), () -> ctr("version"));
    long importing = System.nanoTime();
    List<Path> images = new ArrayList<>(config.binaries.images());
    images.addAll(config.images);
    for (Path image : images) {
      if (!ctr("images", "import", image.toString())) {
        throw new NodeException(
            "ctr could not import " + image + " into containerd; " + containerd.tail(20));
      }
    }
    LOG.info(
        "Node {} imported {} images in {} ms",
        config.name,
        images.size(),
        (System.nanoTime() - importing) / 1_000_000);

    healthzPort = freePort();
    int port = freePort();
    Map<String, Boolean> gates = new LinkedHashMap<>(config.featureGates);
    try {
      Files.writeString(
          layout.root().resolve("kubelet.yaml"),
          NodeConfigs.kubelet(layout, port, healthzPort, gates));
    } catch (IOException e) {
      throw new NodeException("cannot write the kubelet configuration", e);
    }
    // The kubelet shares containerd's mount namespace, as on a real node: the volumes it mounts
    // (tmpfs for projected tokens and memory emptyDirs) are what containerd binds into containers.
    List<String> command =
        new ArrayList<>(
            List.of(
                "nsenter",
                "--mount=/proc/" + containerd.pid() + "/ns/mnt",
                "--",
                config.binaries.kubelet().toString(),
                "--config=" + layout.root().resolve("kubelet.yaml"),
                "--kubeconfig=" + config.cluster.kubeconfig(),
                "--root-dir=" + layout.kubeletRoot(),
                "--cert-dir=" + layout.root().resolve("pki"),
                "--hostname-override=" + config.name,
                "--v=2"));
    if (!config.labels.isEmpty()) {
      command.add(
          "--node-labels="
              + config.labels.entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(",")));
    }
    if (!config.taints.isEmpty()) {
      command.add("--register-with-taints=" + String.join(",", config.taints));
    }
    kubelet = launch("kubelet", command, Map.of("PATH", path));
    awaitReady(deadline);
    startupTime = Duration.ofNanos(System.nanoTime() - started);
    LOG.info(
        "Node {} ready in {} ms (state in {}, logs in {})",
        config.name,
        startupTime.toMillis(),
        layout.root(),
        layout.logs());
  }

  private void awaitReady(Instant deadline) {
    KubeObjects objects = KubeObjects.of(config.cluster.adminClient());
    await(
        kubelet,
        deadline,
        "healthy and its Node " + config.name + " Ready",
        () ->
            probe.healthy("http://127.0.0.1:" + healthzPort + "/healthz", Optional.empty())
                && objects.find("v1", "Node", "", config.name).map(RealNode::ready).orElse(false));
  }

  private static boolean ready(JsonObject node) {
    JsonElement conditions = node.getAsJsonObject("status").get("conditions");
    if (conditions == null) {
      return false;
    }
    for (JsonElement c : conditions.getAsJsonArray()) {
      JsonObject o = c.getAsJsonObject();
      if ("Ready".equals(o.get("type").getAsString())) {
        return "True".equals(o.get("status").getAsString());
      }
    }
    return false;
  }

  /** Creates the node's cgroup in every v1 hierarchy; cpuset needs its parent's cpus and mems. */
  private void createCgroupRoot() {
    for (String controller : HostSupport.CONTROLLERS) {
      Path parent = Path.of("/sys/fs/cgroup", controller);
      Path dir = parent.resolve(layout.cgroupName());
      try {
        Files.createDirectories(dir);
        if (controller.equals("cpuset")) {
          for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            Files.writeString(dir.resolve(file), Files.readString(parent.resolve(file)).strip());
          }
        }
      } catch (IOException e) {
        throw new NodeException("cannot create the cgroup " + dir, e);
      }
    }
  }

  /** Runs {@code ctr} against this node's containerd in the {@code k8s.io} namespace. */
  private boolean ctr(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                config.binaries.ctr().toString(),
                "--address",
                layout.containerdSocket().toString(),
                "--namespace",
                "k8s.io"));
    command.addAll(List.of(args));
    return NodeTeardown.command(command.toArray(String[]::new));
  }

  /** The Node's name. */
  public String name() {
    return config.name;
  }

  /** Where drivers put their registration sockets ({@code --registrar-dir}). */
  public Path registrarDir() {
    return layout.registrarDir();
  }

  /** Where drivers put their service sockets and checkpoints ({@code --plugins-dir}). */
  public Path pluginsDir() {
    return layout.pluginsDir();
  }

  /** The CDI spec directory containerd reads ({@code --cdi-dir} of the drivers). */
  public Path cdiDir() {
    return layout.cdiDir();
  }

  /** The directory of this node's logs (kubelet, containerd), kept after close. */
  public Path logDir() {
    return layout.logs();
  }

  /** The busybox image, imported into containerd, for pods' containers. */
  public String busyboxImage() {
    return config.binaries.busyboxImage();
  }

  /** From creating the node's directory until the Node was Ready. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * What a container of a pod printed, read from the kubelet's log files (below {@link #logDir()}):
   * the text of each CRI log line, stream prefixes removed. Empty before the container started.
   */
  public List<String> containerOutput(String namespace, String pod, String podUid, String name) {
    Path dir = layout.podLogs().resolve(namespace + "_" + pod + "_" + podUid).resolve(name);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      List<String> lines = new ArrayList<>();
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          String[] parts = line.split(" ", 4);
          lines.add(parts.length == 4 ? parts[3] : line);
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the container log in " + dir, e);
    }
  }

  /** Stops the kubelet (SIGKILL) and starts it again; returns once the Node is Ready again. */
  public void restartKubelet(Duration timeout) {
    kubelet.kill();
    kubelet.restart();
    awaitReady(Instant.now().plus(timeout));
    LOG.info("kubelet of node {} restarted", config.name);
  }

  /** The end of the kubelet's and containerd's logs, for failure messages. */
  public String diagnostics() {
    StringBuilder text = new StringBuilder();
    for (Daemon d : daemons) {
      text.append(d.name())
          .append(d.alive() ? " (running): " : " (exited): ")
          .append(d.tail(30))
          .append('\n');
    }
    return text.toString();
  }

  /** Stops the kubelet and containerd and removes the node's processes, mounts and cgroups. */
  @Override
  public void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      daemons.get(i).stop();
    }
    daemons.clear();
    NodeTeardown.run(layout);
    LOG.info("Node {} stopped; logs in {}", config.name, layout.logs());
  }

  private Daemon launch(String name, List<String> command, Map<String, String> env) {
    Daemon daemon = Daemon.start(name, command, env, layout.logs().resolve(name + ".log"));
    daemons.add(daemon);
    return daemon;
  }

  private static void await(Daemon daemon, Instant deadline, String what, BooleanSupplier ready) {
    while (!ready.getAsBoolean()) {
      daemon.checkAlive("before it was " + what);
      if (Instant.now().isAfter(deadline)) {
        throw new NodeException(
            daemon.name() + " was not " + what + " before the start timeout; " + daemon.tail(40));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NodeException("interrupted while starting " + daemon.name(), e);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new NodeException("no free TCP port on this machine", e);
    }
  }
}
