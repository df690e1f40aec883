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
import io.kubernetes.client.custom.Quantity;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consumable capacity of shared devices during one search: what allocated claims hold, what the
 * search has taken so far, and what each request consumes of each device (computed once).
 */
final class CapacityLedger {
  private final Usage usage;
  private final Catalog catalog;
  private final Map<DeviceId, Map<String, BigDecimal>> taking = new HashMap<>();

  CapacityLedger(Usage usage, Catalog catalog) {
    this.usage = usage;
    this.catalog = catalog;
  }

  /** Whether {@code alt} can take its share of {@code d} now: the search's hot path. */
  boolean fits(Alternative alt, DeviceView d) {
    Optional<Map<String, Quantity>> want = consumption(alt, d);
    if (want.isEmpty()) {
      return false;
    }
    Map<String, BigDecimal> allocated = usage.capacity(d.id);
    Map<String, BigDecimal> now = taking.getOrDefault(d.id, Map.of());
    for (Map.Entry<String, Quantity> e : want.get().entrySet()) {
      BigDecimal taken =
          allocated
              .getOrDefault(e.getKey(), BigDecimal.ZERO)
              .add(now.getOrDefault(e.getKey(), BigDecimal.ZERO));
      BigDecimal total = d.device.getCapacity().get(e.getKey()).getValue().getNumber();
      if (taken.add(e.getValue().getNumber()).compareTo(total) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Why {@code alt} cannot take its share of {@code d} now: a policy violation or too little
   * capacity left; empty when it fits.
   */
  Optional<String> shortfall(Alternative alt, DeviceView d) {
    Optional<Map<String, Quantity>> want = consumption(alt, d);
    if (want.isEmpty()) {
      return Optional.of(
          "request " + alt.resultName + " asks capacity that the device's request policy forbids");
    }
    Map<String, BigDecimal> used = new HashMap<>(usage.capacity(d.id));
    taking.getOrDefault(d.id, Map.of()).forEach((k, v) -> used.merge(k, v, BigDecimal::add));
    return SharedCapacity.shortfall(d, want.get(), used);
  }

  /**
   * Takes ({@code sign} 1) or gives back ({@code sign} -1) what {@code alt} consumes of {@code d}.
   */
  void consume(Alternative alt, DeviceView d, int sign) {
    if (SharedCapacity.applies(alt, d)) {
      SharedCapacity.add(
          taking.computeIfAbsent(d.id, k -> new HashMap<>()),
          consumption(alt, d).orElseThrow(),
          sign);
    }
  }

  private Optional<Map<String, Quantity>> consumption(Alternative alt, DeviceView d) {
    return catalog
        .consumptions
        .computeIfAbsent(alt.capacityKey, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(d.id, k -> SharedCapacity.consumption(d, alt));
  }
}
