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
package io.dra4j.runtime.internal.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes the ClusterRole rules that grant a set of permissions, as YAML to paste into a chart. */
final class RbacRules {
  private RbacRules() {}

  private record Rule(String group, String resource, Optional<String> name) {}

  /** One rule per group, resource and named object, verbs in the order given; indented by two. */
  static String yaml(List<ApiPermission> permissions) {
    Map<Rule, List<String>> verbs = new LinkedHashMap<>();
    for (ApiPermission p : permissions) {
      Rule r =
          new Rule(
              p.group(), p.ruleResource(), p.nameInRule() ? p.name() : Optional.<String>empty());
      List<String> v = verbs.computeIfAbsent(r, k -> new ArrayList<>());
      if (!v.contains(p.verb())) {
        v.add(p.verb());
      }
    }
    StringBuilder out = new StringBuilder();
    verbs.forEach(
        (r, v) -> {
          out.append("  - apiGroups: [\"").append(r.group()).append("\"]\n");
          out.append("    resources: [\"").append(r.resource()).append("\"]\n");
          r.name().ifPresent(n -> out.append("    resourceNames: [\"").append(n).append("\"]\n"));
          out.append("    verbs: [").append(String.join(", ", v)).append("]\n");
        });
    return out.toString();
  }
}
