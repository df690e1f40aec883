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
package io.dra4j.runtime.internal.prepare;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Why one claim of a prepare or unprepare call failed: a reason from a closed set, for metrics and
 * alerts, and a message for the pod's events. The message does not name the claim, because the
 * kubelet already puts {@code failed for claim <namespace>/<name>:} in front of it.
 *
 * @param reason the kind of failure
 * @param message what went wrong and how to fix it
 */
public record ClaimError(Reason reason, String message) {
  public ClaimError {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** The kinds of per-claim failure, one for each place the runtime produces one. */
  public enum Reason {
    /** The kubelet sent a claim without a namespace, name or UID. */
    MALFORMED_REQUEST,
    /** The ResourceClaim does not exist (any more). */
    CLAIM_NOT_FOUND,
    /** The ResourceClaim was deleted and created again: it has another UID. */
    CLAIM_REPLACED,
    /** The ResourceClaim has no allocation. */
    NOT_ALLOCATED,
    /** The ResourceClaim's allocation has no device of this driver. */
    NOT_ALLOCATED_TO_DRIVER,
    /** A device of the allocation is in a pool this driver does not publish on this node. */
    POOL_NOT_ON_NODE,
    /** The ResourceClaim cannot be read from the API server. */
    CLAIM_READ_FAILED,
    /** An opaque configuration entry of the claim or its DeviceClass cannot be decoded. */
    CONFIG_INVALID,
    /** The device provider refused or failed to prepare or unprepare the claim. */
    PROVIDER_FAILED,
    /** The device provider returned a Preparation the runtime cannot use: a provider bug. */
    INVALID_PREPARATION,
    /** The CDI spec cannot be written or removed. */
    CDI_WRITE_FAILED,
    /** The checkpoint cannot be updated. */
    CHECKPOINT_FAILED,
    /** The claim did not finish before the kubelet's deadline. */
    TIMEOUT,
    /** The driver is shutting down. */
    SHUTTING_DOWN,
    /** The lock that serializes driver instances during a rolling update cannot be taken. */
    SERIALIZE_LOCK_FAILED,
    /** An unexpected failure in the runtime itself. */
    INTERNAL;

    /** The metric label value: the name in lower case, like {@code claim_not_found}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Every label value, in declaration order. */
    public static List<String> labels() {
      return Arrays.stream(values()).map(Reason::label).toList();
    }
  }

  /**
   * The error text the kubelet receives: {@code <REASON>: <message>}, like a gRPC status with its
   * description.
   */
  public String text() {
    return reason.name() + ": " + message;
  }
}
