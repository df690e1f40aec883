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

import java.util.Map;

/**
 * The DRA features of the emulated Kubernetes release that change what the scheduler allocates,
 * each with its upstream default per release and its feature gate.
 *
 * @param minor the Kubernetes 1.x minor version
 * @param deviceTaints {@code DRADeviceTaints}: slice taints and tolerations count (1.34/1.35 alpha,
 *     off; 1.36 beta, on; 1.37 GA)
 * @param deviceTaintRules DeviceTaintRule objects add taints (1.34: part of {@code
 *     DRADeviceTaints}; 1.35 {@code DRADeviceTaintRules} alpha, off; 1.36 beta, off; 1.37 GA);
 *     needs {@code deviceTaints}
 * @param adminAccess {@code DRAAdminAccess}: requests may ask for admin access (beta, on; GA 1.36);
 *     off, the API server drops the field and the request is an ordinary one
 * @param consumableCapacity {@code DRAConsumableCapacity}: {@code allowMultipleAllocations},
 *     capacity requests and {@code distinctAttribute} (1.34/1.35 alpha, off; 1.36 beta, on)
 * @param bindingConditions {@code DRADeviceBindingConditions}: devices with binding conditions may
 *     be allocated and the scheduler waits for them before binding (1.34/1.35 alpha, off; 1.36
 *     beta, on); off, such devices are never allocated
 * @param extendedResource {@code DRAExtendedResource}: pods asking for an extended resource that a
 *     DeviceClass maps get a claim made by the scheduler (1.34/1.35 alpha, off; 1.36 beta, on)
 * @param lexicographicOrder pools (by driver, then pool name) and their slices (by name) are
 *     visited in name order, as by the incubating and experimental allocators of 1.36 and later;
 *     before 1.36, and from 1.36 when kube-scheduler picks its stable allocator (no feature beyond
 *     admin access, prioritized lists, partitionable devices and taints is on: binding conditions,
 *     consumable capacity and, from 1.37, list attributes all off), in the order of Go map
 *     iteration, which this allocator emulates with a fixed pseudo-random order derived from {@code
 *     orderSeed}
 * @param orderSeed the seed of the pool and slice order when it is not lexicographic
 */
public record AllocatorFeatures(
    int minor,
    boolean deviceTaints,
    boolean deviceTaintRules,
    boolean adminAccess,
    boolean consumableCapacity,
    boolean bindingConditions,
    boolean extendedResource,
    boolean lexicographicOrder,
    long orderSeed) {

  public static final String DEVICE_TAINTS = "DRADeviceTaints";
  public static final String DEVICE_TAINT_RULES = "DRADeviceTaintRules";
  public static final String ADMIN_ACCESS = "DRAAdminAccess";
  public static final String CONSUMABLE_CAPACITY = "DRAConsumableCapacity";
  public static final String BINDING_CONDITIONS = "DRADeviceBindingConditions";
  public static final String EXTENDED_RESOURCE = "DRAExtendedResource";
  private static final String LIST_TYPE_ATTRIBUTES = "DRAListTypeAttributes";

  /** The newest release the testkit emulates (1.37) with its default gates. */
  public static final AllocatorFeatures NEWEST = forRelease(37, Map.of());

  /**
   * The features of Kubernetes 1.{@code minor} with {@code gates} set away from their defaults.
   *
   * @throws IllegalArgumentException when {@code minor} is outside 34..37
   */
  public static AllocatorFeatures forRelease(int minor, Map<String, Boolean> gates) {
    if (minor < 34 || minor > 37) {
      throw new IllegalArgumentException(
          "the allocator emulates Kubernetes 1.34 to 1.37, not 1." + minor);
    }
    boolean beta = minor >= 36;
    boolean taints = gates.getOrDefault(DEVICE_TAINTS, beta);
    boolean rules = taints && (minor == 34 || gates.getOrDefault(DEVICE_TAINT_RULES, minor >= 37));
    boolean capacity = gates.getOrDefault(CONSUMABLE_CAPACITY, beta);
    boolean binding = gates.getOrDefault(BINDING_CONDITIONS, beta);
    // kube-scheduler picks its stable allocator, which does not sort pools, when no feature beyond
    // its own is on; 1.36 does not hand list attributes to the allocator, 1.37 does.
    boolean beyondStable =
        capacity || binding || (minor >= 37 && gates.getOrDefault(LIST_TYPE_ATTRIBUTES, false));
    return new AllocatorFeatures(
        minor,
        taints,
        rules,
        gates.getOrDefault(ADMIN_ACCESS, true),
        capacity,
        binding,
        gates.getOrDefault(EXTENDED_RESOURCE, beta),
        beta && beyondStable,
        0L);
  }

  /** These features with another seed for the pre-1.36 pool and slice order. */
  public AllocatorFeatures withOrderSeed(long seed) {
    return new AllocatorFeatures(
        minor,
        deviceTaints,
        deviceTaintRules,
        adminAccess,
        consumableCapacity,
        bindingConditions,
        extendedResource,
        lexicographicOrder,
        seed);
  }

  /**
   * Whether {@code matchAttribute} and {@code distinctAttribute} compare list attributes as sets of
   * values (a common value, no shared value), as from 1.37. kube-scheduler 1.36.3 passes {@code
   * DRAListTypeAttributes} to CEL but not to its structured allocator (its {@code
   * structured.Features} has no {@code ListTypeAttributes}), so there a list is one value of no
   * known type: the first device of a constraint is taken whatever it holds, and a device holding a
   * list matches no other device, nor may it follow another under {@code distinctAttribute}.
   */
  public boolean listsComparedAsSets() {
    return minor >= 37;
  }

  /**
   * Whether a device's capacity is checked a second time against the wrong device, as
   * kube-scheduler 1.34.4 does with {@code DRAConsumableCapacity} on: after the device passed its
   * own capacity check, the allocator checks the request again against the device of the same slice
   * whose index is the device's index within the request ({@code spec.devices[0]} for a request's
   * first device), and a failure there also leaves the device marked in use, its counters consumed
   * and its attribute in the claim's constraints for the rest of that node's search. Where that
   * index lies past the slice's devices, 1.34 fails with an index error (its scheduler panics); the
   * testkit refuses the device. Fixed in 1.35.
   */
  public boolean capacityRecheckedAtRequestIndex() {
    return minor == 34 && consumableCapacity;
  }

  /** The version of {@code resource.k8s.io} that serves DeviceTaintRule in this release. */
  public String taintRuleApiVersion() {
    return minor >= 37 ? "v1" : minor == 36 ? "v1beta2" : "v1alpha3";
  }
}
