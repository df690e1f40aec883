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

import io.kubernetes.client.openapi.models.V1DeviceCounterConsumption;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Pool-wide checks the scheduler makes before using a pool at all: from 1.36 (partitionable devices
 * beta) a device that consumes a counter set or counter the pool does not define makes the whole
 * pool invalid, not just that device unusable.
 */
final class PoolChecks {
  private PoolChecks() {}

  /** Why {@code pool} is invalid because of counters consumed but not defined, if it is. */
  static Optional<String> undefinedCounters(Catalog.Pool pool) {
    for (Catalog.Slice s : pool.slices) {
      for (DeviceView d : s.devices) {
        for (V1DeviceCounterConsumption c : d.consumes) {
          Map<String, BigDecimal> set = pool.counterSets.get(c.getCounterSet());
          if (set == null) {
            return Optional.of(
                "device "
                    + d.id.device()
                    + " consumes counter set "
                    + c.getCounterSet()
                    + ", which no slice of the pool defines");
          }
          for (String counter : nullToEmpty(c.getCounters()).keySet()) {
            if (!set.containsKey(counter)) {
              return Optional.of(
                  "device "
                      + d.id.device()
                      + " consumes counter "
                      + counter
                      + ", which counter set "
                      + c.getCounterSet()
                      + " does not define");
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
