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

import io.kubernetes.client.openapi.models.V1DeviceTaint;
import io.kubernetes.client.openapi.models.V1DeviceToleration;
import java.util.Objects;
import java.util.Optional;

/** Which device taints a request tolerates, by the Kubernetes toleration rules. */
final class Taints {
  private Taints() {}

  /** The first NoSchedule/NoExecute taint of {@code d} that no toleration of the request covers. */
  static Optional<V1DeviceTaint> untolerated(ClaimPlan.Alternative alt, DeviceView d) {
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

  /** The taint as explanations show it: {@code key=value:Effect}, naming its DeviceTaintRule. */
  static String describe(DeviceView d, V1DeviceTaint t) {
    return t.getKey()
        + (t.getValue() == null ? "" : "=" + t.getValue())
        + ":"
        + t.getEffect()
        + (d.ruleOf.containsKey(t) ? " from DeviceTaintRule " + d.ruleOf.get(t) : "");
  }
}
