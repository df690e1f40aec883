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

import java.util.List;
import java.util.Map;

/**
 * Why claims do or do not fit, per node: per request the selector funnel (devices on the node,
 * matching the class, matching the request, usable), CEL errors, devices taken and by whom,
 * untolerated taints, exhausted counters, pool problems; per constraint the attribute values seen.
 * {@link #text()} renders it for a person debugging a Pending pod.
 */
public record Explanation(List<NodeReport> nodes) {

  public Explanation {
    nodes = List.copyOf(nodes);
  }

  /** Whether at least one node fits all claims. */
  public boolean anyNodeFits() {
    return nodes.stream().anyMatch(NodeReport::fits);
  }

  /** One node: whether the claims fit, a one-line summary, and the details per claim. */
  public record NodeReport(String node, boolean fits, String summary, List<ClaimReport> claims) {
    public NodeReport {
      claims = List.copyOf(claims);
    }
  }

  /** One claim: problems with the claim itself, its requests and its constraints. */
  public record ClaimReport(
      String claim,
      List<String> problems,
      List<RequestReport> requests,
      List<ConstraintReport> constraints) {
    public ClaimReport {
      problems = List.copyOf(problems);
      requests = List.copyOf(requests);
      constraints = List.copyOf(constraints);
    }
  }

  /**
   * One request or subrequest ({@code req/sub}) on one node. {@code usable} counts devices that
   * match, are free (or shareable), tolerate taints and fit their counters, each on its own.
   */
  public record RequestReport(
      String request,
      String deviceClass,
      String mode,
      long needed,
      int devicesOnNode,
      int matchingClass,
      int matchingRequest,
      int usable,
      List<String> celErrors,
      Map<String, List<String>> takenBy,
      List<String> taintedNotTolerated,
      List<String> countersExhausted,
      List<String> poolProblems) {
    public RequestReport {
      celErrors = List.copyOf(celErrors);
      takenBy = ExplanationText.ordered(takenBy);
      taintedNotTolerated = List.copyOf(taintedNotTolerated);
      countersExhausted = List.copyOf(countersExhausted);
      poolProblems = List.copyOf(poolProblems);
    }
  }

  /**
   * One constraint: for each attribute value, how many usable devices each request has with it;
   * {@code withoutAttribute} counts usable devices lacking the attribute.
   */
  public record ConstraintReport(
      String constraint,
      Map<String, Map<String, Integer>> usableByValue,
      Map<String, Integer> withoutAttribute,
      String verdict) {
    public ConstraintReport {
      usableByValue = ExplanationText.ordered(usableByValue);
      withoutAttribute = ExplanationText.ordered(withoutAttribute);
    }
  }

  /** A multi-line, human-readable rendering. */
  public String text() {
    return ExplanationText.render(this);
  }

  @Override
  public String toString() {
    return text();
  }
}
