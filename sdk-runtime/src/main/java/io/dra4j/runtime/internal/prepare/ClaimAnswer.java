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

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome for one claim of a prepare or unprepare call: the prepared devices, or an error that
 * the kubelet shows in the pod's events.
 *
 * @param devices prepared devices (empty for unprepare and on error)
 * @param error why the claim failed
 */
public record ClaimAnswer(List<DeviceAnswer> devices, Optional<ClaimError> error) {
  public ClaimAnswer {
    devices = List.copyOf(devices);
    Objects.requireNonNull(error, "error");
  }

  /** Success with the given devices. */
  public static ClaimAnswer ok(List<DeviceAnswer> devices) {
    return new ClaimAnswer(devices, Optional.empty());
  }

  /** Success without devices (unprepare). */
  public static ClaimAnswer ok() {
    return new ClaimAnswer(List.of(), Optional.empty());
  }

  /** A per-claim failure; the message does not name the claim (the kubelet does). */
  public static ClaimAnswer failed(ClaimError.Reason reason, String message) {
    return new ClaimAnswer(List.of(), Optional.of(new ClaimError(reason, message)));
  }

  public boolean failed() {
    return error.isPresent();
  }
}
