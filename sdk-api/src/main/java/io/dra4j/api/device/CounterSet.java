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
 * A named set of counters that devices of a pool consume (KEP-4815 partitionable devices): for
 * example the memory slices of one GPU, shared by the whole GPU and its partitions.
 *
 * @param name a DNS label, unique in the pool
 * @param counters counter name (DNS label) to available amount
 */
public record CounterSet(String name, Map<String, Counter> counters) {
  /** Checks and copies the components. */
  public CounterSet {
    Validation.requireDnsLabel("name", "counter set " + name, name);
    counters = Validation.copyCounters("counter set " + name, counters);
  }

  /** Convenience: counters from name to quantity strings. */
  public static CounterSet of(String name, Map<String, String> counters) {
    Map<String, Counter> m = new TreeMap<>();
    counters.forEach((k, v) -> m.put(k, Counter.of(v)));
    return new CounterSet(name, m);
  }
}
