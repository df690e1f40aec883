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

import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.kube.ApiReachability;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.dra4j.runtime.internal.kube.ServerVersions;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Publishes a driver's {@link Resources} as ResourceSlices and keeps them so.
 *
 * <p>Building a publisher starts nothing; {@link #start} starts watching and reconciling, {@link
 * #close} stops both and never deletes slices. {@link #publish} only records the desired state and
 * may be called before {@link #start}: the latest state is written once the publisher starts.
 *
 * <p>One background thread reconciles. It watches the driver's own slices ({@code spec.driver} and
 * {@code spec.nodeName} field selectors), so a slice deleted or changed by someone else is repaired
 * as soon as the watch event arrives. It writes only what differs (compared semantically,
 * quantities by value): a slice whose content changed is updated in place at the pool's generation;
 * a changed layout (slice count or names) writes every slice at the next generation and deletes
 * obsolete slices only once the new generation is complete. Conflicts are retried at once with a
 * fresh read; other failures back off exponentially with jitter up to 30 s, and nothing is lost
 * while the API is unreachable: once it answers again (probed about once a second) the publisher
 * and its watches resync at once. Node-local slices are owned by the Node; if the Node does not
 * exist yet the publisher waits for it.
 *
 * <pre>{@code
 * SlicePublisher publisher = SlicePublisher.builder(client, driver).nodeName(node).build().start();
 * publisher.publish(resources);
 * publisher.awaitSynced(Duration.ofSeconds(10));
 * }</pre>
 */
public final class SlicePublisher implements ResourcePublisher {
  private final String driver;
  private final String nodeName;
  private final ServerSupport support;
  private final ServerVersions versions;
  private final String who;
  private final PublisherCounters counters;
  private final DesiredState state = new DesiredState();
  private final SliceSync sync;
  private final ReconcileLoop loop;
  private boolean started;
  private boolean closed;

  /** Builds a {@link SlicePublisher}. */
  public static final class Builder {
    private final KubeClient client;
    private final String driver;
    private String nodeName = "";
    private Clock clock = Clock.systemUTC();
    private ServerVersions versions = ServerVersions.fixed(ServerVersion.UNKNOWN);

    private Builder(KubeClient client, String driver) {
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
     * io.dra4j.runtime.internal.kube.KubeBackend#publisher} picks it from the server's version.
     */
    public Builder counterLayout(CounterLayout counterLayout) {
      Objects.requireNonNull(counterLayout, "counterLayout");
      return serverVersions(
          ServerVersions.fixed(
              counterLayout == CounterLayout.WITH_DEVICES
                  ? ServerVersion.of(34)
                  : ServerVersion.UNKNOWN));
    }

    /**
     * The API server's version, which decides the slice rules (counter layout, limits); read again
     * whenever the publisher sees a sign that the server changed (a broken watch, a slice rejected
     * as invalid), so that slices follow a control-plane upgrade. By default the newest release's
     * rules, fixed.
     */
    public Builder serverVersions(ServerVersions versions) {
      this.versions = Objects.requireNonNull(versions, "versions");
      return this;
    }

    /** A publisher that does nothing until {@link SlicePublisher#start}: no thread, no API call. */
    public SlicePublisher build() {
      return new SlicePublisher(this);
    }
  }

  /**
   * A builder for a publisher of {@code driver}'s slices through {@code client}. Pass a client
   * prepared by {@link io.dra4j.runtime.internal.kube.KubeBackend#connect} (its {@code
   * apiClient()}): it sends the compact JSON the API validates and reaches servers that serve
   * resource.k8s.io only in v1beta2 or v1beta1. The client stays the caller's: {@link #close()}
   * does not release it.
   */
  public static Builder builder(KubeClient client, String driver) {
    return new Builder(client, driver);
  }

  /** {@link #builder(KubeClient, String)} over a client-java client, which stays the caller's. */
  public static Builder builder(ApiClient client, String driver) {
    return new Builder(KubeClient.of(client), driver);
  }

  private SlicePublisher(Builder b) {
    this.driver = b.driver;
    this.nodeName = b.nodeName;
    this.versions = b.versions;
    this.who = "driver " + driver + (nodeName.isEmpty() ? "" : " on node " + nodeName);
    this.counters = new PublisherCounters(who);
    this.support = new ServerSupport(who);
    this.sync =
        new SliceSync(
            b.client,
            driver,
            nodeName,
            versions,
            new TaintClock(b.clock),
            support,
            who,
            counters,
            state::signal);
    this.loop =
        new ReconcileLoop(
            "slice-publisher " + driver, state, sync, counters, ApiReachability.of(b.client), who);
  }

  /**
   * Starts watching the driver's slices and the reconcile thread, which writes the latest published
   * state (if any) at once. Calling it again does nothing.
   *
   * @return this publisher
   * @throws IllegalStateException if the publisher was closed
   */
  public synchronized SlicePublisher start() {
    if (closed) {
      throw new IllegalStateException(
          "the ResourceSlice publisher of "
              + who
              + " is closed and cannot start again; build a new one");
    }
    if (!started) {
      started = true;
      sync.start();
      loop.start();
    }
    return this;
  }

  /**
   * Replaces the desired state. Thread-safe; the latest call wins. Before {@link #start} the state
   * is kept and written once the publisher starts; after {@link #close} it is never written.
   *
   * @throws IllegalArgumentException if a pool cannot be published by this publisher (for example a
   *     node-local pool on a publisher without a node name, or a list attribute for a server older
   *     than Kubernetes 1.36), before any API call
   */
  @Override
  public void publish(Resources resources) {
    Objects.requireNonNull(resources, "resources");
    for (Pool p : resources.pools()) {
      SliceLayout.plan(driver, nodeName, p, versions.lastKnown().counterLayout());
      support.check(p, versions.lastKnown());
    }
    state.publish(resources);
  }

  /**
   * Waits until the cluster matched the latest published state: a reconcile pass after the last
   * publish found nothing left to write. Before {@link #start} no pass runs, so it waits for the
   * whole timeout unless the publisher starts meanwhile.
   *
   * @return whether it matched within {@code timeout}
   */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    return state.awaitSynced(timeout);
  }

  /** Counters of what was written and what failed. */
  public PublisherStats stats() {
    return counters.snapshot();
  }

  /**
   * Stops watching and reconciling and waits for the reconcile and watch threads to end; never
   * deletes slices. Calling it again does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    loop.close();
    sync.close();
    loop.awaitStopped();
  }
}
