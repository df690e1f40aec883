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
package io.dra4j.testkit.apiserver;

import io.dra4j.runtime.internal.kube.ResourceVersions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes release the fake server emulates: its 1.x minor version (reported by {@code
 * /version}, and choosing the ResourceSlice counter rules) and the versions of {@code
 * resource.k8s.io} it serves. Changes apply to the next request.
 */
final class Emulation {
  /** The lowest minor version with resource.k8s.io served. */
  static final int MIN_MINOR = 32;

  private volatile List<String> resourceVersions = List.of("v1");
  private volatile int minor = 35;

  /** The gates of DRA fields the server drops when off ({@link GatedFields}). */
  static final String DEVICE_TAINTS = "DRADeviceTaints";

  static final String CONSUMABLE_CAPACITY = "DRAConsumableCapacity";
  static final String BINDING_CONDITIONS = "DRADeviceBindingConditions";
  static final String EXTENDED_RESOURCE = "DRAExtendedResource";
  private static final List<String> FIELD_GATES =
      List.of(DEVICE_TAINTS, CONSUMABLE_CAPACITY, BINDING_CONDITIONS, EXTENDED_RESOURCE);

  private volatile boolean listTypeAttributes = true;
  private volatile boolean adminAccess = true;
  private final Map<String, Boolean> fieldGates = new ConcurrentHashMap<>();

  /**
   * @throws IllegalArgumentException naming the supported versions when one is not supported
   */
  void resourceVersions(List<String> versions) {
    for (String v : versions) {
      if (!ResourceVersions.SUPPORTED.contains(v)) {
        throw new IllegalArgumentException(
            "the fake API server cannot serve resource.k8s.io/"
                + v
                + "; choose among "
                + ResourceVersions.SUPPORTED);
      }
    }
    resourceVersions = List.copyOf(new LinkedHashSet<>(versions));
  }

  /** The served versions of resource.k8s.io, preferred first; may be empty. */
  List<String> resourceVersions() {
    return resourceVersions;
  }

  /**
   * @throws IllegalArgumentException when {@code minor} is below {@link #MIN_MINOR}
   */
  void minor(int minor) {
    if (minor < MIN_MINOR) {
      throw new IllegalArgumentException(
          "the fake API server emulates Kubernetes 1." + MIN_MINOR + " or later, not 1." + minor);
    }
    this.minor = minor;
  }

  int minor() {
    return minor;
  }

  /**
   * The version of resource.k8s.io that serves DeviceTaintRules: v1alpha3 in 1.33 to 1.35, v1beta2
   * in 1.36, v1 from 1.37; none before 1.33.
   */
  Optional<String> taintRuleVersion() {
    if (minor < 33) {
      return Optional.empty();
    }
    return Optional.of(minor >= 37 ? "v1" : minor == 36 ? "v1beta2" : "v1alpha3");
  }

  /** Whether the DRAListTypeAttributes gate is on; list attributes also need 1.36 or later. */
  boolean listTypeAttributes() {
    return listTypeAttributes;
  }

  /**
   * @throws IllegalArgumentException for a gate the fake server does not model
   */
  void featureGate(String gate, boolean enabled) {
    switch (gate) {
      case "DRAListTypeAttributes" -> listTypeAttributes = enabled;
      case "DRAAdminAccess" -> adminAccess = enabled;
      default -> {
        if (!FIELD_GATES.contains(gate)) {
          throw new IllegalArgumentException(
              "the fake API server models only the feature gates DRAListTypeAttributes,"
                  + " DRAAdminAccess and "
                  + String.join(", ", FIELD_GATES)
                  + ", not "
                  + gate);
        }
        fieldGates.put(gate, enabled);
      }
    }
  }

  /** Whether a gate of {@link GatedFields} is on; every one is by default. */
  boolean gate(String gate) {
    return fieldGates.getOrDefault(gate, true);
  }

  /** Whether the DRAAdminAccess gate is on (the default): admin access needs a namespace label. */
  boolean adminAccess() {
    return adminAccess;
  }
}
