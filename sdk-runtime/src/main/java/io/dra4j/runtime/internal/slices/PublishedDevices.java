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
package io.dra4j.runtime.internal.slices;

import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the driver last published from this node: the pool names, so a prepare can refuse an
 * allocation result that names another node's pool, and the devices by pool and name, where device
 * metadata files take their attributes from. Thread-safe: the provider publishes on its own threads
 * while claims are prepared on others; the latest {@link Resources} wins.
 */
public final class PublishedDevices {
  private record Snapshot(Set<String> pools, Map<String, Device> devices) {}

  private volatile Optional<Snapshot> latest = Optional.empty();

  /** Records what the provider just published. */
  public void record(Resources resources) {
    Objects.requireNonNull(resources, "resources");
    Set<String> pools = new TreeSet<>();
    Map<String, Device> devices = new HashMap<>();
    for (Pool pool : resources.pools()) {
      pools.add(pool.name());
      for (Device d : pool.devices()) {
        devices.put(key(pool.name(), d.name()), d);
      }
    }
    latest = Optional.of(new Snapshot(Collections.unmodifiableSet(pools), Map.copyOf(devices)));
  }

  /**
   * The pool names published last, sorted; empty before the first publish, when nothing can be
   * checked yet.
   */
  public Optional<Set<String>> poolNames() {
    return latest.map(Snapshot::pools);
  }

  /** The published device {@code device} of pool {@code pool}, if the driver published it. */
  public Optional<Device> find(String pool, String device) {
    return latest.map(s -> s.devices().get(key(pool, device)));
  }

  private static String key(String pool, String device) {
    return pool + "\n" + device;
  }
}
