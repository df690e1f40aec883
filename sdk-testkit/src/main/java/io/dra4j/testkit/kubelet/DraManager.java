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
package io.dra4j.testkit.kubelet;

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PodRef;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The kubelet's DRA manager for prepare and unprepare, with its claim-info cache (claim UID → pods,
 * drivers, devices and CDI IDs).
 *
 * <p>Prepare validates first that every driver of every allocation is registered, then records the
 * pod's reference on each claim, then sends all not-yet-prepared claims in one NodePrepareResources
 * call per driver. An RPC error, a per-claim error, an unknown claim UID or a missing claim fails
 * the pod; claims are marked prepared only after all calls succeeded, and nothing is rolled back.
 * Unprepare drops the pod's reference and sends, per driver, the claims no other pod references;
 * they leave the cache only when every call succeeded.
 */
final class DraManager {

  private static final class Entry {
    final ClaimRef claim;
    final Set<String> drivers;
    final Set<String> pods = new LinkedHashSet<>();
    final Map<String, List<ClaimDevice>> devices = new TreeMap<>();
    boolean prepared;

    Entry(ClaimRef claim, Set<String> drivers) {
      this.claim = claim;
      this.drivers = drivers;
    }

    ClaimInfo view() {
      List<ClaimDevice> all = new ArrayList<>();
      devices.values().forEach(all::addAll);
      return new ClaimInfo(claim, pods, drivers, prepared, all);
    }
  }

  private final DraPlugins plugins;
  private final EventLog events;
  private final Duration callTimeout;
  private final Map<String, Entry> cache = new LinkedHashMap<>();

  DraManager(DraPlugins plugins, EventLog events, Duration callTimeout) {
    this.plugins = plugins;
    this.events = events;
    this.callTimeout = callTimeout;
  }

  PodPrepareResult prepare(PodClaims pod) {
    String subject = "pod " + pod.pod().namespace() + "/" + pod.pod().name();
    List<String> problems = validate(pod);
    if (!problems.isEmpty()) {
      events.record(subject, "prepare failed before any call: " + String.join("; ", problems));
      return new PodPrepareResult(pod.pod(), List.of(), List.of(), problems);
    }

    Map<String, List<ClaimRef>> batches = new TreeMap<>();
    List<ClaimRef> toPrepare = new ArrayList<>();
    List<ClaimRef> skipped = new ArrayList<>();
    synchronized (cache) {
      for (ClaimAllocation claim : pod.claims()) {
        Entry entry =
            cache.computeIfAbsent(
                claim.claim().uid(), uid -> new Entry(claim.claim(), claim.drivers()));
        entry.pods.add(pod.pod().uid());
        if (entry.prepared) {
          skipped.add(claim.claim());
          continue;
        }
        toPrepare.add(claim.claim());
        for (String driver : entry.drivers) {
          batches.computeIfAbsent(driver, d -> new ArrayList<>()).add(claim.claim());
        }
      }
    }

    for (Map.Entry<String, List<ClaimRef>> batch : batches.entrySet()) {
      List<String> batchProblems = prepareBatch(batch.getKey(), batch.getValue());
      if (!batchProblems.isEmpty()) {
        // Like the kubelet: stop at the first failing driver, keep what others did, retry later.
        events.record(subject, "prepare failed: " + String.join("; ", batchProblems));
        return new PodPrepareResult(pod.pod(), List.of(), skipped, batchProblems);
      }
    }

    synchronized (cache) {
      for (ClaimRef claim : toPrepare) {
        Entry entry = cache.get(claim.uid());
        if (entry != null) {
          entry.prepared = true;
        }
      }
    }
    events.record(
        subject,
        "prepared "
            + toPrepare.size()
            + " claim(s) in "
            + batches.size()
            + " call(s), skipped "
            + skipped.size()
            + " already prepared");
    return new PodPrepareResult(pod.pod(), toPrepare, skipped, List.of());
  }

  private List<String> validate(PodClaims pod) {
    List<String> problems = new ArrayList<>();
    Set<String> claimUids = new HashSet<>();
    for (ClaimAllocation claim : pod.claims()) {
      if (!claimUids.add(claim.claim().uid())) {
        problems.add("claim " + claim.claim() + " is listed twice for the pod");
      }
      if (claim.devices().isEmpty()) {
        problems.add(
            "claim "
                + claim.claim()
                + " is not allocated; the scheduler must allocate it before the pod starts");
      }
      for (String driver : claim.drivers()) {
        if (plugins.pick(driver).isEmpty()) {
          problems.add(
              "DRA driver "
                  + driver
                  + " is not registered (needed by claim "
                  + claim.claim()
                  + "); start the driver or wait for its registration");
        }
      }
    }
    return problems;
  }

  private List<String> prepareBatch(String driver, List<ClaimRef> claims) {
    Batch<DraClient.PrepareOutcome> batch =
        callBatch(
            "NodePrepareResources",
            driver,
            claims,
            (client, list) -> client.prepare(list, callTimeout),
            DraClient.PrepareOutcome::error);
    synchronized (cache) {
      for (ClaimRef claim : claims) {
        DraClient.PrepareOutcome outcome = batch.response().get(claim.uid());
        Entry entry = cache.get(claim.uid());
        if (entry != null && outcome != null && outcome.error().isEmpty()) {
          entry.devices.put(driver, outcome.devices());
        }
      }
    }
    return batch.problems();
  }

  /** A batch call's response (empty when the call failed) and the problems that fail the pod. */
  private record Batch<T>(Map<String, T> response, List<String> problems) {}

  /**
   * Calls one driver with one batch of claims and checks the response with the kubelet's rules: an
   * RPC error, a per-claim error, a result for a claim that was not asked for, and a claim left out
   * are each a problem.
   */
  private <T> Batch<T> callBatch(
      String rpc,
      String driver,
      List<ClaimRef> claims,
      BiFunction<DraClient, List<ClaimRef>, Map<String, T>> call,
      Function<T, String> errorOf) {
    Optional<DraPlugins.Instance> instance = plugins.pick(driver);
    if (instance.isEmpty()) {
      return new Batch<>(
          Map.of(),
          List.of(
              "DRA driver "
                  + driver
                  + " is not registered; "
                  + rpc
                  + " for claims "
                  + uids(claims)
                  + " must wait until it comes back"));
    }
    Map<String, T> response;
    try {
      response = call.apply(instance.get().client, claims);
    } catch (RuntimeException e) {
      Status status = Status.fromThrowable(e);
      return new Batch<>(
          Map.of(),
          List.of(
              rpc
                  + " of driver "
                  + driver
                  + " failed: "
                  + status.getCode()
                  + (status.getDescription() == null ? "" : ": " + status.getDescription())
                  + " (claims "
                  + uids(claims)
                  + ")"));
    }
    Map<String, ClaimRef> requested = new LinkedHashMap<>();
    claims.forEach(c -> requested.put(c.uid(), c));
    List<String> problems = new ArrayList<>();
    response.forEach(
        (uid, result) -> {
          ClaimRef claim = requested.get(uid);
          String error = errorOf.apply(result);
          if (claim == null) {
            problems.add(
                rpc + " of driver " + driver + " returned a result for unknown claim UID " + uid);
          } else if (!error.isEmpty()) {
            problems.add(
                rpc
                    + " of driver "
                    + driver
                    + " failed for claim "
                    + claim.namespace()
                    + "/"
                    + claim.name()
                    + ": "
                    + error);
          }
        });
    List<ClaimRef> missing = claims.stream().filter(c -> !response.containsKey(c.uid())).toList();
    if (!missing.isEmpty()) {
      problems.add(
          rpc
              + " of driver "
              + driver
              + " left out "
              + missing.size()
              + " claim(s): "
              + missing
              + "; every requested claim needs an entry in the response");
    }
    return new Batch<>(response, problems);
  }

  PodUnprepareResult unprepare(PodRef pod) {
    String subject = "pod " + pod.namespace() + "/" + pod.name();
    Map<String, List<ClaimRef>> batches = new TreeMap<>();
    List<ClaimRef> toUnprepare = new ArrayList<>();
    List<ClaimRef> stillInUse = new ArrayList<>();
    synchronized (cache) {
      for (Entry entry : cache.values()) {
        if (!entry.pods.contains(pod.uid())) {
          continue;
        }
        if (entry.pods.size() > 1) {
          entry.pods.remove(pod.uid());
          stillInUse.add(entry.claim);
          continue;
        }
        toUnprepare.add(entry.claim);
        for (String driver : entry.drivers) {
          batches.computeIfAbsent(driver, d -> new ArrayList<>()).add(entry.claim);
        }
      }
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ClaimRef>> batch : batches.entrySet()) {
      problems.addAll(
          callBatch(
                  "NodeUnprepareResources",
                  batch.getKey(),
                  batch.getValue(),
                  (client, list) -> client.unprepare(list, callTimeout),
                  error -> error)
              .problems());
      if (!problems.isEmpty()) {
        break;
      }
    }
    if (!problems.isEmpty()) {
      events.record(subject, "unprepare failed: " + String.join("; ", problems));
      return new PodUnprepareResult(pod, List.of(), stillInUse, problems);
    }
    synchronized (cache) {
      toUnprepare.forEach(c -> cache.remove(c.uid()));
    }
    events.record(
        subject,
        "unprepared "
            + toUnprepare.size()
            + " claim(s) in "
            + batches.size()
            + " call(s), "
            + stillInUse.size()
            + " still in use by other pods");
    return new PodUnprepareResult(pod, toUnprepare, stillInUse, List.of());
  }

  /**
   * Fills the cache from claim infos an earlier kubelet held, as the kubelet reads its checkpoint
   * when it starts again: prepared claims are not prepared again, and a pod's delete unprepares
   * them.
   */
  void restore(List<ClaimInfo> checkpoint) {
    synchronized (cache) {
      for (ClaimInfo info : checkpoint) {
        Entry entry = new Entry(info.claim(), new LinkedHashSet<>(info.drivers()));
        entry.pods.addAll(info.podUids());
        entry.prepared = info.prepared();
        for (ClaimDevice device : info.devices()) {
          entry.devices.computeIfAbsent(device.driver(), d -> new ArrayList<>()).add(device);
        }
        cache.put(info.claim().uid(), entry);
      }
    }
  }

  Optional<ClaimInfo> claimInfo(String claimUid) {
    synchronized (cache) {
      return Optional.ofNullable(cache.get(claimUid)).map(Entry::view);
    }
  }

  List<ClaimInfo> claimInfos() {
    synchronized (cache) {
      return cache.values().stream().map(Entry::view).toList();
    }
  }

  /** The prepared claims a pod references, in cache order. */
  List<ClaimInfo> podClaims(PodRef pod) {
    synchronized (cache) {
      return cache.values().stream()
          .filter(e -> e.pods.contains(pod.uid()))
          .map(Entry::view)
          .toList();
    }
  }

  private static Set<String> uids(List<ClaimRef> claims) {
    Set<String> uids = new TreeSet<>();
    claims.forEach(c -> uids.add(c.uid()));
    return uids;
  }
}
