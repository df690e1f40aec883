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
 * untolerated taints, exhausted counters, pool problems; per constraint the attribute values seen;
 * per node a {@link Reason}, the category of its one-line summary. {@link #text()} renders it for a
 * person debugging a Pending pod.
 */
public record Explanation(List<NodeReport> nodes) {

  public Explanation {
    nodes = List.copyOf(nodes);
  }

  /** Whether at least one node fits all claims. */
  public boolean anyNodeFits() {
    return nodes.stream().anyMatch(NodeReport::fits);
  }

  /**
   * The reason for the pod as a whole: a CEL runtime error on any node (kube-scheduler stops the
   * pod's scheduling attempt there), else a failed binding, else a wait for binding conditions,
   * else {@link Reason#FITS} when a node fits, else the reason of the first node; {@link
   * Reason#FITS} when there is no node.
   */
  public Reason reason() {
    for (Reason r :
        List.of(
            Reason.CEL_RUNTIME_ERROR,
            Reason.BINDING_FAILED,
            Reason.WAITING_FOR_BINDING_CONDITIONS,
            Reason.FITS)) {
      if (nodes.stream().anyMatch(n -> n.reason() == r)) {
        return r;
      }
    }
    return nodes.isEmpty() ? Reason.FITS : nodes.get(0).reason();
  }

  /** Why a node does or does not fit the claims, as a category a program can act on. */
  public enum Reason {
    /** Every claim fits on the node. */
    FITS,
    /** A claim cannot be allocated as written: a missing DeviceClass, a bad selector or field. */
    INVALID_CLAIM,
    /** The pod refers to a ResourceClaim that does not exist (yet). */
    CLAIM_MISSING,
    /**
     * A selector fails at runtime on a device the allocator evaluates (a missing attribute, say):
     * kube-scheduler stops the pod's scheduling attempt with a {@code CEL runtime error}.
     */
    CEL_RUNTIME_ERROR,
    /** Fewer devices match a request's selectors than it needs. */
    NO_MATCHING_DEVICES,
    /** Enough devices match, but other claims hold too many of them. */
    DEVICES_IN_USE,
    /**
     * Enough devices match, but too many carry a taint the request does not tolerate, from their
     * ResourceSlice or from a DeviceTaintRule (the summary names the rule).
     */
    DEVICES_TAINTED,
    /**
     * Enough devices match, but their shared counters or their consumable capacity are used up (or
     * the capacity's request policy forbids the amount asked).
     */
    CAPACITY_EXHAUSTED,
    /** The matching devices lie in pools that cannot be used: invalid, or incomplete for All. */
    POOL_UNUSABLE,
    /** A {@code matchAttribute} or {@code distinctAttribute} constraint cannot be met. */
    CONSTRAINT_UNMET,
    /**
     * A constraint over a list attribute cannot be met: no value common to the lists, lists
     * compared as single values (Kubernetes 1.36), or lists dropped (list attributes off).
     */
    LIST_ATTRIBUTE_MISMATCH,
    /** The claim would need more devices than one allocation result holds (32). */
    TOO_MANY_DEVICES,
    /** The search gave up (the analogue of the scheduler's filter timeout). */
    SEARCH_LIMIT,
    /** Each request can be met on its own, but not all together. */
    NO_COMBINATION,
    /**
     * The pod asks for an extended resource that the node does not advertise and no DeviceClass
     * serves: kube-scheduler's {@code Insufficient <name>}.
     */
    INSUFFICIENT_NODE_RESOURCE,
    /**
     * The claims are allocated for the node and reserved, but a device's binding conditions are not
     * all {@code True} yet: the scheduler holds the pod before binding it.
     */
    WAITING_FOR_BINDING_CONDITIONS,
    /**
     * A device's binding failure condition became {@code True}: the scheduler released the claims
     * and scheduled the pod again.
     */
    BINDING_FAILED
  }

  /**
   * One node: whether the claims fit, the category of the answer, a one-line summary, and the
   * details per claim.
   */
  public record NodeReport(
      String node, boolean fits, Reason reason, String summary, List<ClaimReport> claims) {
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
