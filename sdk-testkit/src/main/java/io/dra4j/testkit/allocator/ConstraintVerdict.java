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

import io.dra4j.testkit.allocator.ClaimPlan.Alternative;
import io.dra4j.testkit.allocator.ClaimPlan.ConstraintPlan;
import io.dra4j.testkit.allocator.DeviceView.OpaqueList;
import io.dra4j.testkit.allocator.Explanation.ConstraintReport;
import io.dra4j.testkit.allocator.Explanation.Reason;
import io.dra4j.testkit.cel.DeviceCel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether one constraint of a claim can be met by the devices each request could use on its own,
 * and what the reason category is when it cannot.
 *
 * @param report the values seen and the verdict
 * @param unmet the reason when the constraint cannot be met: {@link Reason#LIST_ATTRIBUTE_MISMATCH}
 *     when list attributes are involved, else {@link Reason#CONSTRAINT_UNMET}; empty when it can
 */
record ConstraintVerdict(ConstraintReport report, Optional<Reason> unmet) {

  /** The usable devices of each alternative, by the alternatives of the claim's requests. */
  static ConstraintVerdict of(
      ConstraintPlan cp, Map<Alternative, Long> needed, Map<Alternative, List<DeviceView>> usable) {
    Map<String, Map<String, Integer>> byValue = new LinkedHashMap<>();
    Map<String, Integer> without = new LinkedHashMap<>();
    Map<String, List<Alternative>> scoped = new LinkedHashMap<>();
    int ignoredLists = 0;
    int opaqueLists = 0;
    boolean lists = false;
    for (Map.Entry<Alternative, List<DeviceView>> e : usable.entrySet()) {
      Alternative alt = e.getKey();
      if (!cp.appliesTo(alt)) {
        continue;
      }
      scoped.computeIfAbsent(alt.requestName, k -> new ArrayList<>()).add(alt);
      without.put(alt.resultName, 0);
      for (DeviceView d : e.getValue()) {
        Optional<Set<Object>> v = d.attributeValues(cp.attribute());
        if (v.isEmpty()) {
          without.merge(alt.resultName, 1, Integer::sum);
          ignoredLists += d.hasIgnoredList(cp.attribute()) ? 1 : 0;
          continue;
        }
        boolean opaque = v.get().stream().anyMatch(OpaqueList.class::isInstance);
        opaqueLists += opaque ? 1 : 0;
        lists |= opaque || v.get().size() > 1;
        for (Object value : v.get()) {
          byValue
              .computeIfAbsent(String.valueOf(value), k -> new LinkedHashMap<>())
              .merge(alt.resultName, 1, Integer::sum);
        }
      }
    }
    boolean met;
    String verdict;
    if (cp.match()) {
      Optional<String> good = Optional.empty();
      for (Map.Entry<String, Map<String, Integer>> v : byValue.entrySet()) {
        boolean all = true;
        for (List<Alternative> alts : scoped.values()) {
          all &=
              alts.stream()
                  .anyMatch(a -> v.getValue().getOrDefault(a.resultName, 0) >= needed.get(a));
        }
        if (all) {
          good = Optional.of(v.getKey());
          break;
        }
      }
      met = good.isPresent();
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
        need += alts.stream().mapToLong(needed::get).min().orElse(0);
      }
      // In 1.36 at most one device with a list takes part: the first.
      int distinct = byValue.size() - opaqueLists + Math.min(opaqueLists, 1);
      met = distinct >= need;
      verdict =
          met
              ? "can be met: " + distinct + " distinct values for " + need + " devices"
              : "cannot be met: only "
                  + distinct
                  + " distinct values among usable devices, "
                  + need
                  + " devices needed";
    }
    if (opaqueLists > 0) {
      verdict +=
          "; "
              + opaqueLists
              + " usable devices hold "
              + cp.attribute()
              + " as a list attribute, which Kubernetes 1.36 compares as one value (its"
              + " kube-scheduler hands "
              + DeviceCel.LIST_TYPE_ATTRIBUTES_GATE
              + " to CEL, not to the allocator): "
              + (cp.match()
                  ? "after the first device no device with a list matches"
                  : "a device with a list may not follow another")
              + "; 1.37 compares lists as sets";
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
    Optional<Reason> unmet =
        met
            ? Optional.empty()
            : Optional.of(
                lists || ignoredLists > 0
                    ? Reason.LIST_ATTRIBUTE_MISMATCH
                    : Reason.CONSTRAINT_UNMET);
    return new ConstraintVerdict(
        new ConstraintReport(cp.describe(), byValue, without, verdict), unmet);
  }
}
