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
package io.dra4j.testkit.allocator;

import static io.dra4j.testkit.allocator.NodeMatch.nullToEmpty;

import io.dra4j.testkit.allocator.ClaimPlan.Alternative;
import io.dra4j.testkit.allocator.ClaimPlan.RequestPlan;
import io.dra4j.testkit.cel.DeviceCel;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1AllocationResult;
import io.kubernetes.client.openapi.models.V1DeviceAllocationConfiguration;
import io.kubernetes.client.openapi.models.V1DeviceAllocationResult;
import io.kubernetes.client.openapi.models.V1DeviceClaimConfiguration;
import io.kubernetes.client.openapi.models.V1DeviceClassConfiguration;
import io.kubernetes.client.openapi.models.V1DeviceRequestAllocationResult;
import io.kubernetes.client.openapi.models.V1DeviceTaint;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1ResourceSliceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The structured-parameters allocator of the Kubernetes scheduler, as the release and gates of
 * {@link AllocatorFeatures} run it (1.34 to 1.37), for tests and simulations. It allocates all
 * claims of one pod together on one node: DeviceClass and request CEL selectors, {@code ExactCount}
 * and {@code All}, {@code matchAttribute}/{@code distinctAttribute}, {@code firstAvailable}, admin
 * access, shared counters, device taints and multi-allocation devices; first-fit depth-first
 * backtracking over pools, slices and devices in the release's visiting order. Selectors are
 * evaluated as the scheduler evaluates them, so a CEL runtime error stops the allocation only where
 * the scheduler meets it. Instances are immutable; {@link #withAllocated} returns one that sees
 * more devices in use and shares compiled selectors.
 *
 * <p>Pools: only slices of a pool's highest generation count. An incomplete pool (fewer slices than
 * {@code resourceSliceCount}) still serves {@code ExactCount} requests with the devices it has, but
 * fails an {@code All} request that matches any of its devices; a pool with duplicate device or
 * counter-set names is invalid and never used.
 *
 * <p>Admin access needs the namespace label {@code resource.kubernetes.io/admin-access=true} in a
 * real cluster; that is an admission rule, so this allocator does not check it.
 */
public final class Allocator {

  /** Device checks per node and attempt before the search gives up (the filter timeout). */
  public static final long DEFAULT_MAX_STEPS = 2_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(Allocator.class);

  private final Catalog catalog;
  private final Usage usage;
  private final long maxSteps;

  private Allocator(Catalog catalog, Usage usage, long maxSteps) {
    this.catalog = catalog;
    this.usage = usage;
    this.maxSteps = maxSteps;
  }

  /** An allocator over {@code state} with a new CEL environment. */
  public static Allocator create(ClusterState state) {
    return create(state, DeviceCel.create(), DEFAULT_MAX_STEPS);
  }

  /**
   * An allocator over {@code state} sharing {@code cel}'s compiled programs, giving up on a node
   * after {@code maxSteps} device checks.
   */
  public static Allocator create(ClusterState state, DeviceCel cel, long maxSteps) {
    return create(state, cel, maxSteps, AllocatorFeatures.NEWEST);
  }

  /**
   * An allocator as the scheduler of the release {@code features} describe: which devices it may
   * use (taints, rules, binding conditions, shared devices), which request fields count, and the
   * order in which it visits pools and slices.
   */
  public static Allocator create(
      ClusterState state, DeviceCel cel, long maxSteps, AllocatorFeatures features) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
    }
    Catalog catalog =
        new Catalog(state.slices(), state.deviceClasses(), cel, features, state.taintRules());
    return new Allocator(catalog, Usage.empty().plus(catalog, state.allocatedClaims()), maxSteps);
  }

  /** This allocator with {@code claims} (carrying {@code status.allocation}) also in use. */
  public Allocator withAllocated(List<ResourceV1ResourceClaim> claims) {
    return new Allocator(catalog, usage.plus(catalog, claims), maxSteps);
  }

  /** Allocates all {@code claims} of one pod on {@code node}, or says why they do not fit. */
  public AllocationOutcome allocate(V1Node node, List<ResourceV1ResourceClaim> claims) {
    AllocationOutcome outcome;
    try {
      outcome = tryAllocate(node, resolve(claims));
    } catch (ClaimPlan.PlanException e) {
      return new AllocationOutcome.Unschedulable(NodeMatch.name(node), e.getMessage());
    }
    if (outcome instanceof AllocationOutcome.Unschedulable) {
      Explanation.NodeReport report = new Explainer(catalog, usage, maxSteps).explain(node, claims);
      return new AllocationOutcome.Unschedulable(report.node(), report.summary());
    }
    return outcome;
  }

  /**
   * Tries {@code nodes} in order and returns the first allocation that fits; when none does, the
   * reasons of the first nodes. A selector failing at runtime on a device the search reaches, on
   * any of the nodes, makes the claims unschedulable with that error, as kube-scheduler (which
   * filters every node of a small cluster) stops the pod's scheduling attempt at it.
   */
  public AllocationOutcome allocateOnAnyNode(
      List<V1Node> nodes, List<ResourceV1ResourceClaim> claims) {
    List<ClaimPlan> plans;
    try {
      plans = resolve(claims);
    } catch (ClaimPlan.PlanException e) {
      return new AllocationOutcome.Unschedulable("", e.getMessage());
    }
    for (int i = 0; i < nodes.size(); i++) {
      Attempt attempt = attempt(nodes.get(i), plans);
      if (attempt.failure().isPresent()) {
        return stopped(attempt);
      }
      if (attempt.outcome() instanceof AllocationOutcome.Allocated) {
        return failingAfter(nodes.subList(i + 1, nodes.size()), plans)
            .map(Allocator::stopped)
            .orElse(attempt.outcome());
      }
    }
    List<String> reasons = new ArrayList<>();
    Explainer explainer = new Explainer(catalog, usage, maxSteps);
    for (int i = 0; i < Math.min(3, nodes.size()); i++) {
      Explanation.NodeReport r = explainer.explain(nodes.get(i), claims);
      reasons.add(r.node() + ": " + r.summary());
    }
    String more = nodes.size() > 3 ? "; and " + (nodes.size() - 3) + " more nodes" : "";
    return new AllocationOutcome.Unschedulable(
        "", "0/" + nodes.size() + " nodes fit the claims: " + String.join("; ", reasons) + more);
  }

  /**
   * The first of {@code nodes} whose search meets a failing selector. Only nodes where a selector
   * of the claims fails on some device are searched, and only when one fails anywhere.
   */
  private Optional<Attempt> failingAfter(List<V1Node> nodes, List<ClaimPlan> plans) {
    List<Alternative> alternatives = new ArrayList<>();
    for (ClaimPlan p : plans) {
      p.requests.forEach(r -> alternatives.addAll(r.alternatives()));
    }
    if (alternatives.stream().noneMatch(a -> Candidates.failAnywhere(catalog, a))) {
      return Optional.empty();
    }
    for (V1Node node : nodes) {
      Search probe = new Search(catalog, usage, catalog.view(node), plans, maxSteps);
      if (alternatives.stream().anyMatch(a -> probe.candidates(a).failing())) {
        Attempt attempt = attempt(node, plans);
        if (attempt.failure().isPresent()) {
          return Optional.of(attempt);
        }
      }
    }
    return Optional.empty();
  }

  private static AllocationOutcome stopped(Attempt attempt) {
    return new AllocationOutcome.Unschedulable(
        attempt.outcome().node(),
        "allocation stopped on node "
            + attempt.outcome().node()
            + ": "
            + attempt.failure().orElseThrow());
  }

  /** Why the claims do (or do not) fit on {@code node}. */
  public Explanation explain(V1Node node, List<ResourceV1ResourceClaim> claims) {
    return explain(List.of(node), claims);
  }

  /** Why the claims do (or do not) fit on each of {@code nodes}. */
  public Explanation explain(List<V1Node> nodes, List<ResourceV1ResourceClaim> claims) {
    Explainer explainer = new Explainer(catalog, usage, maxSteps);
    List<Explanation.NodeReport> reports = new ArrayList<>();
    for (V1Node node : nodes) {
      reports.add(explainer.explain(node, claims));
    }
    return new Explanation(reports);
  }

  /**
   * What the device taint eviction controller sees for an allocated claim: the first {@code
   * NoExecute} taint (of a slice or a DeviceTaintRule) on one of its devices that the allocation's
   * tolerations do not tolerate, described; empty when there is none or taints are off.
   */
  public Optional<String> untoleratedNoExecute(ResourceV1ResourceClaim claim) {
    if (claim.getStatus() == null
        || claim.getStatus().getAllocation() == null
        || claim.getStatus().getAllocation().getDevices() == null) {
      return Optional.empty();
    }
    for (V1DeviceRequestAllocationResult r :
        nullToEmpty(claim.getStatus().getAllocation().getDevices().getResults())) {
      DeviceView d = catalog.devices.get(new DeviceId(r.getDriver(), r.getPool(), r.getDevice()));
      for (V1DeviceTaint t : d == null ? List.<V1DeviceTaint>of() : d.taints) {
        if ("NoExecute".equals(t.getEffect())
            && nullToEmpty(r.getTolerations()).stream().noneMatch(x -> Taints.tolerates(x, t))) {
          return Optional.of(
              "device "
                  + d.id
                  + " has taint "
                  + Taints.describe(d, t)
                  + " that claim "
                  + ClaimPlan.ref(claim)
                  + " does not tolerate");
        }
      }
    }
    return Optional.empty();
  }

  private List<ClaimPlan> resolve(List<ResourceV1ResourceClaim> claims)
      throws ClaimPlan.PlanException {
    List<ClaimPlan> plans = new ArrayList<>();
    for (ResourceV1ResourceClaim claim : claims) {
      plans.add(ClaimPlan.resolve(claim, catalog));
    }
    return plans;
  }

  /** One node's search: its outcome, and the selector failure that stopped it, if one did. */
  private record Attempt(AllocationOutcome outcome, Optional<String> failure) {}

  private AllocationOutcome tryAllocate(V1Node node, List<ClaimPlan> plans) {
    return attempt(node, plans).outcome();
  }

  private Attempt attempt(V1Node node, List<ClaimPlan> plans) {
    String nodeName = NodeMatch.name(node);
    Search search = new Search(catalog, usage, catalog.view(node), plans, maxSteps);
    boolean found;
    try {
      found = search.run();
    } catch (Search.BudgetExceeded e) {
      return new Attempt(
          new AllocationOutcome.Unschedulable(nodeName, e.getMessage()), Optional.empty());
    } catch (CelFailure.Stop e) {
      LOG.debug("allocation on node {} stopped at a selector: {}", nodeName, e.getMessage());
      return new Attempt(
          new AllocationOutcome.Unschedulable(nodeName, e.getMessage()),
          Optional.of(e.getMessage()));
    }
    if (!found) {
      return new Attempt(new AllocationOutcome.Unschedulable(nodeName, "no fit"), Optional.empty());
    }
    List<V1AllocationResult> results = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      results.add(result(nodeName, plans.get(i), search.chosen().get(i)));
      LOG.debug(
          "allocated claim {} on node {}: {} device(s) after {} device checks",
          plans.get(i).ref,
          nodeName,
          search.chosen().get(i).size(),
          search.steps());
    }
    return new Attempt(new AllocationOutcome.Allocated(nodeName, results), Optional.empty());
  }

  private static V1AllocationResult result(
      String nodeName, ClaimPlan plan, List<Search.Chosen> chosen) {
    List<V1DeviceRequestAllocationResult> results = new ArrayList<>();
    Map<String, Alternative> used = new HashMap<>();
    V1NodeSelectorTerm term = new V1NodeSelectorTerm();
    for (Search.Chosen c : chosen) {
      Alternative alt = c.alternative();
      DeviceView d = c.device();
      used.putIfAbsent(alt.requestName, alt);
      V1DeviceRequestAllocationResult r =
          new V1DeviceRequestAllocationResult()
              .request(alt.resultName)
              .driver(d.id.driver())
              .pool(d.id.pool())
              .device(d.id.device());
      if (alt.adminAccess) {
        r.adminAccess(true);
      }
      if (!d.bindingConditions.isEmpty()) {
        r.bindingConditions(new ArrayList<>(d.bindingConditions));
        r.bindingFailureConditions(new ArrayList<>(d.bindingFailureConditions));
      }
      if (!alt.tolerations.isEmpty()) {
        r.tolerations(new ArrayList<>(alt.tolerations));
      }
      if (SharedCapacity.applies(alt, d)) {
        r.shareID(UUID.randomUUID().toString());
        SharedCapacity.consumption(d, alt)
            .filter(m -> !m.isEmpty())
            .ifPresent(m -> r.consumedCapacity(new LinkedHashMap<>(m)));
      }
      results.add(r);
      addNodeRequirements(term, d, nodeName);
    }
    List<V1DeviceAllocationConfiguration> config = new ArrayList<>();
    for (RequestPlan rp : plan.requests) {
      Alternative alt = used.get(rp.name());
      if (alt == null || alt.deviceClass.getSpec() == null) {
        continue;
      }
      for (V1DeviceClassConfiguration c : nullToEmpty(alt.deviceClass.getSpec().getConfig())) {
        config.add(
            new V1DeviceAllocationConfiguration()
                .source("FromClass")
                .requests(new ArrayList<>(List.of(alt.resultName)))
                .opaque(c.getOpaque()));
      }
    }
    if (plan.claim.getSpec() != null && plan.claim.getSpec().getDevices() != null) {
      for (V1DeviceClaimConfiguration c :
          nullToEmpty(plan.claim.getSpec().getDevices().getConfig())) {
        config.add(
            new V1DeviceAllocationConfiguration()
                .source("FromClaim")
                .requests(new ArrayList<>(nullToEmpty(c.getRequests())))
                .opaque(c.getOpaque()));
      }
    }
    V1AllocationResult allocation =
        new V1AllocationResult()
            .devices(new V1DeviceAllocationResult().results(results).config(config));
    if (results.stream().anyMatch(r -> r.getBindingConditions() != null)) {
      allocation.allocationTimestamp(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
    }
    if (!nullToEmpty(term.getMatchFields()).isEmpty()
        || !nullToEmpty(term.getMatchExpressions()).isEmpty()) {
      allocation.nodeSelector(new V1NodeSelector().addNodeSelectorTermsItem(term));
    }
    return allocation;
  }

  /** The scheduler narrows the claim to the nodes that can reach every allocated device. */
  private static void addNodeRequirements(V1NodeSelectorTerm term, DeviceView d, String node) {
    V1ResourceSliceSpec spec = d.slice.spec();
    String nodeName = spec.getNodeName();
    V1NodeSelector selector = spec.getNodeSelector();
    if (Boolean.TRUE.equals(spec.getPerDeviceNodeSelection())) {
      nodeName = d.device.getNodeName();
      selector = d.device.getNodeSelector();
    }
    if (nodeName != null && !nodeName.isEmpty()) {
      V1NodeSelectorRequirement r =
          new V1NodeSelectorRequirement()
              .key("metadata.name")
              .operator("In")
              .values(new ArrayList<>(List.of(nodeName)));
      if (!nullToEmpty(term.getMatchFields()).contains(r)) {
        term.addMatchFieldsItem(r);
      }
    } else if (selector != null) {
      for (V1NodeSelectorTerm t : nullToEmpty(selector.getNodeSelectorTerms())) {
        for (V1NodeSelectorRequirement r : nullToEmpty(t.getMatchExpressions())) {
          if (!nullToEmpty(term.getMatchExpressions()).contains(r)) {
            term.addMatchExpressionsItem(r);
          }
        }
        for (V1NodeSelectorRequirement r : nullToEmpty(t.getMatchFields())) {
          if (!nullToEmpty(term.getMatchFields()).contains(r)) {
            term.addMatchFieldsItem(r);
          }
        }
      }
    }
  }
}
