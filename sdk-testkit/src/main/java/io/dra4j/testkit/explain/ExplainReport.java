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
package io.dra4j.testkit.explain;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.dra4j.testkit.allocator.Explanation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code explain} found: the state of each claim, which nodes were considered, the allocator's
 * explanation for the pending claims (per node, claim and request), and a one-line result.
 *
 * @param subject {@code pod <ns>/<name>} or {@code ResourceClaim <ns>/<name>}
 * @param claims the claims, in the pod's order
 * @param nodes which nodes the pending claims were tried on, and why those; empty when no claim is
 *     pending
 * @param explanation the allocator's explanation; empty when no claim is pending and the pod does
 *     not wait for binding conditions
 * @param reason the category of the result; empty when DRA does not keep the pod Pending (no
 *     claims, or no node left to try)
 * @param result the answer in one line
 */
record ExplainReport(
    String subject,
    List<ClaimState> claims,
    String nodes,
    Optional<Explanation> explanation,
    Optional<Explanation.Reason> reason,
    String result) {

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  ExplainReport {
    claims = List.copyOf(claims);
  }

  /** Where a claim stands. */
  enum State {
    /** It has {@code status.allocation}. */
    ALLOCATED,
    /** It exists and waits for an allocation. */
    PENDING,
    /** The pod refers to it, but it does not exist (yet). */
    MISSING;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One claim.
   *
   * @param claim {@code <ns>/<name>}; empty when a claim from a template was not created yet
   * @param podClaim the entry of the pod's {@code spec.resourceClaims}; empty for a lone claim
   * @param state where it stands
   * @param detail the allocated devices, or why it is missing
   */
  record ClaimState(String claim, String podClaim, State state, String detail) {}

  /** Whether the allocator found a node for every pending claim. */
  boolean fits() {
    return explanation.map(Explanation::anyNodeFits).orElse(false);
  }

  /** The report for a person. */
  String text() {
    StringBuilder b = new StringBuilder(subject).append('\n');
    for (ClaimState c : claims) {
      b.append("  ");
      if (c.claim().isEmpty()) {
        b.append("pod claim ").append(c.podClaim());
      } else {
        b.append("claim ").append(c.claim());
        if (!c.podClaim().isEmpty()) {
          b.append(" (pod claim ").append(c.podClaim()).append(')');
        }
      }
      b.append(": ").append(c.state().label());
      if (!c.detail().isEmpty()) {
        b.append(": ").append(c.detail());
      }
      b.append('\n');
    }
    if (!nodes.isEmpty()) {
      b.append("nodes: ").append(nodes).append('\n');
    }
    explanation.ifPresent(e -> b.append(e.text()));
    reason
        .filter(r -> r != Explanation.Reason.FITS)
        .ifPresent(r -> b.append("reason: ").append(r).append('\n'));
    return b.append("result: ").append(result).append('\n').toString();
  }

  /** The report as one JSON object. */
  String json() {
    JsonObject o = new JsonObject();
    o.addProperty("subject", subject);
    JsonArray list = new JsonArray();
    for (ClaimState c : claims) {
      JsonObject j = new JsonObject();
      j.addProperty("claim", c.claim());
      j.addProperty("podClaim", c.podClaim());
      j.addProperty("state", c.state().label());
      j.addProperty("detail", c.detail());
      list.add(j);
    }
    o.add("claims", list);
    o.addProperty("nodes", nodes);
    o.addProperty("fits", fits());
    explanation.ifPresent(e -> o.add("explanation", GSON.toJsonTree(e)));
    reason.ifPresent(r -> o.addProperty("reason", r.name()));
    o.addProperty("result", result);
    return GSON.toJson(o);
  }
}
