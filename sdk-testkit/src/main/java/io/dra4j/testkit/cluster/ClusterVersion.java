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
package io.dra4j.testkit.cluster;

import io.dra4j.runtime.internal.slices.ServerVersion;
import io.dra4j.testkit.allocator.AllocatorFeatures;
import io.dra4j.testkit.cel.DeviceCel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes release a {@link DraCluster} behaves as: its minor version and the feature gates
 * set away from their defaults.
 */
record ClusterVersion(int minor, Map<String, Boolean> gates) {
  /** The oldest and newest release the cluster emulates. */
  static final int OLDEST_MINOR = 34;

  static final int NEWEST_MINOR = 37;

  static final ClusterVersion NEWEST = new ClusterVersion(NEWEST_MINOR, Map.of());

  private static final Pattern RELEASE = Pattern.compile("v?1\\.(\\d+)(\\.\\d+)?");

  ClusterVersion {
    gates = Map.copyOf(gates);
  }

  /**
   * @throws IllegalArgumentException naming the supported releases when {@code release} is not one
   */
  ClusterVersion withRelease(String release) {
    Matcher m = RELEASE.matcher(release.trim());
    int parsed = m.matches() ? Integer.parseInt(m.group(1)) : -1;
    if (parsed < OLDEST_MINOR || parsed > NEWEST_MINOR) {
      throw new IllegalArgumentException(
          "the cluster emulates Kubernetes 1."
              + OLDEST_MINOR
              + " to 1."
              + NEWEST_MINOR
              + ", not '"
              + release
              + "'; pass a release such as \"1."
              + NEWEST_MINOR
              + "\"");
    }
    return new ClusterVersion(parsed, gates);
  }

  ClusterVersion withGate(String gate, boolean enabled) {
    if (gate.isBlank()) {
      throw new IllegalArgumentException("a feature gate needs a name, e.g. DRAListTypeAttributes");
    }
    Map<String, Boolean> next = new TreeMap<>(gates);
    next.put(gate, enabled);
    return new ClusterVersion(minor, next);
  }

  /** What the scheduler of this release allocates, with the gates set here. */
  AllocatorFeatures features() {
    return AllocatorFeatures.forRelease(minor, gates);
  }

  /**
   * The gates of this release the in-memory API server acts on (which fields it keeps, which
   * selectors it compiles), set as this release's scheduler has them.
   */
  Map<String, Boolean> apiServerGates() {
    AllocatorFeatures f = features();
    Map<String, Boolean> out = new LinkedHashMap<>();
    out.put(DeviceCel.LIST_TYPE_ATTRIBUTES_GATE, listTypeAttributes());
    out.put(AllocatorFeatures.ADMIN_ACCESS, f.adminAccess());
    out.put(AllocatorFeatures.DEVICE_TAINTS, f.deviceTaints());
    out.put(AllocatorFeatures.CONSUMABLE_CAPACITY, f.consumableCapacity());
    out.put(AllocatorFeatures.BINDING_CONDITIONS, f.bindingConditions());
    out.put(AllocatorFeatures.EXTENDED_RESOURCE, f.extendedResource());
    return out;
  }

  /** Whether list attributes are served: 1.36 or later with the alpha gate on (off by default). */
  boolean listTypeAttributes() {
    return ServerVersion.of(minor).hasListAttributes()
        && gates.getOrDefault(DeviceCel.LIST_TYPE_ATTRIBUTES_GATE, false);
  }
}
