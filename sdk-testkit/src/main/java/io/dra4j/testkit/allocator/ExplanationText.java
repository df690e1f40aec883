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

import io.dra4j.testkit.allocator.Explanation.ClaimReport;
import io.dra4j.testkit.allocator.Explanation.ConstraintReport;
import io.dra4j.testkit.allocator.Explanation.NodeReport;
import io.dra4j.testkit.allocator.Explanation.RequestReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders an {@link Explanation} as indented text. */
final class ExplanationText {
  private static final int MAX_LISTED = 8;

  private ExplanationText() {}

  static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static String render(Explanation e) {
    StringBuilder b = new StringBuilder();
    long fitting = e.nodes().stream().filter(NodeReport::fits).count();
    if (e.nodes().size() > 1) {
      b.append(fitting).append('/').append(e.nodes().size()).append(" nodes fit the claims\n");
    }
    e.nodes().stream()
        .filter(n -> n.reason() == Explanation.Reason.CEL_RUNTIME_ERROR)
        .findFirst()
        .filter(n -> e.anyNodeFits())
        .ifPresent(
            n ->
                b.append("the pod is not scheduled although a node fits: the scheduler stops at")
                    .append(" the CEL runtime error on node ")
                    .append(n.node())
                    .append('\n'));
    for (NodeReport n : e.nodes()) {
      b.append("node ").append(n.node()).append(": ").append(n.summary()).append('\n');
      if (n.reason() != Explanation.Reason.FITS) {
        b.append("  reason: ").append(n.reason()).append('\n');
      }
      if (n.fits()) {
        continue;
      }
      for (ClaimReport c : n.claims()) {
        b.append("  claim ").append(c.claim()).append('\n');
        for (String p : c.problems()) {
          b.append("    problem: ").append(p).append('\n');
        }
        for (RequestReport r : c.requests()) {
          request(b, r);
        }
        for (ConstraintReport k : c.constraints()) {
          constraint(b, k);
        }
      }
    }
    return b.toString();
  }

  private static void request(StringBuilder b, RequestReport r) {
    b.append("    request ")
        .append(r.request())
        .append(" (class ")
        .append(r.deviceClass())
        .append(", ")
        .append(r.mode())
        .append("): ")
        .append(r.devicesOnNode())
        .append(" devices on node, ")
        .append(r.matchingClass())
        .append(" match the class selectors, ")
        .append(r.matchingRequest())
        .append(" also match the request selectors, ")
        .append(r.usable())
        .append(" usable, ")
        .append(r.needed())
        .append(" needed\n");
    list(
        b,
        "in use",
        r.takenBy().entrySet().stream()
            .map(en -> en.getKey() + " by " + String.join(", ", en.getValue()))
            .collect(Collectors.toList()));
    list(b, "tainted, not tolerated", r.taintedNotTolerated());
    list(b, "counters exhausted", r.countersExhausted());
    list(b, "CEL errors", r.celErrors());
    list(b, "pool problems", r.poolProblems());
  }

  private static void list(StringBuilder b, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    b.append("      ").append(title).append(" (").append(items.size()).append("):\n");
    for (int i = 0; i < Math.min(MAX_LISTED, items.size()); i++) {
      b.append("        ").append(items.get(i)).append('\n');
    }
    if (items.size() > MAX_LISTED) {
      b.append("        ... and ").append(items.size() - MAX_LISTED).append(" more\n");
    }
  }

  private static void constraint(StringBuilder b, ConstraintReport k) {
    b.append("    constraint ")
        .append(k.constraint())
        .append(": ")
        .append(k.verdict())
        .append('\n');
    int shown = 0;
    for (Map.Entry<String, Map<String, Integer>> v : k.usableByValue().entrySet()) {
      if (shown++ == MAX_LISTED) {
        b.append("      ... and ")
            .append(k.usableByValue().size() - MAX_LISTED)
            .append(" more values\n");
        break;
      }
      b.append("      ")
          .append(v.getKey())
          .append(": ")
          .append(
              v.getValue().entrySet().stream()
                  .map(en -> en.getKey() + " " + en.getValue() + " usable")
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    k.withoutAttribute()
        .forEach(
            (req, n) -> {
              if (n > 0) {
                b.append("      (")
                    .append(req)
                    .append(": ")
                    .append(n)
                    .append(" usable devices lack the attribute)\n");
              }
            });
  }
}
