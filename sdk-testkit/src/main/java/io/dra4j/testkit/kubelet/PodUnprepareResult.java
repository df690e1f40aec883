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
package io.dra4j.testkit.kubelet;

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PodRef;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of unpreparing a pod's claims. On failure the kubelet keeps the pod terminating and
 * tries again; the claims stay in its cache.
 *
 * @param pod the pod
 * @param unprepared claims the drivers unprepared by this call
 * @param stillInUse claims skipped because other pods still reference them
 * @param errors every problem found, each naming the driver and the claim; empty on success
 */
public record PodUnprepareResult(
    PodRef pod, List<ClaimRef> unprepared, List<ClaimRef> stillInUse, List<String> errors) {
  /** Checks and copies the components. */
  public PodUnprepareResult {
    Objects.requireNonNull(pod, "pod");
    unprepared = List.copyOf(unprepared);
    stillInUse = List.copyOf(stillInUse);
    errors = List.copyOf(errors);
  }

  /** Whether the pod's claims are released and the pod may be removed. */
  public boolean succeeded() {
    return errors.isEmpty();
  }
}
