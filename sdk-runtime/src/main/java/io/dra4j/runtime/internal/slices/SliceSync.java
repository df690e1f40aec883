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
package io.dra4j.runtime.internal.slices;

import com.google.gson.JsonObject;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.PoolScope;
import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.kube.JsonInformer;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.dra4j.runtime.internal.kube.ServerVersions;
import io.kubernetes.client.openapi.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile pass over every pool: it observes the driver's slices through informers, asks
 * {@link SliceDiff} what differs and has {@link SliceWriter} write it. Node-local slices are
 * watched from {@link #start}; cluster-level slices from the first pass, which also looks for
 * cluster-level pools this publisher dropped before it restarted (it stops watching them once none
 * is left, unless it publishes cluster-level pools). Every node-local slice of the driver on the
 * node is this publisher's, so a pool that is no longer published is deleted; a cluster-level slice
 * of a pool no longer published is deleted when its {@link PublisherMark} names this publisher, and
 * left alone otherwise. Passes run on the reconcile thread only.
 */
final class SliceSync {
  // Under the publisher's name: one logger setting covers every part of it.
  private static final Logger LOG = LoggerFactory.getLogger(SlicePublisher.class);

  /** The outcome of one pass. */
  enum Pass {
    /** Nothing differed. */
    CONVERGED,
    /** Something was written; the next pass confirms it. */
    WROTE,
    /** The informers have not listed yet. */
    NOT_READY
  }

  private final KubeClient client;
  private final String driver;
  private final String nodeName;
  private final ServerVersions versions;
  private final Runnable onChange;
  private final PublisherCounters counters;
  private final SliceDiff diff;
  private final SliceWriter writer;
  private final TaintClock taints;
  private final ServerSupport support;
  private final NodeOwner owner;
  private final Optional<JsonInformer> nodeSlices;
  private volatile JsonInformer clusterSlices;
  private volatile boolean closed;
  private final String mark;
  private final String who;
  // Until a pass found no dropped cluster-level pool of this publisher left: watch them even
  // without cluster-level pools to publish. Reconcile thread only.
  private boolean sweepPending = true;

  /**
   * @param onChange called on the informer threads when a watched slice changes or is relisted
   */
  SliceSync(
      KubeClient client,
      String driver,
      String nodeName,
      ServerVersions versions,
      TaintClock taints,
      ServerSupport support,
      String who,
      PublisherCounters counters,
      Runnable onChange) {
    this.client = client;
    this.driver = driver;
    this.nodeName = nodeName;
    this.mark = PublisherMark.of(nodeName);
    this.who = who;
    this.versions = versions;
    this.onChange = onChange;
    this.counters = counters;
    this.diff = new SliceDiff(driver, nodeName);
    this.writer = new SliceWriter(client, who, counters);
    this.taints = taints;
    this.support = support;
    this.owner = new NodeOwner(client, nodeName, who, counters);
    this.nodeSlices =
        nodeName.isEmpty()
            ? Optional.empty()
            : Optional.of(informer("spec.driver=" + driver + ",spec.nodeName=" + nodeName));
  }

  /** Starts watching the node-local slices. */
  void start() {
    nodeSlices.ifPresent(JsonInformer::start);
  }

  /** Stops watching. */
  void close() {
    closed = true;
    nodeSlices.ifPresent(JsonInformer::close);
    JsonInformer c = clusterSlices;
    if (c != null) {
      c.close();
    }
  }

  /** One pass towards {@code want}. */
  Pass run(Resources want) throws ApiException, NodeOwner.MissingException {
    List<Pool> clusterScoped = new ArrayList<>();
    List<Pool> nodeScoped = new ArrayList<>();
    for (Pool p : want.pools()) {
      (p.scope() instanceof PoolScope.ThisNode ? nodeScoped : clusterScoped).add(p);
    }
    if ((!clusterScoped.isEmpty() || sweepPending) && clusterSlices == null) {
      clusterSlices = informer("spec.driver=" + driver + ",spec.nodeName=").start();
      if (closed) {
        // Closed while this pass started it: close() may not have seen it.
        clusterSlices.close();
      }
    }
    if (!synced(nodeSlices.orElse(null)) || !synced(clusterSlices)) {
      return Pass.NOT_READY;
    }
    // Read again after a sign that the server changed; a failure ends the pass (and is retried).
    ServerVersion server = versions.current();
    int writes = 0;
    Map<String, List<JsonObject>> clusterObserved = observed(clusterSlices);
    Set<String> wantedCluster = new HashSet<>();
    for (Pool p : clusterScoped) {
      wantedCluster.add(p.name());
      writes +=
          syncPool(p, server, clusterObserved.getOrDefault(p.name(), List.of()), clusterSlices);
    }
    int dropped = 0;
    for (Map.Entry<String, List<JsonObject>> e : clusterObserved.entrySet()) {
      if (!wantedCluster.contains(e.getKey())) {
        List<JsonObject> mine =
            e.getValue().stream().filter(s -> PublisherMark.on(s).equals(mark)).toList();
        if (!mine.isEmpty()) {
          LOG.info(
              "deleting the {} ResourceSlice(s) of cluster-level pool {} that {} no longer"
                  + " publishes",
              mine.size(),
              e.getKey(),
              who);
        }
        dropped += write(SliceDiff.deleteAll(mine), clusterSlices);
      }
    }
    writes += dropped;
    if (sweepPending && dropped == 0) {
      // Pools dropped before a restart are gone: without cluster-level pools, stop watching.
      sweepPending = false;
      if (clusterScoped.isEmpty()) {
        clusterSlices.close();
        clusterSlices = null;
      }
    }
    Map<String, List<JsonObject>> nodeObserved = observed(nodeSlices.orElse(null));
    Set<String> wantedNode = new HashSet<>();
    for (Pool p : nodeScoped) {
      wantedNode.add(p.name());
      writes +=
          syncPool(
              p, server, nodeObserved.getOrDefault(p.name(), List.of()), nodeSlices.orElseThrow());
    }
    for (Map.Entry<String, List<JsonObject>> e : nodeObserved.entrySet()) {
      if (!wantedNode.contains(e.getKey())) {
        writes += write(SliceDiff.deleteAll(e.getValue()), nodeSlices.orElseThrow());
      }
    }
    return writes == 0 ? Pass.CONVERGED : Pass.WROTE;
  }

  private int syncPool(
      Pool wanted, ServerVersion server, List<JsonObject> observed, JsonInformer cache)
      throws ApiException, NodeOwner.MissingException {
    Pool pool = support.storable(wanted, server);
    List<PlannedSlice> planned = SliceLayout.plan(driver, nodeName, pool, server.counterLayout());
    BiFunction<Device, DeviceTaint, Instant> taintTime = taints.forPool(pool.name(), observed);
    boolean node = pool.scope() instanceof PoolScope.ThisNode;
    Optional<String> uid = node ? Optional.of(owner.uid()) : Optional.empty();
    List<SliceAction> actions = diff.pool(planned, observed, uid, taintTime).actions();
    if (node && !actions.isEmpty()) {
      // About to write: make sure the owner is the current Node object.
      String fresh = owner.freshUid();
      if (!fresh.equals(uid.get())) {
        actions = diff.pool(planned, observed, Optional.of(fresh), taintTime).actions();
      }
    }
    return write(actions, cache);
  }

  private int write(List<SliceAction> actions, JsonInformer cache) throws ApiException {
    try {
      writer.apply(actions, cache);
    } catch (ApiException e) {
      if (e.getCode() == 422) {
        // Slices valid for one release are invalid for another: the server may have been
        // upgraded (or downgraded) under us.
        versions.mayHaveChanged();
      }
      throw e;
    }
    return actions.size();
  }

  private static boolean synced(JsonInformer informer) {
    return informer == null || informer.isSynced();
  }

  private static Map<String, List<JsonObject>> observed(JsonInformer informer) {
    return informer == null ? Map.of() : SliceDiff.byPool(informer.items());
  }

  private JsonInformer informer(String fieldSelector) {
    return new JsonInformer(
        "resourceslices (" + fieldSelector + ")",
        client,
        JsonInformer.Calls.collection(
            client, "/apis/resource.k8s.io/v1/resourceslices", "fieldSelector", fieldSelector),
        o -> true,
        new JsonInformer.Listener() {
          @Override
          public void onEvent(String type, JsonObject object) {
            onChange.run();
          }

          @Override
          public void onRelist() {
            onChange.run();
          }

          @Override
          public void onError(Exception e) {
            counters.failed("list/watch", e);
            // A broken watch may be a control-plane upgrade: confirm the version in a pass.
            versions.mayHaveChanged();
            onChange.run();
          }

          @Override
          public void onWatchEnded() {
            // So may a watch the server closed; at most one GET /version per watch timeout.
            versions.mayHaveChanged();
            onChange.run();
          }
        });
  }
}
