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
package io.dra4j.conformance.differential;

import io.dra4j.conformance.cluster.KubeObjectException;
import java.util.List;
import java.util.Optional;

/**
 * What one side did with an object of a scenario: stored it, or refused it; and which pods the
 * device taint eviction controller evicted after it.
 *
 * @param object {@code Kind/name}
 * @param refusal why the API server refused it; empty when stored
 * @param evicted the evicted pods, sorted
 */
public record ApplyOutcome(String object, Optional<ApiRefusal> refusal, List<String> evicted)
    implements StepOutcome {

  /** Copies the list. */
  public ApplyOutcome {
    evicted = List.copyOf(evicted);
  }

  /** Whether the API server refused the object. */
  public boolean refused() {
    return refusal.isPresent();
  }

  @Override
  public String toString() {
    return object
        + ": "
        + refusal.map(r -> "refused, " + r).orElse("stored")
        + (evicted.isEmpty() ? "" : ", evicted " + evicted);
  }

  /**
   * An API server's refusal, reduced to what both servers say alike.
   *
   * @param code the HTTP status code
   * @param reason the Status reason ({@code Invalid}, {@code BadRequest}, ...)
   * @param fields the field paths of the Status's causes, in order
   * @param message the server's own words
   */
  public record ApiRefusal(int code, String reason, List<String> fields, String message) {
    /** Copies the list. */
    public ApiRefusal {
      fields = List.copyOf(fields);
    }

    /** The refusal a {@code KubeObjects} call reported. */
    static ApiRefusal of(KubeObjectException e) {
      return new ApiRefusal(e.code(), e.reason(), e.fields(), e.getMessage());
    }

    /** Whether both say the same: code, reason and fields. */
    boolean sameAs(ApiRefusal other) {
      return code == other.code && reason.equals(other.reason) && fields.equals(other.fields);
    }

    @Override
    public String toString() {
      return code + " " + reason + " " + fields;
    }
  }
}
