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

import io.dra4j.runtime.internal.kube.JsonInformer;
import io.kubernetes.client.openapi.ApiException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what a {@link SlicePublisher} wrote and what failed, and keeps the text of the last
 * failure: it names the verb, the resource, the driver and node, and for an RBAC denial the
 * permissions to grant. Thread-safe.
 */
final class PublisherCounters {
  // Under the publisher's name: one logger setting covers every part of it.
  private static final Logger LOG = LoggerFactory.getLogger(SlicePublisher.class);

  private final String who;
  private final AtomicLong creates = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private volatile String lastError;

  /**
   * @param who the publisher in log lines and error texts, e.g. {@code driver gpu.example.com on
   *     node node-a}
   */
  PublisherCounters(String who) {
    this.who = who;
  }

  void created() {
    creates.incrementAndGet();
  }

  void updated() {
    updates.incrementAndGet();
  }

  void deleted() {
    deletes.incrementAndGet();
  }

  void conflict() {
    conflicts.incrementAndGet();
  }

  void sync() {
    syncs.incrementAndGet();
  }

  /**
   * Records a failed call on one object, logs that it is retried, and returns the exception for the
   * caller to throw.
   */
  ApiException failed(String verb, String resource, String name, ApiException e) {
    return failed(verb, resource, name, e, Optional.empty());
  }

  /** As {@link #failed(String, String, String, ApiException)}, with the cause and fix appended. */
  ApiException failed(
      String verb, String resource, String name, ApiException e, Optional<String> hint) {
    record(
        verb,
        resource + (resource.equals("nodes") ? " " : ".resource.k8s.io ") + name,
        e,
        true,
        hint);
    return e;
  }

  /** Records a failure that its reporter (the informer, the reconcile loop) logs itself. */
  void failed(String verb, Exception e) {
    record(verb, "resourceslices.resource.k8s.io", e, false, Optional.empty());
  }

  private void record(
      String verb, String what, Exception e, boolean logRetry, Optional<String> hint) {
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
      lastError =
          verb
              + " "
              + what
              + " for "
              + who
              + " failed: "
              + JsonInformer.describe(e)
              + hint.map(h -> "; " + h).orElse("");
      if (logRetry) {
        LOG.warn("{}; retrying with backoff", lastError);
      }
    }
  }

  PublisherStats snapshot() {
    return new PublisherStats(
        creates.get(),
        updates.get(),
        deletes.get(),
        conflicts.get(),
        failures.get(),
        syncs.get(),
        Optional.ofNullable(lastError));
  }
}
