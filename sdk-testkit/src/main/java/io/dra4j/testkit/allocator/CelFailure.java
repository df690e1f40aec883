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

import io.dra4j.testkit.allocator.ClaimPlan.Alternative;
import java.util.Optional;

/**
 * A selector that fails at runtime on a device (a missing attribute, a type error): kube-scheduler
 * stops the pod's scheduling attempt with a {@code CEL runtime error} when its allocator evaluates
 * that selector on that device, which it does lazily: only for devices it reaches before it finds
 * an allocation, and not for devices already in use.
 *
 * @param device the device
 * @param deviceClass the DeviceClass whose selector failed; empty for a selector of the request
 * @param index the selector's index in its list
 * @param expression the CEL expression
 * @param error the evaluation error
 */
record CelFailure(
    DeviceId device, Optional<String> deviceClass, int index, String expression, String error) {

  /** The failure as the claim and request that met it see it. */
  String describe(String claim, Alternative alt) {
    return "claim "
        + claim
        + " request "
        + alt.resultName
        + ": "
        + deviceClass.map(c -> "device class " + c + " selector #").orElse("selector #")
        + index
        + " \""
        + expression
        + "\" on device "
        + device
        + ": CEL runtime error: "
        + error;
  }

  /** Thrown when the search reaches a failing device: allocation stops on the node. */
  static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop(String message) {
      super(message, null, false, false);
    }
  }
}
