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

import io.dra4j.runtime.internal.kube.ApiReachability;
import io.dra4j.runtime.internal.kube.Backoff;
import io.dra4j.runtime.internal.lifecycle.Shutdown;
import io.kubernetes.client.openapi.ApiException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's one background thread: it waits for a change of the {@link DesiredState}, runs a
 * {@link SliceSync} pass and decides when to run the next one. After an API failure it backs off
 * exponentially with jitter up to 30 s, whatever changes meanwhile, but when the failure was the
 * API server not answering it runs again as soon as {@link ApiReachability} sees it answer; while
 * the informers have not listed yet it looks again within a second; while the Node is missing it
 * looks again within 2 s.
 */
final class ReconcileLoop {
  // Under the publisher's name: one logger setting covers every part of it.
  private static final Logger LOG = LoggerFactory.getLogger(SlicePublisher.class);
  private static final Duration NODE_WAIT_MAX = Duration.ofSeconds(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final DesiredState state;
  private final SliceSync sync;
  private final PublisherCounters counters;
  private final ApiReachability reachability;
  private final String who;
  private final Thread thread;
  private volatile boolean closed;

  ReconcileLoop(
      String threadName,
      DesiredState state,
      SliceSync sync,
      PublisherCounters counters,
      ApiReachability reachability,
      String who) {
    this.reachability = reachability;
    this.state = state;
    this.sync = sync;
    this.counters = counters;
    this.who = who;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  /** Starts the thread. */
  void start() {
    thread.start();
  }

  /** Stops the thread; a pass in progress ends at its next API call. */
  void close() {
    closed = true;
    state.close();
    thread.interrupt();
  }

  /**
   * Waits up to 5 s for the thread to end after {@link #close}; logs when it does not. Returns at
   * once on the thread itself.
   */
  void awaitStopped() {
    if (Thread.currentThread() != thread && !Shutdown.join(thread, STOP_TIMEOUT)) {
      LOG.warn("the publisher thread of {} did not end within {}", who, STOP_TIMEOUT);
    }
  }

  private void run() {
    Backoff backoff = Backoff.forApiErrors();
    Backoff nodeBackoff = new Backoff(Duration.ofMillis(100), NODE_WAIT_MAX);
    DesiredState.Wait mode = DesiredState.Wait.SIGNAL;
    long deadline = 0;
    while (!closed) {
      Optional<DesiredState.Version> want;
      try {
        want = state.next(mode, deadline);
      } catch (InterruptedException e) {
        return;
      }
      mode = DesiredState.Wait.SIGNAL;
      if (want.isEmpty() || closed) {
        continue;
      }
      long recoveries = reachability.recoveries();
      try {
        counters.sync();
        SliceSync.Pass pass = sync.run(want.get().resources());
        backoff.reset();
        if (pass == SliceSync.Pass.NOT_READY) {
          mode = DesiredState.Wait.SIGNAL_OR_DEADLINE;
          deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
          continue;
        }
        nodeBackoff.reset();
        state.passed(want.get().version(), pass == SliceSync.Pass.CONVERGED);
      } catch (NodeOwner.MissingException e) {
        mode = DesiredState.Wait.SIGNAL_OR_DEADLINE;
        deadline = System.nanoTime() + nodeBackoff.next().toNanos();
      } catch (ApiException e) {
        Duration delay = backoff.next();
        LOG.debug("reconcile of {} failed; retrying in {} ms", who, delay.toMillis(), e);
        try {
          reachability.awaitRetry(delay, recoveries);
        } catch (InterruptedException interrupted) {
          return;
        }
        // Run again at once with the latest desired state.
        mode = DesiredState.Wait.DEADLINE;
        deadline = System.nanoTime();
      } catch (RuntimeException e) {
        Duration delay = backoff.next();
        mode = DesiredState.Wait.DEADLINE;
        deadline = System.nanoTime() + delay.toNanos();
        counters.failed("reconcile", e);
        LOG.error("reconciling ResourceSlices of {} failed unexpectedly", who, e);
      }
    }
  }
}
