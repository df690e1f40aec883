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
package io.dra4j.testkit.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Optional;

/**
 * One compiled device selector. {@link #evaluate} never throws: a runtime error (a missing key, a
 * bad quantity) is a non-match that carries the error text, as in Kubernetes.
 */
public final class DeviceSelector {

  /** The outcome of one evaluation: matched, or not matched with an optional runtime error. */
  public record Evaluation(boolean matched, Optional<String> error) {
    static final Evaluation MATCH = new Evaluation(true, Optional.empty());
    static final Evaluation NO_MATCH = new Evaluation(false, Optional.empty());
  }

  private final String expression;
  private final CelRuntime.Program program;

  DeviceSelector(String expression, CelRuntime.Program program) {
    this.expression = expression;
    this.program = program;
  }

  /** The source text. */
  public String expression() {
    return expression;
  }

  /** Evaluates against a device given as the map from {@link DeviceCel#deviceVariable}. */
  public Evaluation evaluate(Map<String, Object> device) {
    Object result;
    try {
      result = program.eval(Map.of("device", device));
    } catch (CelEvaluationException e) {
      return new Evaluation(false, Optional.of(message(e)));
    } catch (RuntimeException e) {
      return new Evaluation(false, Optional.of(String.valueOf(e.getMessage())));
    }
    if (result instanceof Boolean b) {
      return b ? Evaluation.MATCH : Evaluation.NO_MATCH;
    }
    return new Evaluation(
        false,
        Optional.of(
            "selector returned "
                + (result == null ? "null" : result.getClass().getSimpleName())
                + ", expected bool"));
  }

  private static String message(CelEvaluationException e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    // Strip the library's position prefix ("evaluation error at <input>:12: ") but keep the cause.
    int idx = m.indexOf(": ");
    String core = m.startsWith("evaluation error") && idx > 0 ? m.substring(idx + 2) : m;
    return core;
  }

  @Override
  public String toString() {
    return expression;
  }
}
