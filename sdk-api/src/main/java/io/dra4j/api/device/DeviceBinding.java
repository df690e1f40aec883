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
package io.dra4j.api.device;

import java.util.List;
import java.util.Objects;

/**
 * How the scheduler binds a pod that got a device (binding conditions): it waits before binding
 * until a controller reports every binding condition {@code True} in the claim's device status, and
 * gives up when one failure condition is {@code True}. {@link #bindsToNode} pins the allocation to
 * the node it was made for.
 *
 * @param conditions at most 4 condition types, each a label key such as {@code
 *     gpu.example.com/attached}; empty for none
 * @param failureConditions at most 4 condition types, required with {@code conditions}, none of
 *     them also in {@code conditions}
 * @param bindsToNode whether an allocation of the device is limited to the node it was made for
 */
public record DeviceBinding(
    List<String> conditions, List<String> failureConditions, boolean bindsToNode) {

  private static final DeviceBinding IMMEDIATE = new DeviceBinding(List.of(), List.of(), false);

  /** Checks and copies the components. */
  public DeviceBinding {
    conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions"));
    failureConditions = List.copyOf(Objects.requireNonNull(failureConditions, "failureConditions"));
    Validation.requireBinding(conditions, failureConditions);
  }

  /** No conditions and no node binding: the scheduler binds at once (the default). */
  public static DeviceBinding immediate() {
    return IMMEDIATE;
  }

  /** Waits for {@code conditions}; fails on any of {@code failureConditions}. */
  public static DeviceBinding when(List<String> conditions, List<String> failureConditions) {
    return new DeviceBinding(conditions, failureConditions, false);
  }

  /** The same conditions, with the allocation limited to its node. */
  public DeviceBinding withBindsToNode(boolean bindsToNode) {
    return new DeviceBinding(conditions, failureConditions, bindsToNode);
  }

  /** Whether this is {@link #immediate()}. */
  public boolean isImmediate() {
    return conditions.isEmpty() && failureConditions.isEmpty() && !bindsToNode;
  }
}
