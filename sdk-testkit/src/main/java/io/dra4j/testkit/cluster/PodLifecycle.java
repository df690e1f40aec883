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
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.allocator.Allocator;
import io.dra4j.testkit.allocator.ApiModels;
import io.dra4j.testkit.allocator.BindingState;
import io.dra4j.testkit.allocator.Explanation;
import io.dra4j.testkit.cdi.CdiInjectionException;
import io.dra4j.testkit.cdi.ContainerView;
import io.dra4j.testkit.cel.DeviceCel;
import io.dra4j.testkit.kubelet.PodPrepareResult;
import io.dra4j.testkit.kubelet.PodUnprepareResult;
import io.dra4j.testkit.kubelet.SimulatedKubelet;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs and deletes pods on the cluster, one at a time like the scheduler, and remembers the pods it
 * ran. Running creates the pod, has the {@link ClaimController} create its claims and the {@link
 * Scheduler} place it, then has the node's kubelet prepare it; deleting has the kubelet unprepare
 * it, the scheduler release its claims, and deletes it.
 *
 * <p>Thread-safe: every method holds one lock, so runs and deletes are serialized.
 */
final class PodLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(PodLifecycle.class);

  private final ApiRest rest;
  private final ClusterNodes nodes;
  private final ClaimController claimController;
  private final Scheduler scheduler;
  private final boolean prepares;
  private final Supplier<String> report;
  private final Map<String, PodRun> pods = new LinkedHashMap<>();
  private final Map<String, Held> held = new LinkedHashMap<>();

  PodLifecycle(
      ApiRest rest,
      ClusterNodes nodes,
      ClaimController claimController,
      Scheduler scheduler,
      boolean prepares,
      Supplier<String> report) {
    this.rest = rest;
    this.nodes = nodes;
    this.claimController = claimController;
    this.scheduler = scheduler;
    this.prepares = prepares;
    this.report = report;
  }

  /** The cluster's pods with its resourceclaim controller and scheduler for {@code version}. */
  static PodLifecycle create(
      ApiRest rest,
      ClusterNodes nodes,
      ClusterVersion version,
      boolean prepares,
      Supplier<String> report) {
    Scheduler scheduler =
        new Scheduler(
            rest,
            nodes::contains,
            DeviceCel.create(version.listTypeAttributes()),
            version.features(),
            report);
    return new PodLifecycle(
        rest, nodes, new ClaimController(rest, report), scheduler, prepares, report);
  }

  /** Runs a pod given as JSON; see {@code DraCluster.runPod(String)}. */
  synchronized PodRun run(JsonObject pod) {
    String ns = JsonFields.string(pod, "metadata", "namespace");
    if (ns.isEmpty()) {
      ns = "default";
      pod.getAsJsonObject("metadata").addProperty("namespace", ns);
    }
    pod.remove("status");
    try {
      return schedule(pod, ns);
    } catch (ApiRest.ApiCallException e) {
      throw new IllegalStateException(
          "running pod "
              + ns
              + "/"
              + JsonFields.string(pod, "metadata", "name")
              + ": "
              + e.getMessage()
              + "\n"
              + report.get(),
          e);
    }
  }

  private PodRun schedule(JsonObject pod, String ns) {
    JsonObject created = rest.create(ApiPaths.pods(ns), pod);
    PodRef ref =
        new PodRef(
            ns,
            JsonFields.string(created, "metadata", "name"),
            JsonFields.string(created, "metadata", "uid"));
    List<PodClaim> claims = new ArrayList<>(claimController.claimsOf(created, ref));
    ExtendedResources.Demand demand = scheduler.demand(created);
    Optional<PodClaim> extended = Optional.empty();
    if (!demand.mapped().isEmpty()) {
      extended = Optional.of(extendedClaim(ref, demand));
      claims.add(extended.get());
    }
    Placement placement = scheduler.place(ref, claims, demand);
    if (placement instanceof Placement.Unschedulable && extended.isPresent()) {
      // kube-scheduler makes the claim only once a node fits.
      rest.delete(extended.get().path());
      claims.remove(extended.get());
      placement =
          new Placement.Unschedulable(
              ((Placement.Unschedulable) placement).explanation(),
              placement.claims().subList(0, claims.size()));
    }
    PodRun run = outcome(ref, claims, placement, Optional.empty());
    pods.put(key(ref.namespace(), ref.name()), run);
    LOG.info(
        "pod {}/{}: {}",
        ns,
        ref.name(),
        run.running()
            ? "running on " + run.node().orElseThrow()
            : run.scheduled() && !prepares
                ? "bound to " + run.node().orElseThrow() + " (no drivers: not prepared)"
                : run.scheduled()
                    ? "failed to start on " + run.node().orElseThrow()
                    : run.binding().orElse("unschedulable"));
    return run;
  }

  /** Creates the claim for the pod's extended resources and records it in the pod's status. */
  private PodClaim extendedClaim(PodRef ref, ExtendedResources.Demand demand) {
    JsonObject stored =
        rest.create(ApiPaths.claims(ref.namespace()), ExtendedResources.claim(ref, demand));
    String name = JsonFields.string(stored, "metadata", "name");
    rest.update(
        ApiPaths.pod(ref.namespace(), ref.name()),
        "/status",
        p -> {
          ModelJson.objOrCreate(p, "status")
              .add("extendedResourceClaimStatus", ExtendedResources.status(name, demand));
          return p;
        });
    return new PodClaim(
        ExtendedResources.POD_CLAIM_NAME, ApiPaths.claim(ref.namespace(), name), true);
  }

  /**
   * The run of a placed pod: prepared when bound, held when waiting for binding conditions (then
   * remembered in {@link #held}), or unschedulable. {@code failed} is the failed binding before
   * this placement, if the pod was scheduled again after one: prepended to the binding state and to
   * the explanation.
   */
  private PodRun outcome(
      PodRef ref, List<PodClaim> claims, Placement placement, Optional<FailedBinding> failed) {
    String key = key(ref.namespace(), ref.name());
    held.remove(key);
    String before = failed.map(FailedBinding::retried).orElse("");
    List<Explanation.NodeReport> failure =
        failed.map(f -> List.of(f.state().report(f.node()))).orElse(List.of());
    if (placement instanceof Placement.Waiting w) {
      held.put(key, new Held(ref, List.copyOf(claims), w.node()));
      BindingState state = bindingState(w.claims());
      List<Explanation.NodeReport> reports = new ArrayList<>(failure);
      reports.add(state.report(w.node()));
      return new PodRun(
          ref,
          Optional.empty(),
          ClaimViews.of(claims, w.claims(), rest.list(ApiPaths.SLICES)),
          Optional.empty(),
          Optional.empty(),
          Optional.of(new Explanation(reports)),
          Optional.of(
              before
                  + "waiting for binding conditions on node "
                  + w.node()
                  + ": "
                  + state.detail()));
    }
    PodRun run;
    if (placement instanceof Placement.Bound bound && !prepares) {
      run = boundOnly(ref, claims, bound);
    } else if (placement instanceof Placement.Bound bound) {
      run = prepare(ref, claims, bound);
    } else {
      Placement.Unschedulable u = (Placement.Unschedulable) placement;
      List<Explanation.NodeReport> reports = new ArrayList<>(failure);
      reports.addAll(u.explanation().nodes());
      run =
          new PodRun(
              ref,
              Optional.empty(),
              ClaimViews.of(claims, u.claims(), List.of()),
              Optional.empty(),
              Optional.empty(),
              Optional.of(new Explanation(reports)),
              before.isEmpty() ? Optional.empty() : Optional.of(before + "unschedulable"));
    }
    return run;
  }

  private static BindingState bindingState(List<JsonObject> claims) {
    return BindingState.of(ApiModels.models(claims, ResourceV1ResourceClaim.class));
  }

  /** A binding that failed on {@code node}, after which the pod was scheduled again. */
  private record FailedBinding(String node, BindingState state) {
    String retried() {
      return "binding failed on node " + node + " (" + state.detail() + "), retried: ";
    }
  }

  /**
   * The scheduler's PreBind wait, evaluated once for every pod held for binding conditions: a pod
   * whose conditions all hold is bound (and prepared); one with a failed binding has its claims
   * unreserved (deallocated when no other pod holds them) and is scheduled again.
   *
   * @return the pods whose run changed
   */
  synchronized List<PodRun> recheckBindings() {
    List<PodRun> changed = new ArrayList<>();
    for (Held h : List.copyOf(held.values())) {
      List<JsonObject> stored = new ArrayList<>();
      for (PodClaim c : h.claims()) {
        stored.add(rest.get(c.path()).orElseThrow());
      }
      BindingState state = bindingState(stored);
      PodRun run;
      if (state.ready()) {
        run =
            outcome(
                h.pod(), h.claims(), scheduler.bind(h.pod(), h.node(), stored), Optional.empty());
      } else if (state.reason() == Explanation.Reason.BINDING_FAILED) {
        LOG.info("pod {}: binding failed: {}", h.pod().name(), state.detail());
        for (PodClaim c : h.claims()) {
          scheduler.unreserve(c.path(), h.pod());
        }
        run =
            outcome(
                h.pod(),
                h.claims(),
                scheduler.place(
                    h.pod(),
                    h.claims(),
                    scheduler.demand(
                        rest.get(ApiPaths.pod(h.pod().namespace(), h.pod().name())).orElseThrow())),
                Optional.of(new FailedBinding(h.node(), state)));
      } else {
        continue;
      }
      pods.put(key(h.pod().namespace(), h.pod().name()), run);
      changed.add(run);
    }
    return changed;
  }

  /** A pod held by the scheduler until its devices' binding conditions hold. */
  private record Held(PodRef pod, List<PodClaim> claims, String node) {}

  /** A pod bound in a cluster without drivers: nothing to prepare, no container view. */
  private PodRun boundOnly(PodRef ref, List<PodClaim> claims, Placement.Bound bound) {
    return new PodRun(
        ref,
        Optional.of(bound.node()),
        ClaimViews.of(claims, bound.claims(), rest.list(ApiPaths.SLICES)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The kubelet's part: prepares the bound pod's claims and builds the container's view. */
  private PodRun prepare(PodRef ref, List<PodClaim> claims, Placement.Bound bound) {
    SimulatedKubelet kubelet = nodes.get(bound.node()).kubelet();
    // The kubelet reads client-java models: this is where the JSON is converted.
    PodPrepareResult prepared =
        kubelet.preparePod(
            ApiModels.model(bound.pod(), V1Pod.class),
            ApiModels.models(bound.claims(), ResourceV1ResourceClaim.class));
    Optional<ContainerView> view = Optional.empty();
    if (prepared.succeeded()) {
      try {
        view = Optional.of(kubelet.containerView(ref));
      } catch (CdiInjectionException e) {
        throw new IllegalStateException(
            "the container of pod "
                + ref.name()
                + " on node "
                + bound.node()
                + " cannot be created: "
                + e.getMessage()
                + "\n"
                + report.get(),
            e);
      }
    }
    return new PodRun(
        ref,
        Optional.of(bound.node()),
        ClaimViews.of(claims, bound.claims(), rest.list(ApiPaths.SLICES)),
        Optional.of(prepared),
        view,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The device taint eviction controller, run once: deletes (as {@link #delete} does) every running
   * pod one of whose claims holds a device with a {@code NoExecute} taint, from its slice or a
   * DeviceTaintRule, that the allocation does not tolerate.
   *
   * @return the evicted pods ({@code namespace/name}) with the reason
   */
  synchronized Map<String, String> evictTainted() {
    Map<String, String> evicted = new LinkedHashMap<>();
    Allocator allocator = scheduler.snapshot();
    for (PodRun run : List.copyOf(pods.values())) {
      if (run.node().isEmpty()) {
        continue;
      }
      for (PodClaimAllocation c : run.claims()) {
        Optional<String> why =
            rest.get(ApiPaths.claim(c.claim().namespace(), c.claim().name()))
                .map(j -> ApiModels.model(j, ResourceV1ResourceClaim.class))
                .flatMap(allocator::untoleratedNoExecute);
        if (why.isPresent()) {
          LOG.info("evicting pod {}: {}", run.pod().name(), why.get());
          delete(run.pod().namespace(), run.pod().name());
          evicted.put(key(run.pod().namespace(), run.pod().name()), why.get());
          break;
        }
      }
    }
    return evicted;
  }

  /** The last run of a pod still in the cluster. */
  synchronized Optional<PodRun> get(String namespace, String name) {
    recheckBindings();
    return Optional.ofNullable(pods.get(key(namespace, name)));
  }

  /** The pods run and not deleted, in run order. */
  synchronized List<PodRun> all() {
    recheckBindings();
    return List.copyOf(pods.values());
  }

  /** Deletes every pod run, newest first. */
  synchronized void deleteAll() {
    List<PodRun> all = new ArrayList<>(pods.values());
    Collections.reverse(all);
    for (PodRun run : all) {
      delete(run.pod().namespace(), run.pod().name());
    }
  }

  /** Deletes a pod; see {@code DraCluster.deletePod(String, String)}. */
  synchronized void delete(String namespace, String name) {
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
    if (prepares && run.node().isPresent()) {
      PodUnprepareResult result = nodes.get(run.node().get()).kubelet().unpreparePod(run.pod());
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
                + report.get());
      }
    }
    try {
      for (PodClaimAllocation claim : run.claims()) {
        scheduler.release(claim, run.pod());
      }
      rest.delete(ApiPaths.pod(namespace, name));
    } catch (ApiRest.ApiCallException e) {
      throw new IllegalStateException(
          "deleting pod " + namespace + "/" + name + ": " + e.getMessage() + "\n" + report.get(),
          e);
    }
    pods.remove(key(namespace, name));
    held.remove(key(namespace, name));
    LOG.info("pod {}/{} deleted", namespace, name);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
