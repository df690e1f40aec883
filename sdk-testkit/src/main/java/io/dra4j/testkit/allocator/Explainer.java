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

import io.dra4j.testkit.allocator.Catalog.DeviceView;
import io.dra4j.testkit.allocator.Catalog.NodePool;
import io.dra4j.testkit.allocator.ClaimPlan.Alternative;
import io.dra4j.testkit.allocator.ClaimPlan.ConstraintPlan;
import io.dra4j.testkit.allocator.ClaimPlan.RequestPlan;
import io.dra4j.testkit.allocator.Explanation.ClaimReport;
import io.dra4j.testkit.allocator.Explanation.ConstraintReport;
import io.dra4j.testkit.allocator.Explanation.NodeReport;
import io.dra4j.testkit.allocator.Explanation.RequestReport;
import io.dra4j.testkit.cel.DeviceCel;
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

  NodeReport explain(V1Node node, List<ResourceV1ResourceClaim> claims) {
    String nodeName = NodeMatch.name(node);
    List<NodePool> pools = catalog.poolsOn(node);
    int devicesOnNode = pools.stream().mapToInt(p -> p.devices().size()).sum();
    List<ClaimPlan> plans = new ArrayList<>();
    List<ClaimReport> reports = new ArrayList<>();
    Optional<String> firstProblem = Optional.empty();
    for (ResourceV1ResourceClaim claim : claims) {
      try {
        plans.add(ClaimPlan.resolve(claim, catalog));
      } catch (ClaimPlan.PlanException e) {
        reports.add(
            new ClaimReport(ClaimPlan.ref(claim), List.of(e.getMessage()), List.of(), List.of()));
        if (firstProblem.isEmpty()) {
          firstProblem = Optional.of(e.getMessage());
        }
      }
    }
    Optional<String> searchProblem = Optional.empty();
    boolean fits = false;
    if (firstProblem.isEmpty()) {
      try {
        fits = new Search(catalog, usage, catalog.view(node), plans, maxSteps).run();
      } catch (Search.BudgetExceeded e) {
        searchProblem = Optional.of(e.getMessage() + "; the claims are too hard to search");
      }
    }
    Search probe = new Search(catalog, usage, catalog.view(node), plans, maxSteps);
    Optional<String> reason = Optional.empty();
    for (ClaimPlan plan : plans) {
      List<RequestReport> requests = new ArrayList<>();
      Map<Alternative, Funnel> funnels = new LinkedHashMap<>();
      long minimumDevices = 0;
      for (RequestPlan rp : plan.requests) {
        Optional<String> shortOfDevices = Optional.empty();
        boolean anyAlternativeOk = false;
        long fewest = Long.MAX_VALUE;
        for (Alternative alt : rp.alternatives()) {
          Funnel f = funnel(probe, pools, devicesOnNode, alt);
          funnels.put(alt, f);
          requests.add(f.report());
          Search.Candidates c = probe.candidates(alt);
          long needed = f.report().needed();
          fewest = Math.min(fewest, needed);
          if (c.problem().isPresent()) {
            shortOfDevices =
                shortOfDevices.or(() -> Optional.of(describe(plan, alt, c.problem().get())));
          } else if (f.usable().size() < needed) {
            shortOfDevices = shortOfDevices.or(() -> Optional.of(shortage(plan, alt, f.report())));
          } else {
            anyAlternativeOk = true;
          }
        }
        minimumDevices += fewest == Long.MAX_VALUE ? 0 : fewest;
        if (!anyAlternativeOk && reason.isEmpty()) {
          reason = shortOfDevices;
        }
      }
      if (minimumDevices > ClaimPlan.MAX_DEVICES_PER_CLAIM && reason.isEmpty()) {
        reason =
            Optional.of(
                "claim "
                    + plan.ref
                    + " needs "
                    + minimumDevices
                    + " devices; at most "
                    + ClaimPlan.MAX_DEVICES_PER_CLAIM
                    + " devices can be allocated per claim");
      }
      List<ConstraintReport> constraints = new ArrayList<>();
      for (ConstraintPlan cp : plan.constraints) {
        ConstraintReport cr = constraint(plan, cp, funnels);
        constraints.add(cr);
        if (cr.verdict().startsWith("cannot") && reason.isEmpty()) {
          reason = Optional.of("claim " + plan.ref + ": " + cp.describe() + " " + cr.verdict());
        }
      }
      reports.add(new ClaimReport(plan.ref, List.of(), requests, constraints));
    }
    String summary;
    if (fits) {
      summary = "fits";
    } else if (firstProblem.isPresent()) {
      summary = "does not fit: " + firstProblem.get();
    } else if (searchProblem.isPresent()) {
      summary = "does not fit: " + searchProblem.get();
    } else {
      summary =
          "does not fit: "
              + reason.orElse(
                  "no combination of devices satisfies all requests and constraints together"
                      + " (devices that one request needs are needed by another)");
    }
    return new NodeReport(nodeName, fits, summary, reports);
  }

  private static String describe(ClaimPlan plan, Alternative alt, String problem) {
    return "claim " + plan.ref + " request " + alt.resultName + " " + problem;
  }

  private static String shortage(ClaimPlan plan, Alternative alt, RequestReport r) {
    List<String> why = new ArrayList<>();
    if (!r.takenBy().isEmpty()) {
      why.add(r.takenBy().size() + " in use");
    }
    if (!r.taintedNotTolerated().isEmpty()) {
      why.add(r.taintedNotTolerated().size() + " tainted");
    }
    if (!r.countersExhausted().isEmpty()) {
      why.add(r.countersExhausted().size() + " out of counters");
    }
    if (!r.celErrors().isEmpty()) {
      why.add(r.celErrors().size() + " CEL errors");
    }
    return "claim "
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
        + (why.isEmpty() ? "" : " (" + String.join(", ", why) + ")");
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
        Optional<V1DeviceTaint> taint = Search.untoleratedTaint(alt, d);
        if (taint.isPresent()) {
          V1DeviceTaint t = taint.get();
          tainted.add(
              d.id
                  + " ("
                  + t.getKey()
                  + (t.getValue() == null ? "" : "=" + t.getValue())
                  + ":"
                  + t.getEffect()
                  + (d.ruleOf.containsKey(t) ? " from DeviceTaintRule " + d.ruleOf.get(t) : "")
                  + ")");
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
        Optional<String> shortfall = countsCounters ? probe.counterShortfall(d) : Optional.empty();
        if (shortfall.isPresent()) {
          counters.add(d.id + ": " + shortfall.get());
          continue;
        }
        Optional<String> capacity =
            SharedCapacity.applies(alt, d) ? probe.capacityShortfall(alt, d) : Optional.empty();
        if (capacity.isPresent()) {
          counters.add(d.id + ": " + capacity.get());
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

  private static ConstraintReport constraint(
      ClaimPlan plan, ConstraintPlan cp, Map<Alternative, Funnel> funnels) {
    Map<String, Map<String, Integer>> byValue = new LinkedHashMap<>();
    Map<String, Integer> without = new LinkedHashMap<>();
    Map<String, List<Alternative>> scoped = new LinkedHashMap<>();
    int ignoredLists = 0;
    boolean lists = false;
    for (Map.Entry<Alternative, Funnel> e : funnels.entrySet()) {
      Alternative alt = e.getKey();
      if (!cp.appliesTo(alt)) {
        continue;
      }
      scoped.computeIfAbsent(alt.requestName, k -> new ArrayList<>()).add(alt);
      without.put(alt.resultName, 0);
      for (DeviceView d : e.getValue().usable()) {
        Optional<Set<Object>> v = d.attributeValues(cp.attribute());
        if (v.isEmpty()) {
          without.merge(alt.resultName, 1, Integer::sum);
          ignoredLists += d.hasIgnoredList(cp.attribute()) ? 1 : 0;
          continue;
        }
        lists |= v.get().size() > 1;
        for (Object value : v.get()) {
          byValue
              .computeIfAbsent(String.valueOf(value), k -> new LinkedHashMap<>())
              .merge(alt.resultName, 1, Integer::sum);
        }
      }
    }
    String verdict;
    if (cp.match()) {
      Optional<String> good = Optional.empty();
      for (Map.Entry<String, Map<String, Integer>> v : byValue.entrySet()) {
        boolean all = true;
        for (List<Alternative> alts : scoped.values()) {
          boolean any = false;
          for (Alternative a : alts) {
            long need = funnels.get(a).report().needed();
            if (v.getValue().getOrDefault(a.resultName, 0) >= need) {
              any = true;
            }
          }
          all &= any;
        }
        if (all) {
          good = Optional.of(v.getKey());
          break;
        }
      }
      verdict =
          good.map(v -> "can be met, e.g. with value " + v)
              .orElse(
                  (lists
                          ? "cannot be met: the attribute lists of the usable devices share no"
                              + " value that enough devices of every request hold"
                          : "cannot be met: no single value has enough usable devices for every"
                              + " request")
                      + " ("
                      + byValue.size()
                      + " values seen)");
    } else {
      long need = 0;
      for (List<Alternative> alts : scoped.values()) {
        need += alts.stream().mapToLong(a -> funnels.get(a).report().needed()).min().orElse(0);
      }
      verdict =
          byValue.size() >= need
              ? "can be met: " + byValue.size() + " distinct values for " + need + " devices"
              : "cannot be met: only "
                  + byValue.size()
                  + " distinct values among usable devices, "
                  + need
                  + " devices needed";
    }
    if (ignoredLists > 0) {
      verdict +=
          "; "
              + ignoredLists
              + " usable devices hold "
              + cp.attribute()
              + " as a list attribute, which this cluster ignores: list attributes need"
              + " Kubernetes 1.36 or later with the "
              + DeviceCel.LIST_TYPE_ATTRIBUTES_GATE
              + " feature gate on";
    }
    return new ConstraintReport(cp.describe(), byValue, without, verdict);
  }
}
