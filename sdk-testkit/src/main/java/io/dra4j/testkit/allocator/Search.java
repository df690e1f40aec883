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
import io.dra4j.testkit.allocator.ClaimPlan.ConstraintPlan;
import io.dra4j.testkit.allocator.DeviceView.OpaqueList;
import io.dra4j.testkit.allocator.Usage.CounterKey;
import io.kubernetes.client.openapi.models.V1Counter;
import io.kubernetes.client.openapi.models.V1DeviceCounterConsumption;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One allocation attempt on one node: exhaustive depth-first search over claim, request,
 * alternative and device, first fit wins. Devices of one request are taken in increasing inventory
 * order, which visits each device set once instead of every permutation of it (as the scheduler
 * does from 1.36; earlier ones try permutations, which reach the same first fit).
 *
 * <p>Selectors that fail at runtime stop the search as they stop the scheduler's allocator: an
 * {@code All} request with such a device fails before the search starts, and an {@code ExactCount}
 * request fails when the search reaches such a device while it is not in use. When some candidate
 * fails, the search runs without its shortcuts (which would skip devices the scheduler reaches).
 */
final class Search {

  /** Thrown when the step budget runs out (the analogue of the scheduler's filter timeout). */
  static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded(long steps) {
      super("search stopped after " + steps + " device checks", null, false, false);
    }
  }

  /** A device chosen for an alternative. */
  record Chosen(Alternative alternative, DeviceView device) {}

  /**
   * The values the chosen devices hold for one constraint. Scalars are one-value sets, list
   * attributes sets of their elements: matchAttribute needs a value common to all sets,
   * distinctAttribute sets that share no value. A 1.36 list ({@link OpaqueList}) equals nothing,
   * and under distinctAttribute may not follow another device.
   */
  private static final class ConstraintState {
    final List<Set<Object>> matched = new ArrayList<>();
    final Map<Object, Integer> distinct = new HashMap<>();

    boolean admits(boolean match, Set<Object> values) {
      if (match) {
        return values.stream().anyMatch(v -> matched.stream().allMatch(m -> m.contains(v)));
      }
      if (!distinct.isEmpty() && values.stream().anyMatch(OpaqueList.class::isInstance)) {
        return false;
      }
      return values.stream().noneMatch(distinct::containsKey);
    }
  }

  private final Catalog catalog;
  private final Usage usage;
  private final Catalog.NodeView view;
  private final List<ClaimPlan> plans;
  private final long maxSteps;
  private long steps;
  private boolean lazy;

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
    this.view = view;
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

  /**
   * Runs the search; on success {@link #chosen()} holds the devices per claim.
   *
   * @throws CelFailure.Stop when the search meets a selector that fails on a device
   * @throws BudgetExceeded when the search takes more than its step budget
   */
  boolean run() {
    // As the scheduler validates requests before it searches: an All request evaluates every
    // device, so a failing selector stops it whatever the search would find.
    for (ClaimPlan plan : plans) {
      for (ClaimPlan.RequestPlan rp : plan.requests) {
        for (Alternative alt : rp.alternatives()) {
          Candidates c = candidates(alt);
          if (c.failing() && alt.all) {
            throw new CelFailure.Stop(c.firstFailure().orElseThrow().describe(plan.ref, alt));
          }
          lazy |= c.failing();
        }
      }
    }
    if (lazy) {
      plans.forEach(p -> minimumAfter.add(new long[p.requests.size() + 1]));
      return allocClaim(0);
    }
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
      if ((!lazy && c.devices().size() < need)
          || claimDevices[ci] + need + minimumAfter.get(ci)[ri + 1]
              > ClaimPlan.MAX_DEVICES_PER_CLAIM) {
        continue;
      }
      if (allocDevice(ci, ri, alt, c, (int) need, 0, 0)) {
        return true;
      }
    }
    return false;
  }

  private boolean allocDevice(
      int ci, int ri, Alternative alt, Candidates c, int need, int k, int start) {
    if (k == need) {
      return allocRequest(ci, ri + 1);
    }
    List<DeviceView> cands = lazy ? c.visits() : c.devices();
    for (int idx = start; idx < cands.size() && (lazy || cands.size() - idx >= need - k); idx++) {
      if (++steps > maxSteps) {
        throw new BudgetExceeded(maxSteps);
      }
      DeviceView d = cands.get(idx);
      CelFailure failure = lazy ? c.failures().get(d.id) : null;
      if (failure != null) {
        // The scheduler checks "in use" before it evaluates selectors.
        if (!inUse(alt, d)) {
          throw new CelFailure.Stop(failure.describe(plans.get(ci).ref, alt));
        }
        continue;
      }
      if (fits(ci, alt, d, k)) {
        push(ci, alt, d);
        if (allocDevice(ci, ri, alt, c, need, k + 1, idx + 1)) {
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

  /** The candidates of an alternative on this node, computed once per node view. */
  Candidates candidates(Alternative alt) {
    Candidates c = candidates.get(alt);
    if (c == null) {
      c = view.candidates().get(alt.candidateKey);
      if (c == null) {
        c = Candidates.compute(catalog, view.pools(), alt);
        view.candidates().put(alt.candidateKey, c);
      }
      candidates.put(alt, c);
    }
    return c;
  }

  /** Whether the scheduler skips {@code d} as in use for {@code alt} before looking further. */
  private boolean inUse(Alternative alt, DeviceView d) {
    if (alt.adminAccess) {
      return allocating.contains(d.id);
    }
    return !d.allowMultipleAllocations && (usage.inUse(d.id) || allocating.contains(d.id));
  }

  /** Whether {@code d} may be the {@code k}-th device (from 0) of {@code alt} now. */
  private boolean fits(int ci, Alternative alt, DeviceView d, int k) {
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
    if (catalog.features.capacityRecheckedAtRequestIndex()) {
      List<DeviceView> inSlice = d.slice.devices;
      if (k >= inSlice.size()) {
        return false; // 1.34 indexes past the slice's devices there
      }
      if (!capacity.fits(alt, inSlice.get(k))) {
        // 1.34 returns without undoing what it did so far for the device.
        if (consumesCounters(alt, d)) {
          addCounters(d, 1);
        }
        if (!d.allowMultipleAllocations) {
          allocating.add(d.id);
        }
        updateConstraints(ci, alt, d, true);
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

  /**
   * Why Kubernetes 1.34 refuses {@code d} as the first device of {@code alt} although it fits: the
   * second capacity check against the slice's first device fails (see {@link
   * AllocatorFeatures#capacityRecheckedAtRequestIndex()}); empty in other releases or when it
   * passes.
   */
  Optional<String> capacityRecheckShortfall(Alternative alt, DeviceView d) {
    List<DeviceView> inSlice = d.slice.devices;
    if (!catalog.features.capacityRecheckedAtRequestIndex()
        || inSlice.isEmpty()
        || inSlice.get(0) == d) {
      return Optional.empty();
    }
    return capacity
        .shortfall(alt, inSlice.get(0))
        .map(
            why ->
                "Kubernetes 1.34 checks a request's first device again against the slice's first"
                    + " device ("
                    + inSlice.get(0).id
                    + "), which refuses it: "
                    + why);
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
      for (Map.Entry<String, V1Counter> e : nullToEmpty(c.getCounters()).entrySet()) {
        BigDecimal total = set.get(e.getKey());
        if (total == null) {
          return Optional.of("counter " + c.getCounterSet() + "/" + e.getKey() + " is not defined");
        }
        CounterKey key = new CounterKey(d.id.driver(), d.id.pool(), c.getCounterSet(), e.getKey());
        BigDecimal left =
            total
                .subtract(usage.consumed(key))
                .subtract(consuming.getOrDefault(key, BigDecimal.ZERO));
        BigDecimal want = amount(e.getValue());
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
                  + total.stripTrailingZeros().toPlainString());
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
      for (Map.Entry<String, V1Counter> e : nullToEmpty(c.getCounters()).entrySet()) {
        BigDecimal want = amount(e.getValue());
        consuming.merge(
            new CounterKey(d.id.driver(), d.id.pool(), c.getCounterSet(), e.getKey()),
            sign > 0 ? want : want.negate(),
            BigDecimal::add);
      }
    }
  }

  private static BigDecimal amount(V1Counter counter) {
    return counter.getValue() == null ? BigDecimal.ZERO : counter.getValue().getNumber();
  }
}
