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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The {@code resource.k8s.io/v1} rules of a {@link CapacityRequestPolicy}, and the scheduler's
 * rounding of a requested amount. Amounts are compared exactly, so fractional quantities work.
 */
final class RequestPolicyRules {
  private static final String OBJECT = "capacity request policy";

  private RequestPolicyRules() {}

  static void requireRange(Quantity min, Optional<Quantity> max, Optional<Quantity> step) {
    if (min.signum() < 0) {
      throw new ValidationException(
          OBJECT, "validRange.min", min.toString(), "must be zero or more");
    }
    if (max.isPresent() && max.get().compareTo(min) < 0) {
      throw new ValidationException(
          OBJECT,
          "validRange.max",
          max.get().toString(),
          "must be at least min " + min + ": swap the two or raise max");
    }
    if (step.isPresent() && step.get().signum() <= 0) {
      throw new ValidationException(
          OBJECT, "validRange.step", step.get().toString(), "must be greater than zero");
    }
    if (step.isPresent() && max.isPresent() && !onStep(max.get(), min, step.get())) {
      throw new ValidationException(
          OBJECT,
          "validRange.max",
          max.get().toString(),
          "must be min "
              + min
              + " plus a whole number of steps of "
              + step.get()
              + ": lower it to the last step below");
    }
  }

  static void requirePolicy(
      Optional<Quantity> defaultAmount,
      List<Quantity> validValues,
      Optional<CapacityRequestPolicy.Range> validRange) {
    if (!validValues.isEmpty() && validRange.isPresent()) {
      throw new ValidationException(
          OBJECT,
          "validValues",
          validValues.toString(),
          "cannot be combined with validRange: use one of the two");
    }
    if ((!validValues.isEmpty() || validRange.isPresent()) && defaultAmount.isEmpty()) {
      throw new ValidationException(
          OBJECT,
          "default",
          "",
          "is required with validValues or validRange: give the amount a request without one"
              + " consumes");
    }
    if (validValues.size() > Limits.MAX_REQUEST_POLICY_VALID_VALUES) {
      throw new ValidationException(
          OBJECT,
          "validValues",
          String.valueOf(validValues.size()),
          "at most "
              + Limits.MAX_REQUEST_POLICY_VALID_VALUES
              + " values are allowed: use validRange with a step instead");
    }
    for (int i = 0; i < validValues.size(); i++) {
      Quantity v = validValues.get(i);
      if (v.signum() < 0) {
        throw new ValidationException(OBJECT, "validValues", v.toString(), "must be zero or more");
      }
      if (i > 0 && validValues.get(i - 1).compareTo(v) >= 0) {
        throw new ValidationException(
            OBJECT,
            "validValues",
            validValues.toString(),
            "must be in ascending order without repeats: sort them");
      }
    }
    if (!validValues.isEmpty() && !validValues.contains(defaultAmount.orElseThrow())) {
      throw new ValidationException(
          OBJECT,
          "default",
          defaultAmount.get().toString(),
          "must be one of validValues " + validValues);
    }
    if (validRange.isPresent()) {
      requireInRange(defaultAmount.orElseThrow(), validRange.get());
    }
  }

  private static void requireInRange(Quantity amount, CapacityRequestPolicy.Range r) {
    if (amount.compareTo(r.min()) < 0
        || r.max().map(max -> amount.compareTo(max) > 0).orElse(false)) {
      throw new ValidationException(
          OBJECT,
          "default",
          amount.toString(),
          "must lie within validRange ["
              + r.min()
              + ", "
              + r.max().map(String::valueOf).orElse("")
              + "]");
    }
    if (r.step().isPresent() && !onStep(amount, r.min(), r.step().get())) {
      throw new ValidationException(
          OBJECT,
          "default",
          amount.toString(),
          "must be min " + r.min() + " plus a whole number of steps of " + r.step().get());
    }
  }

  /** The rules that involve the capacity's value; {@code field} names the capacity. */
  static void requireWithinCapacity(Quantity capacity, CapacityRequestPolicy policy) {
    for (Quantity v : policy.validValues()) {
      requireAtMost(capacity, v, "validValues");
    }
    policy
        .validRange()
        .ifPresent(
            r -> {
              requireAtMost(capacity, r.min(), "validRange.min");
              r.max().ifPresent(max -> requireAtMost(capacity, max, "validRange.max"));
              r.step()
                  .ifPresent(
                      step -> {
                        if (r.min().add(step).compareTo(capacity) > 0) {
                          throw new ValidationException(
                              OBJECT,
                              "validRange.step",
                              step.toString(),
                              "min plus one step is "
                                  + r.min().add(step)
                                  + ", more than the capacity "
                                  + capacity
                                  + ": use a smaller step");
                        }
                      });
            });
  }

  private static void requireAtMost(Quantity capacity, Quantity value, String field) {
    if (value.compareTo(capacity) > 0) {
      throw new ValidationException(
          OBJECT,
          field,
          value.toString(),
          "is more than the capacity " + capacity + ": lower it or raise the capacity");
    }
  }

  private static boolean onStep(Quantity value, Quantity min, Quantity step) {
    return value.value().subtract(min.value()).remainder(step.value()).signum() == 0;
  }

  static Optional<Quantity> consumed(
      CapacityRequestPolicy policy, Optional<Quantity> requested, Quantity capacity) {
    if (requested.isEmpty()) {
      return Optional.of(policy.defaultAmount().orElse(capacity));
    }
    Quantity want = requested.get();
    if (!policy.validValues().isEmpty()) {
      return policy.validValues().stream().filter(v -> v.compareTo(want) >= 0).findFirst();
    }
    if (policy.validRange().isEmpty()) {
      return Optional.of(want);
    }
    CapacityRequestPolicy.Range r = policy.validRange().get();
    Quantity out = want;
    if (want.compareTo(r.min()) < 0) {
      out = r.min();
    } else if (r.step().isPresent()) {
      BigDecimal step = r.step().get().value();
      BigDecimal steps =
          want.value().subtract(r.min().value()).divide(step, 0, RoundingMode.CEILING);
      out = Quantity.of(r.min().value().add(steps.multiply(step)), r.step().get().format());
    }
    Quantity result = out;
    return r.max().isPresent() && result.compareTo(r.max().get()) > 0
        ? Optional.empty()
        : Optional.of(result);
  }
}
