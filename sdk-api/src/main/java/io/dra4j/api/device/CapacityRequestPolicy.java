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
import java.util.Optional;

/**
 * How claims consume one capacity of a device that allows multiple allocations ({@code
 * capacity.<name>.requestPolicy}, consumable capacity): what a request that names no amount
 * consumes, and which amounts are valid, either a list of values or a range with an optional step.
 * A request for an amount between valid values is rounded up to the next valid one; above the
 * largest it cannot be allocated.
 *
 * <p>The rules that involve the capacity's value (every bound at most the capacity, the default
 * valid) are checked when the {@link Device} is built.
 *
 * @param defaultAmount what a request that names no amount consumes; required with valid values or
 *     a range; without one the scheduler takes the whole capacity
 * @param validValues at most 10 amounts in ascending order, without repeats; empty when not used
 * @param validRange the valid amounts as a range; empty when not used
 */
public record CapacityRequestPolicy(
    Optional<Quantity> defaultAmount, List<Quantity> validValues, Optional<Range> validRange) {

  /**
   * Valid amounts from {@code min} to {@code max} (if set) in multiples of {@code step} (if set)
   * above {@code min}.
   *
   * @param min at least zero
   * @param max at least {@code min}
   * @param step greater than zero
   */
  public record Range(Quantity min, Optional<Quantity> max, Optional<Quantity> step) {
    /** Checks the components. */
    public Range {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      Objects.requireNonNull(step, "step");
      RequestPolicyRules.requireRange(min, max, step);
    }
  }

  /** Checks and copies the components. */
  public CapacityRequestPolicy {
    Objects.requireNonNull(defaultAmount, "defaultAmount");
    validValues = List.copyOf(Objects.requireNonNull(validValues, "validValues"));
    Objects.requireNonNull(validRange, "validRange");
    RequestPolicyRules.requirePolicy(defaultAmount, validValues, validRange);
  }

  /** Only a default: a request without an amount consumes {@code amount}, others what they ask. */
  public static CapacityRequestPolicy defaultAmount(Quantity amount) {
    return new CapacityRequestPolicy(
        Optional.of(Objects.requireNonNull(amount, "amount")), List.of(), Optional.empty());
  }

  /**
   * Only these amounts (ascending, at most 10); a request is rounded up to the next one.
   *
   * @param defaultAmount one of {@code values}
   */
  public static CapacityRequestPolicy validValues(Quantity defaultAmount, List<Quantity> values) {
    return new CapacityRequestPolicy(
        Optional.of(Objects.requireNonNull(defaultAmount, "defaultAmount")),
        values,
        Optional.empty());
  }

  /**
   * Amounts from {@code min} up to {@code max} in steps of {@code step}; a request is rounded up to
   * {@code min} plus a whole number of steps.
   *
   * @param defaultAmount within the range and on a step
   */
  public static CapacityRequestPolicy range(
      Quantity defaultAmount, Quantity min, Quantity max, Quantity step) {
    return new CapacityRequestPolicy(
        Optional.of(Objects.requireNonNull(defaultAmount, "defaultAmount")),
        List.of(),
        Optional.of(new Range(min, Optional.of(max), Optional.of(step))));
  }

  /**
   * The amount a request consumes under this policy, the way the scheduler computes it: the default
   * when the request names none; otherwise the request rounded up to the next valid value, or to
   * the range's minimum plus a whole number of steps.
   *
   * @param requested the amount the request names, or empty
   * @param capacity the capacity's value, consumed whole when neither request nor default is set
   * @return empty when the request exceeds the largest valid value or the range's maximum
   */
  public Optional<Quantity> consumed(Optional<Quantity> requested, Quantity capacity) {
    return RequestPolicyRules.consumed(this, requested, capacity);
  }
}
