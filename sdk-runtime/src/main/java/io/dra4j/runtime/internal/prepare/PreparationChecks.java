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
package io.dra4j.runtime.internal.prepare;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.runtime.internal.slices.PublishedDevices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks around a provider's {@code prepare}: the allocation names only pools this driver
 * publishes on the node, and the provider's preparation covers every allocated device exactly once.
 * Each returns the problem as a message that names the devices and the fix.
 */
final class PreparationChecks {
  private final String driver;
  private final DeviceProvider provider;
  private final PublishedDevices pools;

  PreparationChecks(String driver, DeviceProvider provider, PublishedDevices pools) {
    this.driver = driver;
    this.provider = provider;
    this.pools = pools;
  }

  /** The first device of a pool this driver does not publish on this node, as a message. */
  Optional<String> foreignPool(List<AllocatedDevice> devices) {
    Optional<Set<String>> published = pools.poolNames();
    if (published.isEmpty()) {
      return Optional.empty();
    }
    for (AllocatedDevice d : devices) {
      if (!published.get().contains(d.pool())) {
        return Optional.of(
            "device "
                + d.device()
                + " of request "
                + d.request()
                + " is in pool "
                + d.pool()
                + ", but driver "
                + driver
                + " publishes pool(s) "
                + published.get()
                + " on this node; the claim was allocated for another node or against stale"
                + " ResourceSlices: delete the pod and its claim so they are scheduled again");
      }
    }
    return Optional.empty();
  }

  /** What is missing, repeated or extra in {@code preparation}, as a message. */
  Optional<String> coverageProblem(List<AllocatedDevice> allocated, Preparation preparation) {
    Map<String, Integer> expected = new LinkedHashMap<>();
    allocated.forEach(d -> expected.merge(key(d), 1, Integer::sum));
    Map<String, Integer> got = new LinkedHashMap<>();
    preparation.devices().forEach(p -> got.merge(key(p.device()), 1, Integer::sum));
    List<String> missing = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    expected.forEach(
        (k, n) -> {
          int g = got.getOrDefault(k, 0);
          if (g < n) {
            missing.add(k);
          } else if (g > n) {
            duplicated.add(k);
          }
        });
    got.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(extra::add);
    if (missing.isEmpty() && duplicated.isEmpty() && extra.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "driver "
            + driver
            + " returned a Preparation that does not cover every allocated device exactly once"
            + " (missing "
            + missing
            + ", more than once "
            + duplicated
            + ", not allocated "
            + extra
            + "); this is a bug in "
            + provider.getClass().getName()
            + ": return one PreparedDevice per allocated device");
  }

  private static String key(AllocatedDevice d) {
    return d.request() + ":" + d.pool() + "/" + d.device();
  }
}
