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
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.fixtures.HostLayout;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole DRA cluster in one process: an in-memory API server, N simulated nodes each with a
 * simulated kubelet and the drivers under test as real {@link DriverRuntime}s on real unix sockets
 * (publishing ResourceSlices and looking up claims through the API server), and a scheduler that
 * allocates pods' claims with the testkit's structured allocator.
 *
 * <pre>{@code
 * try (DraCluster cluster = DraCluster.builder()
 *     .provider(NeuronDeviceProvider::new).nodes(1).instanceType("trn2.48xlarge").start()) {
 *   cluster.apply(Path.of("deploy/deviceclass.yaml"));
 *   PodRun run = cluster.runPod(PodSpec.pod("p").claimFromTemplate("accel", "four").build());
 *   run.container().env();
 * }
 * }</pre>
 *
 * <p>Usable without JUnit; the JUnit extension ({@code io.dra4j.testkit.junit}) wraps it. Methods
 * are thread-safe; scheduling is serialized like the scheduler's. Every failure message ends with
 * {@link #describe()}: the slices, the claims, the pods and each kubelet's view.
 *
 * <p>The cluster's own parts (resourceclaim controller, scheduler, kubelet slice wiping, report)
 * talk to the API server over HTTP with JSON objects only; the drivers use their own client-java
 * connections, as in a real cluster.
 */
public final class DraCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DraCluster.class);

  /** The label the node fixtures' instance type is published under. */
  public static final String INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

  /** The annotation the resourceclaim controller puts on generated claims. */
  public static final String POD_CLAIM_NAME_ANNOTATION = "resource.kubernetes.io/pod-claim-name";

  private final Builder config;
  private final FakeApiServer api;
  private final ApiRest rest;
  private final ManifestApplier manifests;
  private final ClusterNodes nodes;
  private final ClusterReport report;
  private final PodLifecycle pods;
  private final PublishedDevices published;
  private volatile Duration startupTime = Duration.ZERO;
  private volatile boolean closed;

  private DraCluster(Builder config) {
    this.config = config;
    FakeApiServer server = FakeApiServer.start().emulateMinorVersion(config.version.minor());
    config.version.apiServerGates().forEach(server::featureGate);
    this.api = server;
    this.rest = new ApiRest(api.url());
    this.manifests = new ManifestApplier(rest);
    Supplier<String> describe = this::describe;
    DriverLauncher launcher =
        new DriverLauncher(api::client, config.settings, config.deviceMetadata, describe);
    try {
      this.nodes =
          new ClusterNodes(
              rest, config.instanceType, config.hostTrees, config.wipingDelay, launcher, describe);
    } catch (RuntimeException | Error e) {
      rest.close();
      api.close();
      throw e;
    }
    this.report = new ClusterReport(nodes.root(), rest, nodes::all);
    this.pods = PodLifecycle.create(rest, nodes, config.version, config.drivers, describe);
    this.published = new PublishedDevices(rest);
  }

  /** Starts configuring a cluster. */
  public static Builder builder() {
    return new Builder();
  }

  private DraCluster startAll() {
    long t0 = System.nanoTime();
    try {
      List<Supplier<? extends DeviceProvider>> providers = config.providers();
      for (int i = 1; i <= config.nodes; i++) {
        nodes.start("node-" + i, providers);
      }
      nodes.awaitReady(config.startTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting the cluster", e);
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
    startupTime = Duration.ofNanos(System.nanoTime() - t0);
    LOG.info(
        "cluster ready in {} ms: {} node(s), drivers {}",
        startupTime.toMillis(),
        nodes.all().size(),
        drivers());
    return this;
  }

  /** The in-memory API server. */
  public FakeApiServer api() {
    return api;
  }

  /** A new client-java client for the API server, released by the caller (ApiClients.release). */
  public ApiClient client() {
    return api.client();
  }

  /** The nodes, {@code node-1} first. */
  public List<SimulatedNode> nodes() {
    return nodes.all();
  }

  /** A node by name; throws IllegalArgumentException naming the nodes there are. */
  public SimulatedNode node(String name) {
    return nodes.get(name);
  }

  /** The drivers running on every node. */
  public List<String> drivers() {
    return nodes.drivers();
  }

  /** How long {@link Builder#start()} took from the first node to every driver published. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Creates or replaces the objects of a (multi-document) YAML or JSON text: DeviceClasses,
   * ResourceClaimTemplates, ResourceClaims, DeviceTaintRules, Pods (pods applied this way are not
   * scheduled; use {@link #runPod}). A {@code status} given is stored too, so tests can apply
   * allocated claims. After a DeviceTaintRule, {@link #evictTaintedPods()} runs.
   *
   * @return the stored objects, with uid and resourceVersion
   * @throws IllegalArgumentException when an object is of a kind the cluster does not serve or the
   *     API server rejects it
   */
  public List<JsonObject> apply(String yaml) {
    List<JsonObject> stored = manifests.apply(yaml);
    if (stored.stream().anyMatch(o -> "DeviceTaintRule".equals(JsonFields.string(o, "kind")))) {
      pods.evictTainted();
    }
    return stored;
  }

  /**
   * Runs the device taint eviction controller once: deletes, like {@link #deletePod}, each running
   * pod holding a device with an untolerated {@code NoExecute} taint (slice or DeviceTaintRule).
   *
   * @return the evicted pods ({@code namespace/name}) with the reason
   */
  public Map<String, String> evictTaintedPods() {
    requireOpen();
    return pods.evictTainted();
  }

  /** Creates or replaces the DeviceClass {@code driver} selecting all the driver's devices. */
  public JsonObject applyDeviceClass(String driver) {
    return apply(ManifestApplier.deviceClassFor(driver)).get(0);
  }

  /** Creates or replaces a template in {@code default}: one request for {@code count} devices. */
  public JsonObject applyClaimTemplate(String name, String request, String deviceClass, int count) {
    return apply(ManifestApplier.claimTemplate(name, request, deviceClass, count)).get(0);
  }

  /** Applies a YAML file; see {@link #apply(String)}. */
  public List<JsonObject> apply(Path yamlFile) {
    try {
      return apply(Files.readString(yamlFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + yamlFile.toAbsolutePath(), e);
    }
  }

  /** All ResourceSlices, by name, as client-java models. */
  public List<V1ResourceSlice> slices() {
    return published.slices();
  }

  /** The devices a driver published for a node, in slice order. */
  public List<ClusterDevice> devices(String driver, String node) {
    return published.devices(driver, node);
  }

  /**
   * Waits until the driver's slices for the node hold exactly {@code deviceCount} devices.
   *
   * @return those devices
   * @throws AssertionError with {@link #describe()} when they do not within the start timeout
   */
  public List<ClusterDevice> awaitPublished(String driver, String node, int deviceCount) {
    node(node);
    return published.await(driver, node, deviceCount, config.startTimeout, this::describe);
  }

  /** Runs a pod built in code; see {@link #runPod(String)}. */
  public PodRun runPod(PodSpec pod) {
    requireOpen();
    return pods.run(pod.object());
  }

  /**
   * Runs a pod like the control plane and the kubelet would: creates the Pod; creates a claim per
   * {@code spec.resourceClaims[].resourceClaimTemplateName} (named {@code <pod>-<claim>-xxxxx},
   * owned by the pod, recorded in the pod's {@code status.resourceClaimStatuses}) or uses the named
   * {@code resourceClaimName}; schedules it by trying the nodes in order with the allocator (all
   * claims of the pod together); writes each claim's {@code status.allocation} and {@code
   * status.reservedFor}; binds the pod; and has the node's kubelet prepare it.
   *
   * @return the outcome; an unschedulable pod stays Pending and carries the allocator's explanation
   * @throws IllegalArgumentException when the pod or a referenced template or claim is missing or
   *     malformed
   */
  public PodRun runPod(String podYaml) {
    List<JsonObject> docs = ManifestApplier.documents(podYaml);
    if (docs.size() != 1 || !"Pod".equals(JsonFields.string(docs.get(0), "kind"))) {
      throw new IllegalArgumentException(
          "runPod needs exactly one object of kind Pod, got "
              + docs.stream().map(d -> JsonFields.string(d, "kind")).toList());
    }
    requireOpen();
    return pods.run(docs.get(0));
  }

  /**
   * What {@code driver} reports in the claim's {@code status.devices}, by {@code pool/device}
   * (share ID appended as {@code /share} when set); empty when the claim is gone or has no entry of
   * the driver.
   */
  public Map<String, DeviceStatus> deviceStatus(ClaimRef claim, String driver) {
    return rest.get(ApiPaths.claim(claim.namespace(), claim.name()))
        .map(c -> ClaimViews.deviceStatus(c, driver))
        .orElse(Map.of());
  }

  /**
   * Sets a condition in the claim's {@code status.devices} entry of a device, as a driver would,
   * and has the scheduler re-check the pods it holds for binding conditions ({@link
   * PodRun#binding()}; also done on every lookup of pods). Throws when the claim is not allocated.
   */
  public void setDeviceCondition(
      ClaimRef claim, String driver, String pool, String device, String type, boolean status) {
    requireOpen();
    DeviceConditions.set(rest, claim, driver, pool, device, type, status);
    pods.recheckBindings();
  }

  /** The last {@link #runPod} outcome of a pod still in the cluster. */
  public Optional<PodRun> pod(String namespace, String name) {
    return pods.get(namespace, name);
  }

  /** The pods run by this cluster and not deleted, in run order. */
  public List<PodRun> pods() {
    return pods.all();
  }

  /** Deletes every pod run by this cluster, newest first; see {@link #deletePod}. */
  public void deleteAllPods() {
    requireOpen();
    pods.deleteAll();
  }

  /** Deletes a pod of namespace {@code default}; see {@link #deletePod(String, String)}. */
  public void deletePod(String name) {
    deletePod("default", name);
  }

  /**
   * Deletes a pod like the kubelet and the control plane: the kubelet unprepares its claims, the
   * pod is removed from each claim's {@code reservedFor}, a claim no longer reserved is deallocated
   * (or deleted when it was generated for the pod), and the pod is deleted.
   *
   * @throws IllegalArgumentException when the pod was not run by this cluster
   * @throws IllegalStateException when the kubelet cannot unprepare the claims (the pod stays)
   */
  public void deletePod(String namespace, String name) {
    requireOpen();
    pods.delete(namespace, name);
  }

  /**
   * The cluster's state for a failure message: ResourceSlices (devices per driver and node),
   * ResourceClaims (allocation and reservedFor), pods, and each kubelet's registrations, claims and
   * events.
   */
  public String describe() {
    return report.describe();
  }

  @Override
  public String toString() {
    return "DraCluster" + nodes;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the cluster is closed");
    }
  }

  /**
   * Stops every driver (slices stay) and kubelet, deletes the temporary directories, stops the
   * controllers' HTTP client and the API server; every thread and socket of the cluster has ended
   * when it returns. Clients from {@link #client()} are the caller's to release. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    nodes.close();
    rest.close();
    api.close();
  }

  /**
   * Configures a {@link DraCluster}. Without providers, every {@link DeviceProvider} registered
   * with {@link java.util.ServiceLoader} runs on every node.
   */
  public static final class Builder {
    private final List<Supplier<? extends DeviceProvider>> providers = new ArrayList<>();
    private int nodes = 1;
    private Optional<String> instanceType = Optional.empty();
    private final List<HostLayout> hostTrees = new ArrayList<>();
    private final Map<String, String> settings = new TreeMap<>();
    private Duration startTimeout = Duration.ofSeconds(20);
    private Duration wipingDelay = Duration.ofSeconds(30);
    private boolean deviceMetadata;
    private ClusterVersion version = ClusterVersion.NEWEST;
    private boolean drivers = true;

    private Builder() {}

    /** Runs no driver: slices come from {@code apply}; pods are bound but not prepared. */
    public Builder withoutDrivers() {
      this.drivers = false;
      return this;
    }

    /**
     * The Kubernetes release the cluster behaves as, {@code "1.34"} to {@code "1.37"}; default the
     * newest. The API server validates slices with its rules, the scheduler allocates with its
     * features.
     */
    public Builder kubernetesVersion(String version) {
      this.version = this.version.withRelease(version);
      return this;
    }

    /**
     * Turns a feature gate on or off for the API server and the scheduler; default as upstream.
     * Today {@code DRAListTypeAttributes} (alpha, off: list attributes, {@code includes()}, set
     * semantics of {@code matchAttribute} and {@code distinctAttribute}) is the one that matters.
     */
    public Builder featureGate(String gate, boolean enabled) {
      this.version = this.version.withGate(gate, enabled);
      return this;
    }

    /** A driver under test; the factory is called once per node. */
    public Builder provider(Supplier<? extends DeviceProvider> factory) {
      providers.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /** A driver under test, instantiated per node with its public no-argument constructor. */
    public Builder provider(Class<? extends DeviceProvider> type) {
      Objects.requireNonNull(type, "type");
      return provider(ProviderFactories.of(type));
    }

    /** How many nodes ({@code node-1}...); default 1. */
    public Builder nodes(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("a cluster needs at least one node, got " + count);
      }
      this.nodes = count;
      return this;
    }

    /**
     * Gives every node the fixture host tree of an instance type ({@link
     * NodeFixtures#instanceTypes()}) and its {@value #INSTANCE_TYPE_LABEL} label; default none (an
     * empty host tree).
     */
    public Builder instanceType(String instanceType) {
      if (!NodeFixtures.instanceTypes().contains(instanceType)) {
        throw new IllegalArgumentException(
            "no node fixture for instance type '"
                + instanceType
                + "': use one of "
                + NodeFixtures.instanceTypes());
      }
      this.instanceType = Optional.of(instanceType);
      return this;
    }

    /** Lays out every node's host tree after the fixture: a {@code HostTree} dir, or code. */
    public Builder hostTree(HostLayout layout) {
      hostTrees.add(Objects.requireNonNull(layout, "layout"));
      return this;
    }

    /** A driver setting ({@code DriverContext.settings()}) given to every driver. */
    public Builder setting(String key, String value) {
      settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Runs every driver with device metadata for containers on ({@code
     * DriverRuntime.Builder.deviceMetadata}); default off. A pod's {@code container()} then holds
     * the metadata mounts, readable with {@code ContainerView.readFile}.
     */
    public Builder deviceMetadata(boolean enabled) {
      this.deviceMetadata = enabled;
      return this;
    }

    /** How long registration and publishing may take at start; default 20 s. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * How long a kubelet waits, after a driver's last instance on its node went away, before it
     * deletes that driver's slices of the node; default 30 s, as the kubelet.
     */
    public Builder sliceWipingDelay(Duration delay) {
      this.wipingDelay = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /**
     * Starts the API server, the nodes and the drivers, and returns once every driver is registered
     * with its kubelet and its slices are written.
     *
     * @throws IllegalStateException when a driver fails to start, with the cluster's state
     */
    public DraCluster start() {
      return new DraCluster(this).startAll();
    }

    List<Supplier<? extends DeviceProvider>> providers() {
      return ProviderFactories.forCluster(providers, drivers);
    }
  }
}
