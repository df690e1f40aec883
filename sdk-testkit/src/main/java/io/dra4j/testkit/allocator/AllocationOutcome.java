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

import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1AllocationResult;
import io.kubernetes.client.openapi.models.V1ResourceClaimStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of allocating the claims of one pod: {@link Allocated} with one {@code
 * V1AllocationResult} per claim (in the order the claims were given), or {@link Unschedulable} with
 * the reason.
 */
public sealed interface AllocationOutcome {

  /** The node the outcome is about. */
  String node();

  /** All claims fit on {@code node}; {@code results.get(i)} belongs to claim {@code i}. */
  record Allocated(String node, List<V1AllocationResult> results) implements AllocationOutcome {
    public Allocated {
      results = List.copyOf(results);
    }

    /**
     * Copies of {@code claims} (the same list that was allocated) with {@code status.allocation}
     * set, ready for {@link Allocator#withAllocated}.
     */
    public List<ResourceV1ResourceClaim> applyTo(List<ResourceV1ResourceClaim> claims) {
      if (claims.size() != results.size()) {
        throw new IllegalArgumentException(
            "got " + claims.size() + " claims for " + results.size() + " allocation results");
      }
      List<ResourceV1ResourceClaim> out = new ArrayList<>();
      for (int i = 0; i < claims.size(); i++) {
        ResourceV1ResourceClaim c = claims.get(i);
        out.add(
            new ResourceV1ResourceClaim()
                .apiVersion(c.getApiVersion())
                .kind(c.getKind())
                .metadata(c.getMetadata())
                .spec(c.getSpec())
                .status(new V1ResourceClaimStatus().allocation(results.get(i))));
      }
      return List.copyOf(out);
    }
  }

  /** The claims do not fit on {@code node}; {@code reason} says why in one line. */
  record Unschedulable(String node, String reason) implements AllocationOutcome {}
}
