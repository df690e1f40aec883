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
package io.dra4j.runtime.internal.checkpoint;

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PreparedClaim;
import java.util.Objects;
import java.util.Optional;

/**
 * What the checkpoint knows about one claim. {@code prepared} is present only in state {@link
 * State#PREPARE_COMPLETED}; {@code bootId} is the boot the entry was written in.
 *
 * @param claim the claim
 * @param state how far prepare got
 * @param prepared what prepare returned, once it completed
 * @param bootId the boot ID of the node when the entry was written
 */
public record CheckpointEntry(
    ClaimRef claim, State state, Optional<PreparedClaim> prepared, String bootId) {

  /** How far preparing a claim got. */
  public enum State {
    /** Prepare began; the provider may have done part of the work. */
    PREPARE_STARTED,
    /** Prepare finished and its result is recorded. */
    PREPARE_COMPLETED
  }

  public CheckpointEntry {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(bootId, "bootId");
    if (prepared.isPresent() != (state == State.PREPARE_COMPLETED)) {
      throw new IllegalArgumentException(
          "checkpoint entry for claim "
              + claim
              + ": the prepared result must be present exactly in state PREPARE_COMPLETED, but"
              + " state is "
              + state
              + (prepared.isPresent() ? " with a result" : " without a result"));
    }
    prepared.ifPresent(
        p -> {
          if (!p.claim().uid().equals(claim.uid())) {
            throw new IllegalArgumentException(
                "checkpoint entry for claim " + claim + " holds the result of claim " + p.claim());
          }
        });
  }

  /**
   * Whether this entry was written during the given boot. When the boot ID could not be read
   * ({@code unknown}) a reboot cannot be detected and entries from "unknown" count as current.
   */
  public boolean fromCurrentBoot(String currentBootId) {
    return bootId.equals(currentBootId);
  }
}
