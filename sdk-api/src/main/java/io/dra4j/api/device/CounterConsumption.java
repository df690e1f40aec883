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

import java.util.Map;
import java.util.TreeMap;

/**
 * The counters one device consumes from a {@link CounterSet} of its pool when allocated.
 *
 * @param counterSet the name of the counter set in the same pool
 * @param counters counter name to consumed amount
 */
public record CounterConsumption(String counterSet, Map<String, Counter> counters) {
  /** Checks and copies the components. */
  public CounterConsumption {
    Validation.requireDnsLabel("counterSet", "consumption of " + counterSet, counterSet);
    counters = Validation.copyCounters("consumption of " + counterSet, counters);
  }

  /** Convenience: consumed counters from name to quantity strings. */
  public static CounterConsumption of(String counterSet, Map<String, String> counters) {
    Map<String, Counter> m = new TreeMap<>();
    counters.forEach((k, v) -> m.put(k, Counter.of(v)));
    return new CounterConsumption(counterSet, m);
  }
}
