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
import io.dra4j.testkit.cel.DeviceSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devices one alternative may use on one node, in the order the allocator visits them: they
 * match the class and request selectors, lie in a valid pool and tolerate the request's taints.
 * {@code problem} says why the alternative cannot be used at all. Where a selector fails at runtime
 * on some devices, {@code failures} holds them and {@code visits} lists them among the usable ones
 * in visiting order; otherwise {@code visits} is {@code devices}.
 */
record Candidates(
    List<DeviceView> devices,
    Optional<String> problem,
    List<DeviceView> visits,
    Map<DeviceId, CelFailure> failures) {

  /** How an alternative's selectors judge one device. */
  private record Judgement(boolean matched, Optional<CelFailure> failure) {
    static final Judgement MATCH = new Judgement(true, Optional.empty());
    static final Judgement NO_MATCH = new Judgement(false, Optional.empty());
  }

  /** Whether a selector of the alternative fails on a device the search may meet. */
  boolean failing() {
    return !failures.isEmpty();
  }

  /** The first failure in visiting order. */
  Optional<CelFailure> firstFailure() {
    return visits.stream().map(d -> failures.get(d.id)).filter(f -> f != null).findFirst();
  }

  /** The candidates of {@code alt} among {@code pools} (one node's view). */
  static Candidates compute(Catalog catalog, List<NodePool> pools, Alternative alt) {
    List<DeviceView> out = new ArrayList<>();
    List<DeviceView> visits = out;
    Map<DeviceId, CelFailure> failures = new LinkedHashMap<>();
    for (NodePool np : pools) {
      for (DeviceView d : np.devices()) {
        Judgement j = judge(catalog, alt, d);
        if (j.failure().isPresent() && np.pool().invalidReason.isEmpty()) {
          // The scheduler skips invalid pools before it evaluates selectors.
          if (visits == out) {
            visits = new ArrayList<>(out);
          }
          visits.add(d);
          failures.put(d.id, j.failure().get());
          continue;
        }
        if (!j.matched()) {
          continue;
        }
        if (alt.all && np.pool().problem().isPresent()) {
          return new Candidates(
              List.of(),
              Optional.of("asks for all devices, but " + np.pool().problem().get()),
              List.copyOf(visits),
              failures);
        }
        if (np.pool().invalidReason.isPresent() || Taints.untolerated(alt, d).isPresent()) {
          continue;
        }
        out.add(d);
        if (visits != out) {
          visits.add(d);
        }
      }
    }
    if (alt.all && out.isEmpty() && failures.isEmpty()) {
      return new Candidates(
          List.of(), Optional.of("asks for all devices, but none matches"), List.of(), failures);
    }
    List<DeviceView> devices = List.copyOf(out);
    return new Candidates(
        devices,
        Optional.empty(),
        visits == out ? devices : List.copyOf(visits),
        failures.isEmpty() ? Map.of() : Map.copyOf(failures));
  }

  /**
   * Whether a selector of {@code alt} fails on any device of the catalog the scheduler may evaluate
   * it on, on any node; cached per alternative's selectors. Cheap once known, so that the usual
   * claim, whose selectors fail nowhere, never pays for the lazy search.
   */
  static boolean failAnywhere(Catalog catalog, Alternative alt) {
    Boolean known = catalog.failing.get(alt.candidateKey);
    if (known != null) {
      return known;
    }
    return catalog.failing.computeIfAbsent(
        alt.candidateKey,
        k -> {
          for (Catalog.Pool p : catalog.pools) {
            if (p.invalidReason.isPresent()) {
              continue;
            }
            for (Catalog.Slice s : p.slices) {
              for (DeviceView d : s.devices) {
                if (d.allocatable(catalog.features)
                    && judge(catalog, alt, d).failure().isPresent()) {
                  return true;
                }
              }
            }
          }
          return false;
        });
  }

  /**
   * Evaluates the class selectors, then the request selectors, in order, stopping at the first that
   * does not match or fails: what the scheduler's allocator does.
   */
  private static Judgement judge(Catalog catalog, Alternative alt, DeviceView d) {
    for (int i = 0; i < alt.classSelectors.size(); i++) {
      Judgement j = judge(catalog, alt.classSelectors.get(i), d, Optional.of(alt.className), i);
      if (!j.matched()) {
        return j;
      }
    }
    for (int i = 0; i < alt.requestSelectors.size(); i++) {
      Judgement j = judge(catalog, alt.requestSelectors.get(i), d, Optional.empty(), i);
      if (!j.matched()) {
        return j;
      }
    }
    return Judgement.MATCH;
  }

  private static Judgement judge(
      Catalog catalog, DeviceSelector s, DeviceView d, Optional<String> deviceClass, int index) {
    DeviceSelector.Evaluation e = catalog.evaluate(s, d);
    if (e.matched()) {
      return Judgement.MATCH;
    }
    return e.error()
        .map(
            error ->
                new Judgement(
                    false,
                    Optional.of(new CelFailure(d.id, deviceClass, index, s.expression(), error))))
        .orElse(Judgement.NO_MATCH);
  }
}
