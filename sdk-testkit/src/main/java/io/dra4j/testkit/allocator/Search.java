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

import io.dra4j.testkit.allocator.Catalog.DeviceView;
import io.dra4j.testkit.allocator.Catalog.NodePool;
import io.dra4j.testkit.allocator.ClaimPlan.Alternative;
import io.dra4j.testkit.allocator.ClaimPlan.ConstraintPlan;
import io.dra4j.testkit.allocator.Usage.CounterKey;
import io.dra4j.testkit.cel.DeviceSelector;
import io.kubernetes.client.openapi.models.V1DeviceCounterConsumption;
import io.kubernetes.client.openapi.models.V1DeviceTaint;
import io.kubernetes.client.openapi.models.V1DeviceToleration;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One allocation attempt on one node: exhaustive depth-first search over claim, request,
 * alternative and device, first fit wins. Devices of one request are taken in increasing inventory
 * order, which visits each device set once instead of every permutation of it.
 */
final class Search {

  /** Thrown when the step budget runs out (the analogue of the scheduler's filter timeout). */
  static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded(long steps) {
      super("search stopped after " + steps + " device checks", null, false, false);
    }
  }

  /** The devices an alternative may use on this node, or why it cannot be used at all. */
  record Candidates(List<DeviceView> devices, Optional<String> problem) {}

  /** A device chosen for an alternative. */
  record Chosen(Alternative alternative, DeviceView device) {}

  /**
   * The values the chosen devices hold for one constraint. Scalars are one-value sets, list
   * attributes sets of their elements: matchAttribute needs a value common to all sets,
   * distinctAttribute sets that share no value.
   */
  private static final class ConstraintState {
    final List<Set<Object>> matched = new ArrayList<>();
    final Map<Object, Integer> distinct = new HashMap<>();

    boolean admits(boolean match, Set<Object> values) {
      if (match) {
        return values.stream().anyMatch(v -> matched.stream().allMatch(m -> m.contains(v)));
      }
      return values.stream().noneMatch(distinct::containsKey);
    }
  }

  private final Catalog catalog;
  private final Usage usage;
  private final List<NodePool> pools;
  private final Map<String, Candidates> sharedCandidates;
  private final List<ClaimPlan> plans;
  private final long maxSteps;
  private long steps;

  private final Map<Alternative, Candidates> candidates = new IdentityHashMap<>();
  private final Set<DeviceId> allocating = new HashSet<>();
  private final Map<DeviceId, Integer> sharedTaken = new HashMap<>();
  private final Map<CounterKey, BigDecimal> consuming = new HashMap<>();
  private final CapacityLedger capacity;
  private final List<ConstraintState[]> constraintStates = new ArrayList<>();
  private final List<List<Chosen>> chosen = new ArrayList<>();
  private final int[] claimDevices;
  private final List<long[]> minimumAfter = new ArrayList<>();

  Search(
      Catalog catalog, Usage usage, Catalog.NodeView view, List<ClaimPlan> plans, long maxSteps) {
    this.catalog = catalog;
    this.usage = usage;
    this.capacity = new CapacityLedger(usage, catalog);
    this.pools = view.pools();
    this.sharedCandidates = view.candidates();
    this.plans = plans;
    this.maxSteps = maxSteps;
    this.claimDevices = new int[plans.size()];
    for (ClaimPlan p : plans) {
      ConstraintState[] states = new ConstraintState[p.constraints.size()];
      for (int i = 0; i < states.length; i++) {
        states[i] = new ConstraintState();
      }
      constraintStates.add(states);
      chosen.add(new ArrayList<>());
    }
  }

  /** Runs the search; on success {@link #chosen()} holds the devices per claim. */
  boolean run() {
    // A request that cannot be met no matter what the others take would otherwise make the
    // search enumerate every device combination of the requests before it.
    for (int ci = 0; ci < plans.size(); ci++) {
      List<ClaimPlan.RequestPlan> requests = plans.get(ci).requests;
      long[] suffix = new long[requests.size() + 1];
      for (int ri = requests.size() - 1; ri >= 0; ri--) {
        long best = Long.MAX_VALUE;
        for (Alternative alt : requests.get(ri).alternatives()) {
          Candidates c = candidates(alt);
          long need = alt.all ? c.devices().size() : alt.count;
          if (c.problem().isEmpty() && c.devices().size() >= need) {
            best = Math.min(best, need);
          }
        }
        if (best == Long.MAX_VALUE) {
          return false;
        }
        suffix[ri] = suffix[ri + 1] + best;
      }
      if (suffix[0] > ClaimPlan.MAX_DEVICES_PER_CLAIM) {
        return false;
      }
      minimumAfter.add(suffix);
    }
    return allocClaim(0);
  }

  List<List<Chosen>> chosen() {
    return chosen;
  }

  long steps() {
    return steps;
  }

  private boolean allocClaim(int ci) {
    if (ci == plans.size()) {
      return true;
    }
    return allocRequest(ci, 0);
  }

  private boolean allocRequest(int ci, int ri) {
    ClaimPlan plan = plans.get(ci);
    if (ri == plan.requests.size()) {
      return allocClaim(ci + 1);
    }
    for (Alternative alt : plan.requests.get(ri).alternatives()) {
      Candidates c = candidates(alt);
      if (c.problem().isPresent()) {
        continue;
      }
      long need = alt.all ? c.devices().size() : alt.count;
      if (c.devices().size() < need
          || claimDevices[ci] + need + minimumAfter.get(ci)[ri + 1]
              > ClaimPlan.MAX_DEVICES_PER_CLAIM) {
        continue;
      }
      if (allocDevice(ci, ri, alt, c.devices(), (int) need, 0, 0)) {
        return true;
      }
    }
    return false;
  }

  private boolean allocDevice(
      int ci, int ri, Alternative alt, List<DeviceView> cands, int need, int k, int start) {
    if (k == need) {
      return allocRequest(ci, ri + 1);
    }
    for (int idx = start; idx < cands.size() && cands.size() - idx >= need - k; idx++) {
      if (++steps > maxSteps) {
        throw new BudgetExceeded(maxSteps);
      }
      DeviceView d = cands.get(idx);
      if (fits(ci, alt, d)) {
        push(ci, alt, d);
        if (allocDevice(ci, ri, alt, cands, need, k + 1, idx + 1)) {
          return true;
        }
        pop(ci, alt, d);
      }
      if (alt.all) {
        return false;
      }
    }
    return false;
  }

  /** The devices matching an alternative's selectors and tolerating its taints, in order. */
  Candidates candidates(Alternative alt) {
    Candidates c = candidates.get(alt);
    if (c == null) {
      c = sharedCandidates.get(alt.candidateKey);
      if (c == null) {
        c = computeCandidates(alt);
        sharedCandidates.put(alt.candidateKey, c);
      }
      candidates.put(alt, c);
    }
    return c;
  }

  private Candidates computeCandidates(Alternative alt) {
    List<DeviceView> out = new ArrayList<>();
    for (NodePool np : pools) {
      for (DeviceView d : np.devices()) {
        if (!matches(alt, d)) {
          continue;
        }
        if (alt.all && np.pool().problem().isPresent()) {
          return new Candidates(
              List.of(), Optional.of("asks for all devices, but " + np.pool().problem().get()));
        }
        if (np.pool().invalidReason.isPresent()) {
          continue;
        }
        if (untoleratedTaint(alt, d).isPresent()) {
          continue;
        }
        out.add(d);
      }
    }
    if (alt.all && out.isEmpty()) {
      return new Candidates(List.of(), Optional.of("asks for all devices, but none matches"));
    }
    return new Candidates(List.copyOf(out), Optional.empty());
  }

  boolean matches(Alternative alt, DeviceView d) {
    for (DeviceSelector s : alt.classSelectors) {
      if (!catalog.evaluate(s, d).matched()) {
        return false;
      }
    }
    for (DeviceSelector s : alt.requestSelectors) {
      if (!catalog.evaluate(s, d).matched()) {
        return false;
      }
    }
    return true;
  }

  /** The first NoSchedule/NoExecute taint of {@code d} that no toleration of the request covers. */
  static Optional<V1DeviceTaint> untoleratedTaint(Alternative alt, DeviceView d) {
    for (V1DeviceTaint t : d.taints) {
      String effect = t.getEffect();
      if (!"NoSchedule".equals(effect) && !"NoExecute".equals(effect)) {
        continue;
      }
      boolean tolerated = false;
      for (V1DeviceToleration tol : alt.tolerations) {
        if (tolerates(tol, t)) {
          tolerated = true;
          break;
        }
      }
      if (!tolerated) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  static boolean tolerates(V1DeviceToleration tol, V1DeviceTaint taint) {
    if (tol.getEffect() != null
        && !tol.getEffect().isEmpty()
        && !tol.getEffect().equals(taint.getEffect())) {
      return false;
    }
    String key = tol.getKey() == null ? "" : tol.getKey();
    String op =
        tol.getOperator() == null || tol.getOperator().isEmpty() ? "Equal" : tol.getOperator();
    if ("Exists".equals(op)) {
      return key.isEmpty() || key.equals(taint.getKey());
    }
    return key.equals(taint.getKey())
        && Objects.equals(
            tol.getValue() == null ? "" : tol.getValue(),
            taint.getValue() == null ? "" : taint.getValue());
  }

  private boolean fits(int ci, Alternative alt, DeviceView d) {
    if (!alt.adminAccess && !d.allowMultipleAllocations) {
      if (usage.inUse(d.id) || allocating.contains(d.id) || sharedTaken.containsKey(d.id)) {
        return false;
      }
    }
    if (alt.adminAccess && allocating.contains(d.id)) {
      return false;
    }
    if (consumesCounters(alt, d) && counterShortfall(d).isPresent()) {
      return false;
    }
    if (SharedCapacity.applies(alt, d) && !capacity.fits(alt, d)) {
      return false;
    }
    ClaimPlan plan = plans.get(ci);
    ConstraintState[] states = constraintStates.get(ci);
    for (ConstraintPlan cp : plan.constraints) {
      if (!cp.appliesTo(alt)) {
        continue;
      }
      Optional<Set<Object>> v = d.attributeValues(cp.attribute());
      if (v.isEmpty() || !states[cp.index()].admits(cp.match(), v.get())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Why {@code alt} cannot take its share of shared device {@code d} now: a policy violation or too
   * little capacity left after allocated claims and this search so far; empty when it fits.
   */
  Optional<String> capacityShortfall(Alternative alt, DeviceView d) {
    return capacity.shortfall(alt, d);
  }

  private boolean consumesCounters(Alternative alt, DeviceView d) {
    if (alt.adminAccess || d.consumes.isEmpty()) {
      return false;
    }
    // A shared device consumes its counters once, when its first allocation happens.
    return !(d.allowMultipleAllocations && (usage.inUse(d.id) || sharedTaken.containsKey(d.id)));
  }

  /** What does not fit if {@code d} were allocated now, given usage and this search so far. */
  Optional<String> counterShortfall(DeviceView d) {
    for (V1DeviceCounterConsumption c : d.consumes) {
      Map<String, BigDecimal> set = d.pool.counterSets.get(c.getCounterSet());
      if (set == null) {
        return Optional.of(
            "counter set " + c.getCounterSet() + " is not defined in pool " + d.pool.label());
      }
      for (Map.Entry<String, io.kubernetes.client.openapi.models.V1Counter> e :
          nullToEmpty(c.getCounters()).entrySet()) {
        BigDecimal capacity = set.get(e.getKey());
        if (capacity == null) {
          return Optional.of("counter " + c.getCounterSet() + "/" + e.getKey() + " is not defined");
        }
        CounterKey key = new CounterKey(d.id.driver(), d.id.pool(), c.getCounterSet(), e.getKey());
        BigDecimal left =
            capacity
                .subtract(usage.consumed(key))
                .subtract(consuming.getOrDefault(key, BigDecimal.ZERO));
        BigDecimal want =
            e.getValue().getValue() == null ? BigDecimal.ZERO : e.getValue().getValue().getNumber();
        if (want.compareTo(left) > 0) {
          return Optional.of(
              c.getCounterSet()
                  + "/"
                  + e.getKey()
                  + " needs "
                  + want.stripTrailingZeros().toPlainString()
                  + ", "
                  + left.stripTrailingZeros().toPlainString()
                  + " left of "
                  + capacity.stripTrailingZeros().toPlainString());
        }
      }
    }
    return Optional.empty();
  }

  private void push(int ci, Alternative alt, DeviceView d) {
    if (consumesCounters(alt, d)) {
      addCounters(d, 1);
    }
    capacity.consume(alt, d, 1);
    if (d.allowMultipleAllocations && !alt.adminAccess) {
      sharedTaken.merge(d.id, 1, Integer::sum);
    } else if (!alt.adminAccess) {
      allocating.add(d.id);
    }
    updateConstraints(ci, alt, d, true);
    chosen.get(ci).add(new Chosen(alt, d));
    claimDevices[ci]++;
  }

  private void pop(int ci, Alternative alt, DeviceView d) {
    claimDevices[ci]--;
    List<Chosen> list = chosen.get(ci);
    list.remove(list.size() - 1);
    updateConstraints(ci, alt, d, false);
    capacity.consume(alt, d, -1);
    if (d.allowMultipleAllocations && !alt.adminAccess) {
      sharedTaken.computeIfPresent(d.id, (k, n) -> n == 1 ? null : n - 1);
    } else if (!alt.adminAccess) {
      allocating.remove(d.id);
    }
    if (consumesCounters(alt, d)) {
      addCounters(d, -1);
    }
  }

  private void updateConstraints(int ci, Alternative alt, DeviceView d, boolean add) {
    ConstraintState[] states = constraintStates.get(ci);
    for (ConstraintPlan cp : plans.get(ci).constraints) {
      if (!cp.appliesTo(alt)) {
        continue;
      }
      Set<Object> values = d.attributeValues(cp.attribute()).orElseThrow();
      ConstraintState s = states[cp.index()];
      if (cp.match()) {
        if (add) {
          s.matched.add(values);
        } else {
          s.matched.remove(s.matched.lastIndexOf(values));
        }
      } else {
        for (Object v : values) {
          if (add) {
            s.distinct.merge(v, 1, Integer::sum);
          } else {
            s.distinct.computeIfPresent(v, (k, n) -> n == 1 ? null : n - 1);
          }
        }
      }
    }
  }

  private void addCounters(DeviceView d, int sign) {
    for (V1DeviceCounterConsumption c : d.consumes) {
      for (Map.Entry<String, io.kubernetes.client.openapi.models.V1Counter> e :
          nullToEmpty(c.getCounters()).entrySet()) {
        BigDecimal want =
            e.getValue().getValue() == null ? BigDecimal.ZERO : e.getValue().getValue().getNumber();
        consuming.merge(
            new CounterKey(d.id.driver(), d.id.pool(), c.getCounterSet(), e.getKey()),
            sign > 0 ? want : want.negate(),
            BigDecimal::add);
      }
    }
  }
}
