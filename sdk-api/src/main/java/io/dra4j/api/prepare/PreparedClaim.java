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
package io.dra4j.api.prepare;

import java.util.Objects;

/**
 * A claim as the SDK checkpointed it after a successful {@code prepare}: what {@code unprepare}
 * receives, even after a restart or when the claim is gone from the API.
 *
 * @param claim the claim
 * @param preparation what {@code prepare} returned
 */
public record PreparedClaim(ClaimRef claim, Preparation preparation) {
  /** Checks and copies the components. */
  public PreparedClaim {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(preparation, "preparation");
  }
}
