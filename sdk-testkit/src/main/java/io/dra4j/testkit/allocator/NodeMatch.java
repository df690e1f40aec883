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

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/** Node selector semantics: terms are ORed, requirements inside a term ANDed. */
public final class NodeMatch {
  private NodeMatch() {}

  static String name(V1Node node) {
    return node.getMetadata() == null ? "" : String.valueOf(node.getMetadata().getName());
  }

  static Map<String, String> labels(V1Node node) {
    if (node.getMetadata() == null || node.getMetadata().getLabels() == null) {
      return Map.of();
    }
    return node.getMetadata().getLabels();
  }

  /** Whether {@code node} matches {@code selector}; an absent or empty selector matches none. */
  public static boolean matches(V1NodeSelector selector, V1Node node) {
    if (selector == null || selector.getNodeSelectorTerms() == null) {
      return false;
    }
    for (V1NodeSelectorTerm term : selector.getNodeSelectorTerms()) {
      if (matches(term, node)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(V1NodeSelectorTerm term, V1Node node) {
    List<V1NodeSelectorRequirement> exprs = nullToEmpty(term.getMatchExpressions());
    List<V1NodeSelectorRequirement> fields = nullToEmpty(term.getMatchFields());
    if (exprs.isEmpty() && fields.isEmpty()) {
      return false;
    }
    Map<String, String> labels = labels(node);
    for (V1NodeSelectorRequirement r : exprs) {
      if (!requirement(r, labels.get(r.getKey()))) {
        return false;
      }
    }
    for (V1NodeSelectorRequirement r : fields) {
      String value = "metadata.name".equals(r.getKey()) ? name(node) : null;
      if (!requirement(r, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean requirement(V1NodeSelectorRequirement r, String value) {
    List<String> values = nullToEmpty(r.getValues());
    switch (String.valueOf(r.getOperator())) {
      case "In":
        return value != null && values.contains(value);
      case "NotIn":
        return value == null || !values.contains(value);
      case "Exists":
        return value != null;
      case "DoesNotExist":
        return value == null;
      case "Gt":
      case "Lt":
        if (value == null || values.size() != 1) {
          return false;
        }
        try {
          long have = Long.parseLong(value);
          long want = Long.parseLong(values.get(0));
          return "Gt".equals(r.getOperator()) ? have > want : have < want;
        } catch (NumberFormatException e) {
          return false;
        }
      default:
        return false;
    }
  }

  static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  static <K, V> Map<K, V> nullToEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}
