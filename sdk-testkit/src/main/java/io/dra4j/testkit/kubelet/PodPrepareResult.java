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
 * The outcome of preparing a pod's claims. When it failed, the kubelet would record a {@code
 * FailedPrepareDynamicResources} event with {@link #eventMessage()} and retry the pod later; claims
 * prepared by other drivers in the meantime are not rolled back.
 *
 * @param pod the pod
 * @param prepared claims prepared by this call
 * @param skipped claims that were already prepared (for example shared with a running pod)
 * @param errors every problem found, each naming the driver and the claim; empty on success
 */
public record PodPrepareResult(
    PodRef pod, List<ClaimRef> prepared, List<ClaimRef> skipped, List<String> errors) {
  /** Checks and copies the components. */
  public PodPrepareResult {
    Objects.requireNonNull(pod, "pod");
    prepared = List.copyOf(prepared);
    skipped = List.copyOf(skipped);
    errors = List.copyOf(errors);
  }

  /** Whether all claims of the pod are prepared and its containers may start. */
  public boolean succeeded() {
    return errors.isEmpty();
  }

  /** The event message the kubelet would record, empty on success. */
  public String eventMessage() {
    return errors.isEmpty()
        ? ""
        : "FailedPrepareDynamicResources: failed to prepare dynamic resources for pod "
            + pod.namespace()
            + "/"
            + pod.name()
            + ": "
            + String.join("; ", errors);
  }
}
