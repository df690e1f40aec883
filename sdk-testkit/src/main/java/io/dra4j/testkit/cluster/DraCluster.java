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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.DeviceProvider;
import io.dra4j.api.HostPaths;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.kube.KubeBackend;
import io.dra4j.testkit.allocator.AllocationOutcome;
import io.dra4j.testkit.allocator.Allocator;
import io.dra4j.testkit.allocator.ClusterState;
import io.dra4j.testkit.allocator.Explanation;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.cdi.CdiInjectionException;
import io.dra4j.testkit.cdi.ContainerView;
import io.dra4j.testkit.cel.DeviceCel;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.kubelet.PodPrepareResult;
import io.dra4j.testkit.kubelet.PodUnprepareResult;
import io.dra4j.testkit.kubelet.SimulatedKubelet;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1AllocationResult;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1DeviceAttribute;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

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
 */
public final class DraCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DraCluster.class);

  /** The label the node fixtures' instance type is published under. */
  public static final String INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

  /** The annotation the resourceclaim controller puts on generated claims. */
  public static final String POD_CLAIM_NAME_ANNOTATION = "resource.kubernetes.io/pod-claim-name";

  private final Builder config;
  private final Path root;
  private final FakeApiServer api;
  private final ApiRest rest;
  private DeviceCel cel;
  private final Map<String, SimulatedNode> nodes = new LinkedHashMap<>();
  private final Map<String, PodRun> pods = new LinkedHashMap<>();
  private final Object scheduling = new Object();
  private volatile Duration startupTime = Duration.ZERO;
  private volatile boolean closed;

  private DraCluster(Builder config) {
    this.config = config;
    try {
      this.root = Files.createTempDirectory(Path.of("/tmp"), "dra4j-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory below /tmp", e);
    }
    try {
      this.api = FakeApiServer.start();
    } catch (RuntimeException | Error e) {
      deleteTree(root);
      throw e;
    }
    this.rest = new ApiRest(api.url());
  }

  /** Starts configuring a cluster. */
  public static Builder builder() {
    return new Builder();
  }

  private DraCluster startAll() {
    long t0 = System.nanoTime();
    try {
      for (int i = 1; i <= config.nodes; i++) {
        startNode("node-" + i);
      }
      for (SimulatedNode node : nodes.values()) {
        for (String driver : node.drivers()) {
          node.kubelet().awaitRegistered(driver, config.startTimeout);
          KubeBackend backend = node.backends().get(driver);
          if (!backend.publisher().awaitSynced(config.startTimeout)) {
            throw new IllegalStateException(
                "the ResourceSlices of driver "
                    + driver
                    + " on node "
                    + node.name()
                    + " were not written within "
                    + config.startTimeout
                    + "\n"
                    + describe());
          }
        }
      }
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
        nodes.size(),
        drivers());
    return this;
  }

  private void startNode(String name) {
    Path dir = root.resolve("n" + name.substring(name.lastIndexOf('-') + 1));
    Optional<NodeFixture> fixture =
        config.instanceType.map(t -> NodeFixtures.write(t, dir.resolve("host")));
    HostPaths host =
        fixture.map(NodeFixture::hostPaths).orElse(HostPaths.under(dir.resolve("host")));
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
    api.apply(nodeObject(name));
    SimulatedKubelet kubelet =
        SimulatedKubelet.builder()
            .nodeName(name)
            .registrarDir(dir.resolve("registry"))
            .pluginsDir(dir.resolve("plugins"))
            .cdiDirs(List.of(dir.resolve("cdi")))
            .sliceWiper(this::wipeSlices)
            .wipingDelay(config.wipingDelay)
            .build()
            .start();
    SimulatedNode node = new SimulatedNode(name, dir, fixture, host, kubelet);
    nodes.put(name, node);
    for (Supplier<? extends DeviceProvider> factory : config.providers()) {
      DeviceProvider provider = factory.get();
      String driver = provider.driverName();
      KubeBackend backend = KubeBackend.connectOwned(api.client(), driver, name);
      DriverRuntime runtime =
          DriverRuntime.builder(provider)
              .nodeName(name)
              .registrarDir(node.registrarDir())
              .pluginsDir(node.pluginsDir())
              .cdiDir(node.cdiDir())
              .hostPaths(host)
              .claimLookup(backend.claimLookup())
              .publisher(backend.publisher())
              .nodeAllocatable(backend::nodeAllocatable)
              .settings(config.settings)
              .shutdownTimeout(Duration.ofSeconds(5))
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
                + describe(),
            e);
      }
      node.add(runtime, backend);
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
    config.instanceType.ifPresent(t -> labels.addProperty(INSTANCE_TYPE_LABEL, t));
    meta.add("labels", labels);
    node.add("metadata", meta);
    return node;
  }

  /** The kubelet's wiping: deletes the driver's slices of this node from the API server. */
  private void wipeSlices(String driver, String node) {
    for (JsonObject s : api.list("resourceslices")) {
      if (driver.equals(ModelJson.str(s, "spec", "driver"))
          && node.equals(ModelJson.str(s, "spec", "nodeName"))) {
        api.delete("resourceslices", "", ModelJson.str(s, "metadata", "name"));
      }
    }
  }

  // ---- access ---------------------------------------------------------------------------------

  /** The in-memory API server. */
  public FakeApiServer api() {
    return api;
  }

  /**
   * A new client-java client for the API server; the caller owns it and releases its connections
   * with {@link io.dra4j.runtime.kube.ApiClients#release(ApiClient)}.
   */
  public ApiClient client() {
    return api.client();
  }

  /** The nodes, {@code node-1} first. */
  public List<SimulatedNode> nodes() {
    return List.copyOf(nodes.values());
  }

  /**
   * A node by name.
   *
   * @throws IllegalArgumentException naming the nodes there are
   */
  public SimulatedNode node(String name) {
    SimulatedNode n = nodes.get(name);
    if (n == null) {
      throw new IllegalArgumentException(
          "no node " + name + " in the cluster; nodes are " + nodes.keySet());
    }
    return n;
  }

  /** The drivers running on every node. */
  public List<String> drivers() {
    return nodes.isEmpty() ? List.of() : nodes.values().iterator().next().drivers();
  }

  /** How long {@link Builder#start()} took from the first node to every driver published. */
  public Duration startupTime() {
    return startupTime;
  }

  // ---- objects ---------------------------------------------------------------------------------

  /**
   * Creates or replaces the objects of a (multi-document) YAML or JSON text: DeviceClasses,
   * ResourceClaimTemplates, ResourceClaims, Pods (pods applied this way are not scheduled; use
   * {@link #runPod}).
   */
  public List<JsonObject> apply(String yaml) {
    return api.apply(yaml);
  }

  /**
   * Creates or replaces the DeviceClass named after {@code driver} that selects all its devices
   * ({@code device.driver == "<driver>"}), the usual class of a single-purpose driver.
   */
  public JsonObject applyDeviceClass(String driver) {
    return api.apply(
            """
            apiVersion: resource.k8s.io/v1
            kind: DeviceClass
            metadata: {name: %s}
            spec:
              selectors:
              - cel: {expression: 'device.driver == "%s"'}
            """
                .formatted(driver, driver))
        .get(0);
  }

  /**
   * Creates or replaces a ResourceClaimTemplate in namespace {@code default} with one request,
   * named {@code request}, for {@code count} devices of {@code deviceClass}.
   */
  public JsonObject applyClaimTemplate(String name, String request, String deviceClass, int count) {
    return api.apply(
            """
            apiVersion: resource.k8s.io/v1
            kind: ResourceClaimTemplate
            metadata: {name: %s, namespace: default}
            spec:
              spec:
                devices:
                  requests:
                  - name: %s
                    exactly: {deviceClassName: %s, allocationMode: ExactCount, count: %d}
            """
                .formatted(name, request, deviceClass, count))
        .get(0);
  }

  /** Applies a YAML file; see {@link #apply(String)}. */
  public List<JsonObject> apply(Path yamlFile) {
    try {
      return apply(Files.readString(yamlFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + yamlFile.toAbsolutePath(), e);
    }
  }

  /** All ResourceSlices, by name. */
  public List<V1ResourceSlice> slices() {
    List<V1ResourceSlice> out =
        new ArrayList<>(ModelJson.models(api.list("resourceslices"), V1ResourceSlice.class));
    out.sort(Comparator.comparing(s -> s.getMetadata().getName()));
    return out;
  }

  /** The devices a driver published for a node, in slice order. */
  public List<V1Device> devices(String driver, String node) {
    List<V1Device> out = new ArrayList<>();
    for (V1ResourceSlice s : slices()) {
      if (driver.equals(s.getSpec().getDriver()) && node.equals(s.getSpec().getNodeName())) {
        out.addAll(nullToEmpty(s.getSpec().getDevices()));
      }
    }
    return out;
  }

  /**
   * Waits until the driver's slices for the node hold exactly {@code deviceCount} devices.
   *
   * @return those devices
   * @throws AssertionError with {@link #describe()} when they do not within the start timeout
   */
  public List<V1Device> awaitPublished(String driver, String node, int deviceCount) {
    node(node);
    long deadline = System.nanoTime() + config.startTimeout.toNanos();
    while (true) {
      List<V1Device> devices = devices(driver, node);
      if (devices.size() == deviceCount) {
        return devices;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "driver "
                + driver
                + " published "
                + devices.size()
                + " devices for node "
                + node
                + ", expected "
                + deviceCount
                + " within "
                + config.startTimeout.toMillis()
                + " ms\n"
                + describe());
      }
      sleep(20);
    }
  }

  // ---- pods -----------------------------------------------------------------------------------

  /** Runs a pod built in code; see {@link #runPod(String)}. */
  public PodRun runPod(PodSpec pod) {
    return runPod(pod.object());
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
    List<JsonObject> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(podYaml)) {
      if (doc != null) {
        docs.add(ModelJson.gson().toJsonTree(doc).getAsJsonObject());
      }
    }
    if (docs.size() != 1 || !"Pod".equals(ModelJson.str(docs.get(0), "kind"))) {
      throw new IllegalArgumentException(
          "runPod needs exactly one object of kind Pod, got "
              + docs.stream().map(d -> ModelJson.str(d, "kind")).toList());
    }
    return runPod(docs.get(0));
  }

  private PodRun runPod(JsonObject pod) {
    requireOpen();
    synchronized (scheduling) {
      String ns = ModelJson.str(pod, "metadata", "namespace");
      if (ns.isEmpty()) {
        ns = "default";
        pod.getAsJsonObject("metadata").addProperty("namespace", ns);
      }
      pod.remove("status");
      try {
        return schedulePod(pod, ns);
      } catch (ApiRest.ApiCallException e) {
        throw new IllegalStateException(
            "running pod "
                + ns
                + "/"
                + ModelJson.str(pod, "metadata", "name")
                + ": "
                + e.getMessage()
                + "\n"
                + describe(),
            e);
      }
    }
  }

  private PodRun schedulePod(JsonObject pod, String ns) {
    JsonObject created = rest.create(ApiRest.podsPath(ns), pod);
    PodRef ref =
        new PodRef(
            ns,
            ModelJson.str(created, "metadata", "name"),
            ModelJson.str(created, "metadata", "uid"));
    List<PodClaimEntry> claims = resolveClaims(created, ref);
    PodRun run = schedule(created, ref, claims);
    pods.put(key(ref.namespace(), ref.name()), run);
    LOG.info(
        "pod {}/{}: {}",
        ns,
        ref.name(),
        run.running()
            ? "running on " + run.node().orElseThrow()
            : run.scheduled() ? "failed to start on " + run.node().orElseThrow() : "unschedulable");
    return run;
  }

  /** A claim of a pod while it is being scheduled. */
  private record PodClaimEntry(String podClaimName, String path, boolean generated) {}

  private List<PodClaimEntry> resolveClaims(JsonObject pod, PodRef ref) {
    List<PodClaimEntry> out = new ArrayList<>();
    JsonArray statuses = new JsonArray();
    for (JsonObject rc : ModelJson.array(pod, "spec", "resourceClaims")) {
      String claimName = ModelJson.str(rc, "name");
      String template = ModelJson.str(rc, "resourceClaimTemplateName");
      String shared = ModelJson.str(rc, "resourceClaimName");
      if (!template.isEmpty()) {
        JsonObject tpl =
            rest.get(ApiRest.templatesPath(ref.namespace()) + "/" + template)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "pod "
                                + ref.name()
                                + " claim "
                                + claimName
                                + " uses ResourceClaimTemplate "
                                + ref.namespace()
                                + "/"
                                + template
                                + ", which does not exist: apply it first\n"
                                + describe()));
        JsonObject claim = generatedClaim(ref, claimName, tpl);
        JsonObject stored = rest.create(ApiRest.claimsPath(ref.namespace()), claim);
        String name = ModelJson.str(stored, "metadata", "name");
        JsonObject status = new JsonObject();
        status.addProperty("name", claimName);
        status.addProperty("resourceClaimName", name);
        statuses.add(status);
        out.add(
            new PodClaimEntry(claimName, ApiRest.claimsPath(ref.namespace()) + "/" + name, true));
      } else if (!shared.isEmpty()) {
        String path = ApiRest.claimsPath(ref.namespace()) + "/" + shared;
        if (rest.get(path).isEmpty()) {
          throw new IllegalArgumentException(
              "pod "
                  + ref.name()
                  + " claim "
                  + claimName
                  + " uses ResourceClaim "
                  + ref.namespace()
                  + "/"
                  + shared
                  + ", which does not exist: apply it first\n"
                  + describe());
        }
        out.add(new PodClaimEntry(claimName, path, false));
      } else {
        throw new IllegalArgumentException(
            "pod "
                + ref.name()
                + " claim "
                + claimName
                + " needs resourceClaimTemplateName or resourceClaimName");
      }
    }
    if (!statuses.isEmpty()) {
      rest.update(
          podPath(ref),
          "/status",
          p -> {
            ModelJson.objOrCreate(p, "status").add("resourceClaimStatuses", statuses);
            return p;
          });
    }
    return out;
  }

  private static JsonObject generatedClaim(PodRef pod, String claimName, JsonObject template) {
    JsonObject claim = new JsonObject();
    claim.addProperty("apiVersion", "resource.k8s.io/v1");
    claim.addProperty("kind", "ResourceClaim");
    JsonObject meta = new JsonObject();
    meta.addProperty("generateName", pod.name() + "-" + claimName + "-");
    meta.addProperty("namespace", pod.namespace());
    JsonObject tplMeta = ModelJson.obj(template, "spec", "metadata");
    if (tplMeta.has("labels")) {
      meta.add("labels", tplMeta.get("labels").deepCopy());
    }
    JsonObject annotations =
        tplMeta.has("annotations")
            ? tplMeta.getAsJsonObject("annotations").deepCopy()
            : new JsonObject();
    annotations.addProperty(POD_CLAIM_NAME_ANNOTATION, claimName);
    meta.add("annotations", annotations);
    JsonObject owner = new JsonObject();
    owner.addProperty("apiVersion", "v1");
    owner.addProperty("kind", "Pod");
    owner.addProperty("name", pod.name());
    owner.addProperty("uid", pod.uid());
    owner.addProperty("controller", true);
    owner.addProperty("blockOwnerDeletion", true);
    JsonArray owners = new JsonArray();
    owners.add(owner);
    meta.add("ownerReferences", owners);
    claim.add("metadata", meta);
    claim.add("spec", ModelJson.obj(template, "spec", "spec").deepCopy());
    return claim;
  }

  private PodRun schedule(JsonObject pod, PodRef ref, List<PodClaimEntry> entries) {
    List<JsonObject> claimJson = new ArrayList<>();
    for (PodClaimEntry e : entries) {
      claimJson.add(rest.get(e.path()).orElseThrow());
    }
    List<Integer> pending = new ArrayList<>();
    Set<String> boundTo = new TreeSet<>();
    for (int i = 0; i < claimJson.size(); i++) {
      JsonObject c = claimJson.get(i);
      if (ModelJson.obj(c, "status").has("allocation")) {
        boundTo.addAll(allocatedNodes(c));
      } else {
        pending.add(i);
      }
    }
    List<V1Node> candidates = new ArrayList<>();
    for (JsonObject n : api.list("nodes")) {
      String name = ModelJson.str(n, "metadata", "name");
      if (nodes.containsKey(name) && (boundTo.isEmpty() || boundTo.contains(name))) {
        candidates.add(ModelJson.model(n, V1Node.class));
      }
    }
    candidates.sort(Comparator.comparing(n -> nodeIndex(n.getMetadata().getName())));
    Optional<String> node = Optional.empty();
    if (!pending.isEmpty()) {
      List<ResourceV1ResourceClaim> toAllocate = new ArrayList<>();
      for (int i : pending) {
        toAllocate.add(ModelJson.model(claimJson.get(i), ResourceV1ResourceClaim.class));
      }
      Allocator allocator = allocator(claimJson, pending);
      AllocationOutcome outcome = allocator.allocateOnAnyNode(candidates, toAllocate);
      if (outcome instanceof AllocationOutcome.Unschedulable u) {
        Explanation why = allocator.explain(candidates, toAllocate);
        markUnschedulable(ref, u.reason());
        return new PodRun(
            ref,
            Optional.empty(),
            claimViews(entries, claimJson, Map.of()),
            Optional.empty(),
            Optional.empty(),
            Optional.of(why));
      }
      AllocationOutcome.Allocated allocated = (AllocationOutcome.Allocated) outcome;
      node = Optional.of(allocated.node());
      for (int k = 0; k < pending.size(); k++) {
        V1AllocationResult result = allocated.results().get(k);
        int i = pending.get(k);
        claimJson.set(i, reserve(entries.get(i).path(), ref, Optional.of(result)));
      }
    } else if (!candidates.isEmpty()) {
      node = Optional.of(candidates.get(0).getMetadata().getName());
    } else {
      throw new IllegalStateException(
          "the claims of pod "
              + ref.name()
              + " are allocated for nodes "
              + boundTo
              + ", none of which is in this cluster\n"
              + describe());
    }
    for (int i = 0; i < claimJson.size(); i++) {
      if (!pending.contains(i)) {
        claimJson.set(i, reserve(entries.get(i).path(), ref, Optional.empty()));
      }
    }
    String nodeName = node.orElseThrow();
    JsonObject bound =
        rest.update(
            podPath(ref),
            "",
            p -> {
              ModelJson.objOrCreate(p, "spec").addProperty("nodeName", nodeName);
              return p;
            });
    V1Pod typedPod = ModelJson.model(bound, V1Pod.class);
    List<ResourceV1ResourceClaim> typedClaims =
        ModelJson.models(claimJson, ResourceV1ResourceClaim.class);
    SimulatedKubelet kubelet = node(nodeName).kubelet();
    PodPrepareResult prepared = kubelet.preparePod(typedPod, typedClaims);
    Optional<ContainerView> view = Optional.empty();
    if (prepared.succeeded()) {
      try {
        view = Optional.of(kubelet.containerView(ref));
      } catch (CdiInjectionException e) {
        throw new IllegalStateException(
            "the container of pod "
                + ref.name()
                + " on node "
                + nodeName
                + " cannot be created: "
                + e.getMessage()
                + "\n"
                + describe(),
            e);
      }
    }
    return new PodRun(
        ref,
        node,
        claimViews(entries, claimJson, deviceIndex()),
        Optional.of(prepared),
        view,
        Optional.empty());
  }

  private Allocator allocator(List<JsonObject> podClaims, List<Integer> pending) {
    Set<String> pendingUids = new TreeSet<>();
    for (int i : pending) {
      pendingUids.add(ModelJson.str(podClaims.get(i), "metadata", "uid"));
    }
    List<ResourceV1ResourceClaim> allocated = new ArrayList<>();
    for (JsonObject c : api.list("resourceclaims")) {
      if (ModelJson.obj(c, "status").has("allocation")
          && !pendingUids.contains(ModelJson.str(c, "metadata", "uid"))) {
        allocated.add(ModelJson.model(c, ResourceV1ResourceClaim.class));
      }
    }
    ClusterState state =
        new ClusterState(
            slices(), ModelJson.models(api.list("deviceclasses"), V1DeviceClass.class), allocated);
    if (cel == null) {
      cel = DeviceCel.create();
    }
    return Allocator.create(state, cel, Allocator.DEFAULT_MAX_STEPS);
  }

  /** Writes the allocation (when given) and adds the pod to {@code status.reservedFor}. */
  private JsonObject reserve(String path, PodRef pod, Optional<V1AllocationResult> allocation) {
    return rest.update(
        path,
        "/status",
        c -> {
          JsonObject status = ModelJson.objOrCreate(c, "status");
          allocation.ifPresent(a -> status.add("allocation", ModelJson.json(a)));
          JsonArray reserved =
              status.has("reservedFor") ? status.getAsJsonArray("reservedFor") : new JsonArray();
          JsonObject consumer = new JsonObject();
          consumer.addProperty("resource", "pods");
          consumer.addProperty("name", pod.name());
          consumer.addProperty("uid", pod.uid());
          if (!reserved.contains(consumer)) {
            reserved.add(consumer);
          }
          status.add("reservedFor", reserved);
          return c;
        });
  }

  private void markUnschedulable(PodRef pod, String reason) {
    rest.update(
        podPath(pod),
        "/status",
        p -> {
          JsonObject status = ModelJson.objOrCreate(p, "status");
          status.addProperty("phase", "Pending");
          JsonObject condition = new JsonObject();
          condition.addProperty("type", "PodScheduled");
          condition.addProperty("status", "False");
          condition.addProperty("reason", "Unschedulable");
          condition.addProperty("message", reason);
          JsonArray conditions = new JsonArray();
          conditions.add(condition);
          status.add("conditions", conditions);
          return p;
        });
  }

  /** The nodes a claim's allocation is restricted to by {@code metadata.name} fields. */
  private static Set<String> allocatedNodes(JsonObject claim) {
    Set<String> out = new TreeSet<>();
    JsonObject selector = ModelJson.obj(claim, "status", "allocation", "nodeSelector");
    for (JsonObject term : ModelJson.array(selector, "nodeSelectorTerms")) {
      for (JsonObject field : ModelJson.array(term, "matchFields")) {
        if ("metadata.name".equals(ModelJson.str(field, "key"))
            && field.has("values")
            && field.get("values").isJsonArray()) {
          for (JsonElement v : field.getAsJsonArray("values")) {
            out.add(v.getAsString());
          }
        }
      }
    }
    return out;
  }

  private Map<String, V1Device> deviceIndex() {
    Map<String, V1Device> index = new TreeMap<>();
    for (V1ResourceSlice s : slices()) {
      for (V1Device d : nullToEmpty(s.getSpec().getDevices())) {
        index.put(
            s.getSpec().getDriver() + "/" + s.getSpec().getPool().getName() + "/" + d.getName(), d);
      }
    }
    return index;
  }

  private static List<PodClaimAllocation> claimViews(
      List<PodClaimEntry> entries, List<JsonObject> claims, Map<String, V1Device> devices) {
    List<PodClaimAllocation> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonObject c = claims.get(i);
      ClaimRef ref =
          new ClaimRef(
              ModelJson.str(c, "metadata", "namespace"),
              ModelJson.str(c, "metadata", "name"),
              ModelJson.str(c, "metadata", "uid"));
      List<ScheduledDevice> scheduled = new ArrayList<>();
      for (JsonObject r : ModelJson.array(c, "status", "allocation", "devices", "results")) {
        String driver = ModelJson.str(r, "driver");
        String pool = ModelJson.str(r, "pool");
        String device = ModelJson.str(r, "device");
        V1Device published = devices.get(driver + "/" + pool + "/" + device);
        scheduled.add(
            new ScheduledDevice(
                ModelJson.str(r, "request"),
                driver,
                pool,
                device,
                published == null ? Map.of() : attributes(published)));
      }
      out.add(
          new PodClaimAllocation(
              entries.get(i).podClaimName(), ref, entries.get(i).generated(), scheduled));
    }
    return out;
  }

  private static Map<String, AttributeValue> attributes(V1Device device) {
    Map<String, AttributeValue> out = new TreeMap<>();
    if (device.getAttributes() == null) {
      return out;
    }
    for (Map.Entry<String, V1DeviceAttribute> e : device.getAttributes().entrySet()) {
      V1DeviceAttribute a = e.getValue();
      if (a.getInt() != null) {
        out.put(e.getKey(), AttributeValue.of(a.getInt()));
      } else if (a.getBool() != null) {
        out.put(e.getKey(), AttributeValue.of(a.getBool()));
      } else if (a.getString() != null) {
        out.put(e.getKey(), AttributeValue.of(a.getString()));
      } else if (a.getVersion() != null) {
        out.put(e.getKey(), AttributeValue.version(a.getVersion()));
      }
    }
    return out;
  }

  /** The last {@link #runPod} outcome of a pod still in the cluster. */
  public Optional<PodRun> pod(String namespace, String name) {
    synchronized (scheduling) {
      return Optional.ofNullable(pods.get(key(namespace, name)));
    }
  }

  /** The pods run by this cluster and not deleted, in run order. */
  public List<PodRun> pods() {
    synchronized (scheduling) {
      return List.copyOf(pods.values());
    }
  }

  /**
   * Deletes every pod run by this cluster, newest first; see {@link #deletePod(String, String)}.
   */
  public void deleteAllPods() {
    List<PodRun> all = new ArrayList<>(pods());
    java.util.Collections.reverse(all);
    for (PodRun run : all) {
      deletePod(run.pod().namespace(), run.pod().name());
    }
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
    synchronized (scheduling) {
      PodRun run = pods.get(key(namespace, name));
      if (run == null) {
        throw new IllegalArgumentException(
            "pod "
                + namespace
                + "/"
                + name
                + " was not run by this cluster; pods are "
                + pods.keySet());
      }
      if (run.node().isPresent()) {
        PodUnprepareResult result = node(run.node().get()).kubelet().unpreparePod(run.pod());
        if (!result.succeeded()) {
          throw new IllegalStateException(
              "the kubelet of node "
                  + run.node().get()
                  + " could not unprepare pod "
                  + namespace
                  + "/"
                  + name
                  + ": "
                  + result.errors()
                  + "\n"
                  + describe());
        }
      }
      try {
        for (PodClaimAllocation claim : run.claims()) {
          release(claim, run.pod());
        }
        rest.delete(podPath(run.pod()));
      } catch (ApiRest.ApiCallException e) {
        throw new IllegalStateException(
            "deleting pod " + namespace + "/" + name + ": " + e.getMessage() + "\n" + describe(),
            e);
      }
      pods.remove(key(namespace, name));
      LOG.info("pod {}/{} deleted", namespace, name);
    }
  }

  private void release(PodClaimAllocation claim, PodRef pod) {
    String path = ApiRest.claimsPath(claim.claim().namespace()) + "/" + claim.claim().name();
    if (rest.get(path).isEmpty()) {
      return;
    }
    JsonObject updated =
        rest.update(
            path,
            "/status",
            c -> {
              JsonObject status = ModelJson.objOrCreate(c, "status");
              JsonArray kept = new JsonArray();
              for (JsonObject r : ModelJson.array(status, "reservedFor")) {
                if (!pod.uid().equals(ModelJson.str(r, "uid"))) {
                  kept.add(r);
                }
              }
              if (kept.isEmpty()) {
                status.remove("reservedFor");
                status.remove("allocation");
              } else {
                status.add("reservedFor", kept);
              }
              return c;
            });
    if (claim.generated() && !ModelJson.obj(updated, "status").has("reservedFor")) {
      rest.delete(path);
    }
  }

  private static String podPath(PodRef pod) {
    return ApiRest.podsPath(pod.namespace()) + "/" + pod.name();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static int nodeIndex(String name) {
    try {
      return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  // ---- diagnostics ------------------------------------------------------------------------------

  /**
   * The cluster's state for a failure message: ResourceSlices (devices per driver and node),
   * ResourceClaims (allocation and reservedFor), pods, and each kubelet's registrations, claims and
   * events.
   */
  public String describe() {
    StringBuilder b = new StringBuilder("---- DRA cluster (").append(root).append(") ----\n");
    section(b, "ResourceSlices", api.list("resourceslices"), DraCluster::describeSlice);
    section(b, "ResourceClaims", api.list("resourceclaims"), DraCluster::describeClaim);
    section(b, "Pods", api.list("pods"), DraCluster::describePod);
    for (SimulatedNode n : nodes.values()) {
      b.append(n.kubelet().describe()).append('\n');
    }
    return b.toString();
  }

  private static void section(
      StringBuilder b, String title, List<JsonObject> objects, Function<JsonObject, String> line) {
    b.append(title).append(":\n");
    if (objects.isEmpty()) {
      b.append("  (none)\n");
    }
    for (JsonObject o : objects) {
      b.append("  ").append(line.apply(o)).append('\n');
    }
  }

  private static String describeSlice(JsonObject s) {
    List<String> names =
        ModelJson.array(s, "spec", "devices").stream().map(d -> ModelJson.str(d, "name")).toList();
    return ModelJson.str(s, "metadata", "name")
        + ": driver "
        + ModelJson.str(s, "spec", "driver")
        + ", node "
        + ModelJson.str(s, "spec", "nodeName")
        + ", pool "
        + ModelJson.str(s, "spec", "pool", "name")
        + ", "
        + names.size()
        + " devices "
        + names;
  }

  private static String describeClaim(JsonObject c) {
    String allocation =
        ModelJson.obj(c, "status").has("allocation")
            ? "allocated "
                + ModelJson.array(c, "status", "allocation", "devices", "results").stream()
                    .map(
                        r ->
                            ModelJson.str(r, "request")
                                + "="
                                + ModelJson.str(r, "driver")
                                + "/"
                                + ModelJson.str(r, "pool")
                                + "/"
                                + ModelJson.str(r, "device"))
                    .toList()
            : "not allocated";
    return namespacedName(c)
        + ": "
        + allocation
        + ", reservedFor "
        + ModelJson.array(c, "status", "reservedFor").stream()
            .map(r -> ModelJson.str(r, "name"))
            .toList();
  }

  private static String describePod(JsonObject p) {
    String nodeName = ModelJson.str(p, "spec", "nodeName");
    return namespacedName(p)
        + ": "
        + (nodeName.isEmpty() ? "Pending (not scheduled)" : "bound to " + nodeName);
  }

  private static String namespacedName(JsonObject o) {
    return ModelJson.str(o, "metadata", "namespace") + "/" + ModelJson.str(o, "metadata", "name");
  }

  @Override
  public String toString() {
    return "DraCluster" + nodes.values();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the cluster is closed");
    }
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  /**
   * Stops every driver (slices stay, as in a real cluster) with its API connection, every kubelet,
   * the controllers' HTTP client and the API server, and deletes the temporary directories; every
   * thread and socket of the cluster has ended when it returns. Clients from {@link #client()} are
   * the caller's to release. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (SimulatedNode n : nodes.values()) {
      n.close();
    }
    rest.close();
    api.close();
    deleteTree(root);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot delete {}: {}", dir, e.toString());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /**
   * Configures a {@link DraCluster}. Without providers, every {@link DeviceProvider} registered
   * with {@link ServiceLoader} runs on every node.
   */
  public static final class Builder {
    private final List<Supplier<? extends DeviceProvider>> providers = new ArrayList<>();
    private int nodes = 1;
    private Optional<String> instanceType = Optional.empty();
    private final Map<String, String> settings = new TreeMap<>();
    private Duration startTimeout = Duration.ofSeconds(20);
    private Duration wipingDelay = Duration.ofSeconds(30);

    private Builder() {}

    /** A driver under test; the factory is called once per node. */
    public Builder provider(Supplier<? extends DeviceProvider> factory) {
      providers.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /** A driver under test, instantiated per node with its public no-argument constructor. */
    public Builder provider(Class<? extends DeviceProvider> type) {
      Objects.requireNonNull(type, "type");
      return provider(() -> instantiate(type));
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

    /** A driver setting ({@code DriverContext.settings()}) given to every driver. */
    public Builder setting(String key, String value) {
      settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
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
      if (!providers.isEmpty()) {
        return List.copyOf(providers);
      }
      List<Supplier<? extends DeviceProvider>> found = new ArrayList<>();
      ServiceLoader.load(DeviceProvider.class).stream()
          .sorted(Comparator.comparing(p -> p.type().getName()))
          .forEach(p -> found.add(p::get));
      if (found.isEmpty()) {
        throw new IllegalStateException(
            "no device provider given and none registered with ServiceLoader: call"
                + " provider(MyProvider::new) or register it with"
                + " @AutoService(DeviceProvider.class)");
      }
      return found;
    }

    private static DeviceProvider instantiate(Class<? extends DeviceProvider> type) {
      try {
        return type.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(
            "cannot create device provider "
                + type.getName()
                + ": it needs a public no-argument constructor ("
                + e
                + "); or pass a factory with provider(() -> new ...)",
            e);
      }
    }
  }
}
