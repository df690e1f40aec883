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

import io.dra4j.testkit.allocator.Catalog.NodePool;
import io.dra4j.testkit.allocator.ClaimPlan.Alternative;
import io.dra4j.testkit.allocator.ClaimPlan.ConstraintPlan;
import io.dra4j.testkit.allocator.ClaimPlan.RequestPlan;
import io.dra4j.testkit.allocator.Explanation.ClaimReport;
import io.dra4j.testkit.allocator.Explanation.ConstraintReport;
import io.dra4j.testkit.allocator.Explanation.NodeReport;
import io.dra4j.testkit.allocator.Explanation.Reason;
import io.dra4j.testkit.allocator.Explanation.RequestReport;
import io.dra4j.testkit.cel.DeviceSelector;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1DeviceTaint;
import io.kubernetes.client.openapi.models.V1Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the per-node report behind {@link Allocator#explain}. */
final class Explainer {

  private final Catalog catalog;
  private final Usage usage;
  private final long maxSteps;

  Explainer(Catalog catalog, Usage usage, long maxSteps) {
    this.catalog = catalog;
    this.usage = usage;
    this.maxSteps = maxSteps;
  }

  /** Per-request funnel on one node, with the usable devices kept for constraint analysis. */
  private record Funnel(RequestReport report, List<DeviceView> usable) {}

  /** Why a node does not fit: the category and the one-line text. */
  private record Cause(Reason reason, String text) {}

  NodeReport explain(V1Node node, List<ResourceV1ResourceClaim> claims) {
    String nodeName = NodeMatch.name(node);
    List<NodePool> pools = catalog.poolsOn(node);
    int devicesOnNode = pools.stream().mapToInt(p -> p.devices().size()).sum();
    List<ClaimPlan> plans = new ArrayList<>();
    List<ClaimReport> reports = new ArrayList<>();
    Optional<Cause> stop = Optional.empty();
    for (ResourceV1ResourceClaim claim : claims) {
      try {
        plans.add(ClaimPlan.resolve(claim, catalog));
      } catch (ClaimPlan.PlanException e) {
        reports.add(
            new ClaimReport(ClaimPlan.ref(claim), List.of(e.getMessage()), List.of(), List.of()));
        stop = stop.or(() -> Optional.of(new Cause(Reason.INVALID_CLAIM, e.getMessage())));
      }
    }
    boolean fits = false;
    if (stop.isEmpty()) {
      try {
        fits = new Search(catalog, usage, catalog.view(node), plans, maxSteps).run();
      } catch (Search.BudgetExceeded e) {
        stop =
            Optional.of(
                new Cause(
                    Reason.SEARCH_LIMIT, e.getMessage() + "; the claims are too hard to search"));
      } catch (CelFailure.Stop e) {
        stop =
            Optional.of(
                new Cause(
                    Reason.CEL_RUNTIME_ERROR,
                    e.getMessage()
                        + " (the scheduler evaluates selectors device by device and stops the"
                        + " pod's scheduling attempt at the first runtime error it meets)"));
      }
    }
    Search probe = new Search(catalog, usage, catalog.view(node), plans, maxSteps);
    Optional<Cause> cause = Optional.empty();
    for (ClaimPlan plan : plans) {
      List<RequestReport> requests = new ArrayList<>();
      Map<Alternative, Funnel> funnels = new LinkedHashMap<>();
      long minimumDevices = 0;
      for (RequestPlan rp : plan.requests) {
        Optional<Cause> shortOfDevices = Optional.empty();
        boolean anyAlternativeOk = false;
        long fewest = Long.MAX_VALUE;
        for (Alternative alt : rp.alternatives()) {
          Funnel f = funnel(probe, pools, devicesOnNode, alt);
          funnels.put(alt, f);
          requests.add(f.report());
          Candidates c = probe.candidates(alt);
          long needed = f.report().needed();
          fewest = Math.min(fewest, needed);
          if (c.problem().isPresent()) {
            shortOfDevices =
                shortOfDevices.or(() -> Optional.of(problem(plan, alt, c.problem().get())));
          } else if (f.usable().size() < needed) {
            shortOfDevices = shortOfDevices.or(() -> Optional.of(shortage(plan, alt, f.report())));
          } else {
            anyAlternativeOk = true;
          }
        }
        minimumDevices += fewest == Long.MAX_VALUE ? 0 : fewest;
        if (!anyAlternativeOk && cause.isEmpty()) {
          cause = shortOfDevices;
        }
      }
      if (minimumDevices > ClaimPlan.MAX_DEVICES_PER_CLAIM && cause.isEmpty()) {
        cause =
            Optional.of(
                new Cause(
                    Reason.TOO_MANY_DEVICES,
                    "claim "
                        + plan.ref
                        + " needs "
                        + minimumDevices
                        + " devices; at most "
                        + ClaimPlan.MAX_DEVICES_PER_CLAIM
                        + " devices can be allocated per claim"));
      }
      Map<Alternative, Long> needed = new LinkedHashMap<>();
      Map<Alternative, List<DeviceView>> usable = new LinkedHashMap<>();
      funnels.forEach(
          (a, f) -> {
            needed.put(a, f.report().needed());
            usable.put(a, f.usable());
          });
      List<ConstraintReport> constraints = new ArrayList<>();
      for (ConstraintPlan cp : plan.constraints) {
        ConstraintVerdict v = ConstraintVerdict.of(cp, needed, usable);
        constraints.add(v.report());
        if (v.unmet().isPresent() && cause.isEmpty()) {
          cause =
              Optional.of(
                  new Cause(
                      v.unmet().get(),
                      "claim " + plan.ref + ": " + cp.describe() + " " + v.report().verdict()));
        }
      }
      reports.add(new ClaimReport(plan.ref, List.of(), requests, constraints));
    }
    if (fits) {
      return new NodeReport(nodeName, true, Reason.FITS, "fits", reports);
    }
    Optional<Cause> found = cause;
    Cause why =
        stop.or(() -> found)
            .orElse(
                new Cause(
                    Reason.NO_COMBINATION,
                    "no combination of devices satisfies all requests and constraints together"
                        + " (devices that one request needs are needed by another)"));
    return new NodeReport(nodeName, false, why.reason(), "does not fit: " + why.text(), reports);
  }

  private static Cause problem(ClaimPlan plan, Alternative alt, String problem) {
    return new Cause(
        problem.contains("none matches") ? Reason.NO_MATCHING_DEVICES : Reason.POOL_UNUSABLE,
        "claim " + plan.ref + " request " + alt.resultName + " " + problem);
  }

  /**
   * Too few usable devices: the category is what took the most devices away (taints, counters or
   * capacity, other claims, pools), and the text names an example of it.
   */
  private static Cause shortage(ClaimPlan plan, Alternative alt, RequestReport r) {
    List<String> why = new ArrayList<>();
    if (!r.takenBy().isEmpty()) {
      why.add(r.takenBy().size() + " in use");
    }
    if (!r.taintedNotTolerated().isEmpty()) {
      why.add(r.taintedNotTolerated().size() + " tainted");
    }
    if (!r.countersExhausted().isEmpty()) {
      why.add(r.countersExhausted().size() + " out of counters or capacity");
    }
    if (!r.celErrors().isEmpty()) {
      why.add(r.celErrors().size() + " CEL errors");
    }
    Reason reason = Reason.NO_MATCHING_DEVICES;
    String example = "";
    if (r.matchingRequest() >= r.needed()) {
      int lostToPools =
          r.matchingRequest()
              - r.usable()
              - r.takenBy().size()
              - r.taintedNotTolerated().size()
              - r.countersExhausted().size();
      int most = lostToPools;
      reason = Reason.POOL_UNUSABLE;
      example = r.poolProblems().isEmpty() ? "" : r.poolProblems().get(0);
      if (r.takenBy().size() > most || (r.takenBy().size() == most && most > 0)) {
        most = r.takenBy().size();
        reason = Reason.DEVICES_IN_USE;
        Map.Entry<String, List<String>> first = r.takenBy().entrySet().iterator().next();
        example = first.getKey() + " by " + String.join(", ", first.getValue());
      }
      if (r.countersExhausted().size() >= most && !r.countersExhausted().isEmpty()) {
        most = r.countersExhausted().size();
        reason = Reason.CAPACITY_EXHAUSTED;
        example = r.countersExhausted().get(0);
      }
      if (r.taintedNotTolerated().size() >= most && !r.taintedNotTolerated().isEmpty()) {
        reason = Reason.DEVICES_TAINTED;
        example = r.taintedNotTolerated().get(0);
      }
    }
    return new Cause(
        reason,
        "claim "
            + plan.ref
            + " request "
            + alt.resultName
            + " needs "
            + r.needed()
            + " device(s) of class "
            + alt.className
            + ", "
            + r.usable()
            + " usable of "
            + r.matchingRequest()
            + " matching"
            + (why.isEmpty() ? "" : " (" + String.join(", ", why) + ")")
            + (example.isEmpty() ? "" : ": " + example));
  }

  private Funnel funnel(Search probe, List<NodePool> pools, int devicesOnNode, Alternative alt) {
    int matchingClass = 0;
    int matchingRequest = 0;
    List<String> celErrors = new ArrayList<>();
    Map<String, List<String>> takenBy = new LinkedHashMap<>();
    List<String> tainted = new ArrayList<>();
    List<String> counters = new ArrayList<>();
    Set<String> poolProblems = new LinkedHashSet<>();
    List<DeviceView> usable = new ArrayList<>();
    for (NodePool np : pools) {
      for (DeviceView d : np.devices()) {
        if (!allMatch(alt.classSelectors, d, "class " + alt.className, celErrors)) {
          continue;
        }
        matchingClass++;
        if (!allMatch(alt.requestSelectors, d, "request " + alt.resultName, celErrors)) {
          continue;
        }
        matchingRequest++;
        if (np.pool().invalidReason.isPresent()) {
          poolProblems.add(np.pool().problem().orElseThrow());
          continue;
        }
        if (alt.all && np.pool().incomplete()) {
          poolProblems.add(np.pool().problem().orElseThrow());
        }
        Optional<V1DeviceTaint> taint = Taints.untolerated(alt, d);
        if (taint.isPresent()) {
          tainted.add(d.id + " (" + Taints.describe(d, taint.get()) + ")");
          continue;
        }
        if (!alt.adminAccess && !d.allowMultipleAllocations && usage.inUse(d.id)) {
          takenBy.put(d.id.toString(), usage.holders(d.id));
          continue;
        }
        boolean countsCounters =
            !alt.adminAccess
                && !d.consumes.isEmpty()
                && !(d.allowMultipleAllocations && usage.inUse(d.id));
        Optional<String> shortfall =
            (countsCounters ? probe.counterShortfall(d) : Optional.<String>empty())
                .or(
                    () ->
                        SharedCapacity.applies(alt, d)
                            ? probe.capacityShortfall(alt, d)
                            : Optional.empty())
                .or(() -> probe.capacityRecheckShortfall(alt, d));
        if (shortfall.isPresent()) {
          counters.add(d.id + ": " + shortfall.get());
          continue;
        }
        usable.add(d);
      }
    }
    long needed = alt.all ? matchingRequest : alt.count;
    RequestReport report =
        new RequestReport(
            alt.resultName,
            alt.className,
            alt.mode() + (alt.adminAccess ? ", admin access" : ""),
            needed,
            devicesOnNode,
            matchingClass,
            matchingRequest,
            usable.size(),
            celErrors,
            takenBy,
            tainted,
            counters,
            List.copyOf(poolProblems));
    return new Funnel(report, usable);
  }

  private boolean allMatch(
      List<DeviceSelector> selectors, DeviceView d, String owner, List<String> errors) {
    for (DeviceSelector s : selectors) {
      DeviceSelector.Evaluation e = catalog.evaluate(s, d);
      if (e.error().isPresent()) {
        errors.add(
            owner + " selector \"" + s.expression() + "\" on " + d.id + ": " + e.error().get());
      }
      if (!e.matched()) {
        return false;
      }
    }
    return true;
  }
}
