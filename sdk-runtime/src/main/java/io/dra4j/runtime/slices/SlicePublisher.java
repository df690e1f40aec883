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
package io.dra4j.runtime.slices;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.PoolScope;
import io.dra4j.api.device.Resources;
import io.dra4j.runtime.kube.ApiJson;
import io.dra4j.runtime.kube.Backoff;
import io.dra4j.runtime.kube.JsonInformer;
import io.dra4j.runtime.lifecycle.Shutdown;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.ResourceV1Api;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Preconditions;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a driver's {@link Resources} as ResourceSlices and keeps them so.
 *
 * <p>{@link #publish} only records the desired state; one background thread reconciles. It watches
 * the driver's own slices ({@code spec.driver} and {@code spec.nodeName} field selectors), so a
 * slice deleted or changed by someone else is repaired as soon as the watch event arrives. It
 * writes only what differs (compared semantically, quantities by value): a slice whose content
 * changed is updated in place at the pool's generation; a changed layout (slice count or names)
 * writes every slice at the next generation and deletes obsolete slices only once the new
 * generation is complete. Conflicts are retried at once with a fresh read; other failures back off
 * exponentially with jitter up to 30 s, and nothing is lost while the API is unreachable.
 * Node-local slices are owned by the Node; if the Node does not exist yet the publisher waits for
 * it. {@link #close} never deletes slices.
 */
public final class SlicePublisher implements ResourcePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(SlicePublisher.class);
  private static final Duration NODE_WAIT_MAX = Duration.ofSeconds(2);
  private static final int CONFLICT_RETRIES = 5;

  private final ApiClient client;
  private final ResourceV1Api api;
  private final String driver;
  private final String nodeName;
  private final Clock clock;
  private final CounterLayout counterLayout;
  private final String who;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private Resources desired;
  private long desiredVersion;
  private long syncedVersion = -1;
  private boolean dirty;
  private boolean converged;

  private final JsonInformer nodeSlices;
  private volatile JsonInformer clusterSlices;
  private final Set<String> clusterPools = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> taintTimes = new ConcurrentHashMap<>();
  private String nodeUid;
  private boolean nodeMissingLogged;

  private final AtomicLong creates = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private volatile String lastError;

  private final Thread worker;
  private volatile boolean closed;

  /** Builds a {@link SlicePublisher}. */
  public static final class Builder {
    private final ApiClient client;
    private final String driver;
    private String nodeName = "";
    private Clock clock = Clock.systemUTC();
    private CounterLayout counterLayout = CounterLayout.SEPARATE_SLICES;

    private Builder(ApiClient client, String driver) {
      this.client = Objects.requireNonNull(client, "client");
      this.driver = Objects.requireNonNull(driver, "driver");
    }

    /** The node whose local pools this publisher owns; empty for a cluster-level publisher. */
    public Builder nodeName(String nodeName) {
      this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
      return this;
    }

    /** The clock that stamps {@code timeAdded} of new taints. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where counter sets go: {@link CounterLayout#SEPARATE_SLICES} (the default, Kubernetes 1.35
     * and later) or {@link CounterLayout#WITH_DEVICES} (Kubernetes 1.34). {@link
     * io.dra4j.runtime.kube.KubeBackend#publisher} picks it from the server's version.
     */
    public Builder counterLayout(CounterLayout counterLayout) {
      this.counterLayout = Objects.requireNonNull(counterLayout, "counterLayout");
      return this;
    }

    /** Starts watching and reconciling; nothing is written before the first publish. */
    public SlicePublisher build() {
      return new SlicePublisher(this);
    }
  }

  /**
   * A builder for a publisher of {@code driver}'s slices through {@code client}. Pass a client
   * prepared by {@link io.dra4j.runtime.kube.KubeBackend#connect} (its {@code apiClient()}): it
   * sends the compact JSON the API validates and reaches servers that serve resource.k8s.io only in
   * v1beta2 or v1beta1. The client stays the caller's: {@link #close()} does not release it.
   */
  public static Builder builder(ApiClient client, String driver) {
    return new Builder(client, driver);
  }

  private SlicePublisher(Builder b) {
    this.client = b.client;
    this.api = new ResourceV1Api(client);
    this.driver = b.driver;
    this.nodeName = b.nodeName;
    this.clock = b.clock;
    this.counterLayout = b.counterLayout;
    this.who = "driver " + driver + (nodeName.isEmpty() ? "" : " on node " + nodeName);
    this.nodeSlices =
        nodeName.isEmpty()
            ? null
            : informer("spec.driver=" + driver + ",spec.nodeName=" + nodeName);
    if (nodeSlices != null) {
      nodeSlices.start();
    }
    this.worker = new Thread(this::run, "slice-publisher " + driver);
    this.worker.setDaemon(true);
    this.worker.start();
  }

  private JsonInformer informer(String fieldSelector) {
    return new JsonInformer(
        "resourceslices (" + fieldSelector + ")",
        client,
        new JsonInformer.Calls() {
          @Override
          public okhttp3.Call list() throws ApiException {
            return api.listResourceSlice().fieldSelector(fieldSelector).buildCall(null);
          }

          @Override
          public okhttp3.Call watch(String rv) throws ApiException {
            return api.listResourceSlice()
                .fieldSelector(fieldSelector)
                .watch(true)
                .allowWatchBookmarks(true)
                .resourceVersion(rv)
                .timeoutSeconds(300 + (int) (Math.random() * 60))
                .buildCall(null);
          }
        },
        o -> true,
        new JsonInformer.Listener() {
          @Override
          public void onEvent(String type, JsonObject object) {
            signal();
          }

          @Override
          public void onRelist() {
            signal();
          }

          @Override
          public void onError(Exception e) {
            failed("list/watch", e);
          }
        });
  }

  @Override
  public void publish(Resources resources) {
    Objects.requireNonNull(resources, "resources");
    for (Pool p : resources.pools()) {
      SliceLayout.plan(driver, nodeName, p, counterLayout);
    }
    lock.lock();
    try {
      desired = resources;
      desiredVersion++;
      dirty = true;
      converged = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void signal() {
    lock.lock();
    try {
      dirty = true;
      converged = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the cluster matched the latest published state: a reconcile pass after the last
   * publish found nothing left to write.
   */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!(converged && syncedVersion == desiredVersion && desired != null)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Counters of what was written and what failed. */
  public PublisherStats stats() {
    return new PublisherStats(
        creates.get(),
        updates.get(),
        deletes.get(),
        conflicts.get(),
        failures.get(),
        syncs.get(),
        Optional.ofNullable(lastError));
  }

  /** Stops the reconcile thread and the watches and waits for their threads; keeps the slices. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    if (nodeSlices != null) {
      nodeSlices.close();
    }
    JsonInformer c = clusterSlices;
    if (c != null) {
      c.close();
    }
    if (Thread.currentThread() != worker && !Shutdown.join(worker, Duration.ofSeconds(5))) {
      LOG.warn("the publisher thread of driver {} did not end within 5 s", driver);
    }
  }

  // ---- reconcile loop ------------------------------------------------------------------------

  /** How the reconcile loop waits before its next pass. */
  private enum Wait {
    /** Until something changes. */
    SIGNAL,
    /** Until something changes or the deadline passes. */
    SIGNAL_OR_DEADLINE,
    /** Until the deadline, whatever changes (backoff after an error). */
    DEADLINE
  }

  /** The outcome of one reconcile pass. */
  private enum Pass {
    CONVERGED,
    WROTE,
    NOT_READY
  }

  private void run() {
    Backoff backoff = Backoff.forApiErrors();
    Backoff nodeBackoff = new Backoff(Duration.ofMillis(100), NODE_WAIT_MAX);
    Wait mode = Wait.SIGNAL;
    long deadline = 0;
    while (!closed) {
      Resources want;
      long version;
      lock.lock();
      try {
        while (!closed) {
          long left = deadline - System.nanoTime();
          if (mode == Wait.DEADLINE || (mode == Wait.SIGNAL_OR_DEADLINE && !dirty)) {
            if (left <= 0) {
              break;
            }
            changed.awaitNanos(left);
          } else if (dirty) {
            break;
          } else {
            changed.await();
          }
        }
        dirty = false;
        want = desired;
        version = desiredVersion;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      mode = Wait.SIGNAL;
      if (want == null || closed) {
        continue;
      }
      try {
        syncs.incrementAndGet();
        Pass pass = sync(want);
        backoff.reset();
        if (pass == Pass.NOT_READY) {
          mode = Wait.SIGNAL_OR_DEADLINE;
          deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
          continue;
        }
        nodeBackoff.reset();
        lock.lock();
        try {
          if (pass == Pass.CONVERGED) {
            syncedVersion = version;
            converged = !dirty;
            changed.signalAll();
          } else {
            dirty = true;
          }
        } finally {
          lock.unlock();
        }
      } catch (NodeMissingException e) {
        mode = Wait.SIGNAL_OR_DEADLINE;
        deadline = System.nanoTime() + nodeBackoff.next().toNanos();
        if (!nodeMissingLogged) {
          nodeMissingLogged = true;
          LOG.warn(
              "Node {} does not exist yet; ResourceSlices of {} for its node-local pools will be"
                  + " published as soon as it appears",
              nodeName,
              who);
        }
      } catch (ApiException e) {
        Duration delay = backoff.next();
        mode = Wait.DEADLINE;
        deadline = System.nanoTime() + delay.toNanos();
        LOG.debug("reconcile of {} failed; retrying in {} ms", who, delay.toMillis(), e);
      } catch (RuntimeException e) {
        Duration delay = backoff.next();
        mode = Wait.DEADLINE;
        deadline = System.nanoTime() + delay.toNanos();
        failed("reconcile", e);
        LOG.error("reconciling ResourceSlices of {} failed unexpectedly", who, e);
      }
    }
  }

  private static final class NodeMissingException extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** One pass over every pool. */
  private Pass sync(Resources want) throws ApiException, NodeMissingException {
    List<Pool> clusterScoped = new ArrayList<>();
    List<Pool> nodeScoped = new ArrayList<>();
    for (Pool p : want.pools()) {
      (p.scope() instanceof PoolScope.ThisNode ? nodeScoped : clusterScoped).add(p);
    }
    if (!clusterScoped.isEmpty() && clusterSlices == null) {
      clusterSlices = informer("spec.driver=" + driver + ",spec.nodeName=").start();
    }
    if (!informersSynced()) {
      return Pass.NOT_READY;
    }
    int writes = 0;
    // Cluster-level pools: only those this publisher publishes (or published) are its own.
    Map<String, List<JsonObject>> clusterObserved = byPool(clusterSlices);
    Set<String> wantedCluster = new HashSet<>();
    for (Pool p : clusterScoped) {
      wantedCluster.add(p.name());
      clusterPools.add(p.name());
      writes += syncPool(p, clusterObserved.getOrDefault(p.name(), List.of()), clusterSlices);
    }
    for (String gone : new ArrayList<>(clusterPools)) {
      if (!wantedCluster.contains(gone)) {
        writes += deleteAll(clusterObserved.getOrDefault(gone, List.of()), clusterSlices);
        if (!clusterObserved.containsKey(gone)) {
          clusterPools.remove(gone);
        }
      }
    }
    // Node-local pools: every slice of this driver on this node is ours.
    Map<String, List<JsonObject>> nodeObserved = byPool(nodeSlices);
    Set<String> wantedNode = new HashSet<>();
    for (Pool p : nodeScoped) {
      wantedNode.add(p.name());
      writes += syncPool(p, nodeObserved.getOrDefault(p.name(), List.of()), nodeSlices);
    }
    for (Map.Entry<String, List<JsonObject>> e : nodeObserved.entrySet()) {
      if (!wantedNode.contains(e.getKey())) {
        writes += deleteAll(e.getValue(), nodeSlices);
      }
    }
    return writes == 0 ? Pass.CONVERGED : Pass.WROTE;
  }

  private boolean informersSynced() {
    return (nodeSlices == null || nodeSlices.isSynced())
        && (clusterSlices == null || clusterSlices.isSynced());
  }

  private static Map<String, List<JsonObject>> byPool(JsonInformer informer) {
    Map<String, List<JsonObject>> out = new TreeMap<>();
    if (informer == null) {
      return out;
    }
    for (JsonObject s : informer.items()) {
      String pool = JsonInformer.string(poolOf(s), "name");
      out.computeIfAbsent(pool, k -> new ArrayList<>()).add(s);
    }
    return out;
  }

  private static JsonObject poolOf(JsonObject slice) {
    JsonObject spec = slice.getAsJsonObject("spec");
    return spec == null ? new JsonObject() : spec.getAsJsonObject("pool");
  }

  private static long number(JsonObject o, String field, long fallback) {
    JsonElement e = o == null ? null : o.get(field);
    return e == null || e.isJsonNull() ? fallback : e.getAsLong();
  }

  private int syncPool(Pool pool, List<JsonObject> existing, JsonInformer cache)
      throws ApiException, NodeMissingException {
    List<PlannedSlice> planned = SliceLayout.plan(driver, nodeName, pool, counterLayout);
    int count = planned.size();
    Map<String, JsonObject> byName = new LinkedHashMap<>();
    long top = -1;
    for (JsonObject s : existing) {
      byName.put(JsonInformer.key(s), s);
      top = Math.max(top, number(poolOf(s), "generation", 0));
    }
    Set<String> plannedNames = new HashSet<>();
    planned.forEach(p -> plannedNames.add(p.name()));
    boolean sameLayout = top >= 0;
    for (JsonObject s : existing) {
      JsonObject poolSpec = poolOf(s);
      if (number(poolSpec, "generation", 0) == top
          && (!plannedNames.contains(JsonInformer.key(s))
              || number(poolSpec, "resourceSliceCount", 0) != count)) {
        sameLayout = false;
      }
    }
    long generation = sameLayout ? top : top + 1;
    Map<String, Instant> observedTaints = observedTaintTimes(existing);
    boolean node = pool.scope() instanceof PoolScope.ThisNode;
    Optional<String> owner = node ? Optional.of(nodeUid(false)) : Optional.empty();
    int writes = 0;
    for (PlannedSlice p : planned) {
      V1ResourceSlice slice = render(p, generation, count, owner, observedTaints);
      JsonObject have = byName.get(p.name());
      if (have != null && sameContent(have, slice)) {
        continue;
      }
      if (node && writes == 0) {
        // About to write: make sure the owner is the current Node object.
        String fresh = nodeUid(true);
        if (!fresh.equals(owner.get())) {
          owner = Optional.of(fresh);
          slice = render(p, generation, count, owner, observedTaints);
        }
      }
      writes += have == null ? create(slice, cache) : update(slice, have, cache);
    }
    if (sameLayout) {
      for (JsonObject s : existing) {
        if (!plannedNames.contains(JsonInformer.key(s))) {
          writes += delete(s, cache);
        }
      }
    }
    return writes;
  }

  private V1ResourceSlice render(
      PlannedSlice p,
      long generation,
      int count,
      Optional<String> owner,
      Map<String, Instant> observedTaints) {
    return SliceRenderer.render(
        driver,
        nodeName,
        p,
        generation,
        count,
        owner,
        (device, taint) -> taintTime(p.pool(), device, taint, observedTaints));
  }

  private Instant taintTime(
      Pool pool, Device device, DeviceTaint taint, Map<String, Instant> observed) {
    if (taint.timeAdded().isPresent()) {
      return taint.timeAdded().get().truncatedTo(ChronoUnit.SECONDS);
    }
    String key =
        taintKey(device.name(), taint.key(), taint.value().orElse(""), taint.effect().apiName());
    Instant seen = observed.get(key);
    String memoryKey = pool.name() + "\0" + key;
    if (seen != null) {
      taintTimes.put(memoryKey, seen);
      return seen;
    }
    return taintTimes.computeIfAbsent(
        memoryKey, k -> clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  private static String taintKey(String device, String key, String value, String effect) {
    return device + "\0" + key + "\0" + value + "\0" + effect;
  }

  private static Map<String, Instant> observedTaintTimes(List<JsonObject> slices) {
    Map<String, Instant> out = new HashMap<>();
    for (JsonObject s : slices) {
      JsonObject spec = s.getAsJsonObject("spec");
      if (spec == null || !spec.has("devices")) {
        continue;
      }
      for (JsonElement d : spec.getAsJsonArray("devices")) {
        JsonObject dev = d.getAsJsonObject();
        if (!dev.has("taints")) {
          continue;
        }
        for (JsonElement t : dev.getAsJsonArray("taints")) {
          JsonObject taint = t.getAsJsonObject();
          String added = JsonInformer.string(taint, "timeAdded");
          if (added.isEmpty()) {
            continue;
          }
          try {
            out.put(
                taintKey(
                    JsonInformer.string(dev, "name"),
                    JsonInformer.string(taint, "key"),
                    JsonInformer.string(taint, "value"),
                    JsonInformer.string(taint, "effect")),
                OffsetDateTime.parse(added).toInstant().truncatedTo(ChronoUnit.SECONDS));
          } catch (RuntimeException unparsable) {
            // Stamp a new time instead.
          }
        }
      }
    }
    return out;
  }

  /** Semantic comparison: spec and owner references, through the same typed serialisation. */
  static boolean sameContent(JsonObject have, V1ResourceSlice want) {
    V1ResourceSlice observed = ApiJson.fromJson(have, V1ResourceSlice.class);
    return canonical(observed).equals(canonical(want));
  }

  private static JsonObject canonical(V1ResourceSlice s) {
    JsonObject o = new JsonObject();
    JsonObject spec = s.getSpec() == null ? new JsonObject() : ApiJson.toJson(s.getSpec());
    for (JsonElement d : arrayOf(spec, "devices")) {
      JsonObject dev = d.getAsJsonObject();
      normalizeQuantities(dev.getAsJsonObject("capacity"));
      for (JsonElement c : arrayOf(dev, "consumesCounters")) {
        normalizeQuantities(c.getAsJsonObject().getAsJsonObject("counters"));
      }
    }
    for (JsonElement c : arrayOf(spec, "sharedCounters")) {
      normalizeQuantities(c.getAsJsonObject().getAsJsonObject("counters"));
    }
    o.add("spec", spec);
    if (s.getMetadata() != null && s.getMetadata().getOwnerReferences() != null) {
      o.add(
          "owners",
          ApiJson.compact(
              com.google.gson.JsonParser.parseString(
                  io.kubernetes.client.openapi.JSON.serialize(
                      s.getMetadata().getOwnerReferences()))));
    }
    ApiJson.compact(o);
    return o;
  }

  private static com.google.gson.JsonArray arrayOf(JsonObject o, String key) {
    JsonElement e = o == null ? null : o.get(key);
    return e != null && e.isJsonArray() ? e.getAsJsonArray() : new com.google.gson.JsonArray();
  }

  /** Quantities compare by value: {@code 80Gi} and {@code 85899345920} are the same. */
  private static void normalizeQuantities(JsonObject byName) {
    if (byName == null) {
      return;
    }
    for (Map.Entry<String, JsonElement> e : byName.entrySet()) {
      if (!e.getValue().isJsonObject()) {
        continue;
      }
      JsonObject holder = e.getValue().getAsJsonObject();
      String text = JsonInformer.string(holder, "value");
      if (text.isEmpty()) {
        continue;
      }
      try {
        holder.addProperty(
            "value",
            io.kubernetes.client.custom.Quantity.fromString(text)
                .getNumber()
                .stripTrailingZeros()
                .toPlainString());
      } catch (RuntimeException unparsable) {
        // Left as it is: a difference the server will settle.
      }
    }
  }

  // ---- writes --------------------------------------------------------------------------------

  private String nodeUid(boolean refresh) throws ApiException, NodeMissingException {
    if (nodeUid != null && !refresh) {
      return nodeUid;
    }
    try {
      JsonObject node = call(new CoreV1Api(client).readNode(nodeName).buildCall(null));
      String uid = JsonInformer.string(node.getAsJsonObject("metadata"), "uid");
      if (nodeMissingLogged) {
        LOG.info("Node {} appeared; publishing the ResourceSlices of {}", nodeName, who);
        nodeMissingLogged = false;
      }
      nodeUid = uid;
      return uid;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        throw new NodeMissingException();
      }
      throw failed("get", "nodes", nodeName, e);
    }
  }

  /** Runs a built client-java call and reads the answer as raw JSON. */
  private JsonObject call(okhttp3.Call call) throws ApiException {
    return client.<JsonObject>execute(call, JsonObject.class).getData();
  }

  private int create(V1ResourceSlice slice, JsonInformer cache) throws ApiException {
    String name = slice.getMetadata().getName();
    try {
      JsonObject created = call(api.createResourceSlice(slice).buildCall(null));
      cache.recordWrite(created);
      creates.incrementAndGet();
      LOG.debug("created ResourceSlice {} of {}", name, who);
      return 1;
    } catch (ApiException e) {
      if (e.getCode() == 409) {
        conflicts.incrementAndGet();
        // It exists although our cache did not show it yet: read it and compare again.
        readInto(name, cache);
        return 1;
      }
      throw failed("create", "resourceslices", name, e);
    }
  }

  private int update(V1ResourceSlice slice, JsonObject have, JsonInformer cache)
      throws ApiException {
    String name = slice.getMetadata().getName();
    JsonObject current = have;
    for (int attempt = 0; ; attempt++) {
      slice
          .getMetadata()
          .resourceVersion(
              JsonInformer.string(current.getAsJsonObject("metadata"), "resourceVersion"));
      try {
        JsonObject updated = call(api.replaceResourceSlice(name, slice).buildCall(null));
        cache.recordWrite(updated);
        updates.incrementAndGet();
        LOG.debug("updated ResourceSlice {} of {}", name, who);
        return 1;
      } catch (ApiException e) {
        if (e.getCode() == 404) {
          slice.getMetadata().resourceVersion(null);
          return create(slice, cache);
        }
        if (e.getCode() != 409 || attempt >= CONFLICT_RETRIES) {
          throw failed("update", "resourceslices", name, e);
        }
        conflicts.incrementAndGet();
        Optional<JsonObject> fresh = readInto(name, cache);
        if (fresh.isEmpty()) {
          slice.getMetadata().resourceVersion(null);
          return create(slice, cache);
        }
        if (sameContent(fresh.get(), slice)) {
          return 1;
        }
        current = fresh.get();
      }
    }
  }

  private Optional<JsonObject> readInto(String name, JsonInformer cache) throws ApiException {
    try {
      JsonObject fresh = call(api.readResourceSlice(name).buildCall(null));
      cache.recordWrite(fresh);
      return Optional.of(fresh);
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        cache.recordDelete(name);
        return Optional.empty();
      }
      throw failed("get", "resourceslices", name, e);
    }
  }

  private int deleteAll(List<JsonObject> slices, JsonInformer cache) throws ApiException {
    int n = 0;
    for (JsonObject s : slices) {
      n += delete(s, cache);
    }
    return n;
  }

  private int delete(JsonObject slice, JsonInformer cache) throws ApiException {
    String name = JsonInformer.key(slice);
    JsonObject meta = slice.getAsJsonObject("metadata");
    V1DeleteOptions options =
        new V1DeleteOptions()
            .preconditions(new V1Preconditions().uid(JsonInformer.string(meta, "uid")));
    try {
      call(api.deleteResourceSlice(name).body(options).buildCall(null));
      deletes.incrementAndGet();
      LOG.debug("deleted obsolete ResourceSlice {} of {}", name, who);
    } catch (ApiException e) {
      if (e.getCode() == 409) {
        conflicts.incrementAndGet();
        readInto(name, cache);
        return 1;
      }
      if (e.getCode() != 404) {
        throw failed("delete", "resourceslices", name, e);
      }
    }
    cache.recordDelete(name);
    return 1;
  }

  private ApiException failed(String verb, String resource, String name, ApiException e) {
    record(verb, resource + (resource.equals("nodes") ? " " : ".resource.k8s.io ") + name, e, true);
    return e;
  }

  /** A failure the informer reports (and logs) itself. */
  private void failed(String verb, Exception e) {
    record(verb, "resourceslices.resource.k8s.io", e, false);
  }

  /** Counts a failure and keeps its description; RBAC denials are logged as errors. */
  private void record(String verb, String what, Exception e, boolean logRetry) {
    failures.incrementAndGet();
    if (e instanceof ApiException a && a.getCode() == 403) {
      lastError =
          "forbidden: "
              + verb
              + " "
              + what
              + " for "
              + who
              + ": "
              + JsonInformer.statusMessage(a)
              + "; grant the driver's service account get/list/watch/create/update/delete on"
              + " resourceslices.resource.k8s.io and get on nodes";
      LOG.error("{}", lastError);
    } else {
      lastError = verb + " " + what + " for " + who + " failed: " + JsonInformer.describe(e);
      if (logRetry) {
        LOG.warn("{}; retrying with backoff", lastError);
      }
    }
  }
}
