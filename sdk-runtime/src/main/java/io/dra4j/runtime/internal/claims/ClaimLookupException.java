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
package io.dra4j.runtime.internal.claims;

import io.dra4j.api.prepare.ClaimRef;
import java.util.Objects;

/**
 * A claim could not be found or is not usable. The message is {@code ResourceClaim <claim>}
 * followed by {@link #problem()}; {@link #reason()} says which case it is.
 */
public final class ClaimLookupException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the lookup failed. */
  public enum Reason {
    /** The claim does not exist. */
    NOT_FOUND,
    /** A claim of that name exists with another UID: it was deleted and created again. */
    REPLACED,
    /** The claim has no allocation. */
    NOT_ALLOCATED,
    /** The claim's allocation has no device of the driver. */
    NOT_ALLOCATED_TO_DRIVER,
    /** The claim cannot be read from the API server. */
    READ_FAILED
  }

  private final Reason reason;
  private final String problem;

  /**
   * @param reason why the lookup failed
   * @param claim the claim looked up
   * @param problem what is wrong and what to do, phrased to follow {@code ResourceClaim <claim>}
   *     (for example {@code "does not exist: it was deleted"})
   */
  public ClaimLookupException(Reason reason, ClaimRef claim, String problem) {
    this(reason, claim, problem, null);
  }

  /** The same, with the exception that caused it. */
  public ClaimLookupException(Reason reason, ClaimRef claim, String problem, Throwable cause) {
    super("ResourceClaim " + claim + " " + problem, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.problem = problem;
  }

  /** Why the lookup failed. */
  public Reason reason() {
    return reason;
  }

  /** The message without the claim: what is wrong and what to do. */
  public String problem() {
    return problem;
  }
}
