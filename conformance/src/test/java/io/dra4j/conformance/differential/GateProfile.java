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
package io.dra4j.conformance.differential;

import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.testkit.allocator.AllocatorFeatures;
import io.dra4j.testkit.cel.DeviceCel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of feature gates a differential run gives both sides: every component of the real control
 * plane and the testkit {@code DraCluster}. What a gate set means for a release (which features are
 * on) is read from the testkit's own table, {@link Release#features()}.
 *
 * <p>Only gates a release knows are set (DRADeviceTaintRules exists from 1.35,
 * DRAListTypeAttributes from 1.36), and none is turned off where the release locks it on
 * (DRAAdminAccess from 1.36, DRAExtendedResource from 1.37).
 */
public enum GateProfile {
  /**
   * The suite's gates: {@link ControlPlane#DEFAULT_FEATURE_GATES} (device taints, consumable
   * capacity, partitionable devices and resource health on in every release) and, from 1.36, the
   * alpha DRAListTypeAttributes.
   */
  SUITE("suite gates"),
  /** No gate set: every component at its release's defaults. */
  RELEASE_DEFAULTS("release defaults"),
  /**
   * The suite's gates plus DRADeviceTaintRules, DRADeviceBindingConditions, DRAExtendedResource and
   * DRAAdminAccess on, alpha ones included.
   */
  ALL_ON("DRA gates on"),
  /**
   * Every DRA gate the testkit models off where the release lets it be turned off: device taints
   * and taint rules, consumable capacity, binding conditions, list attributes, extended resources
   * (before 1.37) and admin access (before 1.36).
   */
  ALL_OFF("DRA gates off");

  /** Every profile, in the order the suite runs them. */
  public static final List<GateProfile> ALL = List.of(values());

  private final String title;

  GateProfile(String title) {
    this.title = title;
  }

  /** The gates of this profile on Kubernetes {@code 1.<minor>}, by name. */
  public Map<String, Boolean> gates(int minor) {
    Map<String, Boolean> gates = new TreeMap<>();
    switch (this) {
      case SUITE -> suite(gates, minor);
      case RELEASE_DEFAULTS -> {}
      case ALL_ON -> {
        suite(gates, minor);
        if (minor >= 35) {
          gates.put(AllocatorFeatures.DEVICE_TAINT_RULES, true);
        }
        gates.put(AllocatorFeatures.BINDING_CONDITIONS, true);
        gates.put(AllocatorFeatures.EXTENDED_RESOURCE, true);
        gates.put(AllocatorFeatures.ADMIN_ACCESS, true);
      }
      case ALL_OFF -> {
        gates.put(AllocatorFeatures.DEVICE_TAINTS, false);
        if (minor >= 35) {
          gates.put(AllocatorFeatures.DEVICE_TAINT_RULES, false);
        }
        gates.put(AllocatorFeatures.CONSUMABLE_CAPACITY, false);
        gates.put(AllocatorFeatures.BINDING_CONDITIONS, false);
        if (minor <= 36) {
          gates.put(AllocatorFeatures.EXTENDED_RESOURCE, false);
        }
        if (minor <= 35) {
          gates.put(AllocatorFeatures.ADMIN_ACCESS, false);
        }
        if (minor >= 36) {
          gates.put(DeviceCel.LIST_TYPE_ATTRIBUTES_GATE, false);
        }
      }
    }
    return gates;
  }

  private static void suite(Map<String, Boolean> gates, int minor) {
    gates.putAll(ControlPlane.DEFAULT_FEATURE_GATES);
    if (minor >= 36) {
      gates.put(DeviceCel.LIST_TYPE_ATTRIBUTES_GATE, true);
    }
  }

  /** The release {@code 1.<minor>} with this profile's gates. */
  public Release on(int minor) {
    return new Release(minor, this, gates(minor));
  }

  @Override
  public String toString() {
    return title;
  }
}
