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

import static io.dra4j.testkit.allocator.NodeMatch.nullToEmpty;

import io.dra4j.testkit.allocator.ClaimPlan.Alternative;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1CapacityRequestPolicy;
import io.kubernetes.client.openapi.models.V1CapacityRequestPolicyRange;
import io.kubernetes.client.openapi.models.V1DeviceCapacity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Consumable capacity of a device that allows multiple allocations, as the scheduler computes it:
 * every capacity of the device is consumed by every allocation, by the amount the request names
 * rounded up under the capacity's request policy (to the range's minimum plus whole steps, or to
 * the next valid value), by the policy's default when the request names none, or whole without
 * either. An amount the policy does not allow, or more than is left, does not fit.
 */
final class SharedCapacity {
  private SharedCapacity() {}

  /** Whether {@code alt} consumes capacity of {@code d} (a shared device, not for admin access). */
  static boolean applies(Alternative alt, DeviceView d) {
    return d.allowMultipleAllocations && !alt.adminAccess;
  }

  /**
   * What {@code alt} consumes of each capacity of {@code d}, in the device's capacity order; empty
   * when the request names a capacity the device does not have or an amount its policy forbids.
   */
  static Optional<Map<String, Quantity>> consumption(DeviceView d, Alternative alt) {
    Map<String, V1DeviceCapacity> capacity = nullToEmpty(d.device.getCapacity());
    if (!capacity.keySet().containsAll(alt.capacityRequests.keySet())) {
      return Optional.empty();
    }
    Map<String, Quantity> out = new LinkedHashMap<>();
    for (Map.Entry<String, V1DeviceCapacity> e : capacity.entrySet()) {
      V1DeviceCapacity c = e.getValue();
      if (c.getValue() == null) {
        continue;
      }
      Quantity consumed = consumed(alt.capacityRequests.get(e.getKey()), c);
      if (violates(consumed, c.getRequestPolicy())) {
        return Optional.empty();
      }
      out.put(e.getKey(), consumed);
    }
    return Optional.of(out);
  }

  /**
   * Why {@code want} does not fit next to {@code used} (already allocated plus allocating now), or
   * empty when it fits.
   */
  static Optional<String> shortfall(
      DeviceView d, Map<String, Quantity> want, Map<String, BigDecimal> used) {
    Map<String, V1DeviceCapacity> capacity = nullToEmpty(d.device.getCapacity());
    for (Map.Entry<String, Quantity> e : want.entrySet()) {
      Quantity.Format format = capacity.get(e.getKey()).getValue().getFormat();
      BigDecimal total = capacity.get(e.getKey()).getValue().getNumber();
      BigDecimal taken = used.getOrDefault(e.getKey(), BigDecimal.ZERO);
      if (taken.add(e.getValue().getNumber()).compareTo(total) > 0) {
        return Optional.of(
            "capacity "
                + e.getKey()
                + " needs "
                + text(e.getValue().getNumber(), format)
                + ", "
                + text(total.subtract(taken), format)
                + " left of "
                + text(total, format));
      }
    }
    return Optional.empty();
  }

  /** Adds ({@code sign} 1) or removes ({@code sign} -1) {@code amounts} to {@code into}. */
  static void add(Map<String, BigDecimal> into, Map<String, Quantity> amounts, int sign) {
    amounts.forEach(
        (k, v) ->
            into.merge(k, sign > 0 ? v.getNumber() : v.getNumber().negate(), BigDecimal::add));
  }

  private static Quantity consumed(Quantity requested, V1DeviceCapacity c) {
    V1CapacityRequestPolicy policy = c.getRequestPolicy();
    if (requested == null) {
      return policy != null && policy.getDefault() != null ? policy.getDefault() : c.getValue();
    }
    if (policy == null) {
      return requested;
    }
    V1CapacityRequestPolicyRange range = policy.getValidRange();
    if (range != null && range.getMin() != null) {
      BigDecimal want = requested.getNumber();
      BigDecimal min = range.getMin().getNumber();
      if (want.compareTo(min) < 0) {
        return range.getMin();
      }
      if (range.getStep() == null) {
        return requested;
      }
      BigDecimal step = range.getStep().getNumber();
      BigDecimal steps = want.subtract(min).divide(step, 0, RoundingMode.CEILING);
      return new Quantity(min.add(steps.multiply(step)), range.getStep().getFormat());
    }
    for (Quantity v : nullToEmpty(policy.getValidValues())) {
      if (requested.getNumber().compareTo(v.getNumber()) <= 0) {
        return v;
      }
    }
    return requested;
  }

  private static boolean violates(Quantity consumed, V1CapacityRequestPolicy policy) {
    if (policy == null
        || (policy.getDefault() != null
            && policy.getDefault().getNumber().compareTo(consumed.getNumber()) == 0)) {
      return false;
    }
    BigDecimal v = consumed.getNumber();
    V1CapacityRequestPolicyRange range = policy.getValidRange();
    if (range != null) {
      if (range.getMax() != null && v.compareTo(range.getMax().getNumber()) > 0) {
        return true;
      }
      return range.getStep() != null
          && range.getMin() != null
          && v.subtract(range.getMin().getNumber()).remainder(range.getStep().getNumber()).signum()
              != 0;
    }
    List<Quantity> valid = nullToEmpty(policy.getValidValues());
    return !valid.isEmpty() && valid.stream().noneMatch(q -> q.getNumber().compareTo(v) == 0);
  }

  private static String text(BigDecimal v, Quantity.Format format) {
    return new Quantity(v, format).toSuffixedString();
  }
}
