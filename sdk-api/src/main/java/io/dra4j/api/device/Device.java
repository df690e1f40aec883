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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One device a driver publishes: its name, attributes, capacities, consumed counters, taints, and
 * how claims share it (consumable capacity) and bind to it (binding conditions). Validated when
 * built against the {@code resource.k8s.io/v1} limits; an invalid device cannot exist.
 *
 * @param name a DNS label, unique in its pool
 * @param attributes at most 32 attributes and capacities together, keyed as published: a name
 *     without a domain ({@code index}) stays unqualified in this map and in the ResourceSlice and
 *     belongs to the driver's domain; see {@link QualifiedName} for where claims need it qualified
 * @param capacity consumable or informational amounts, for example memory
 * @param consumesCounters counters taken from the pool's counter sets when allocated
 * @param taints at most 16 taints
 * @param allowMultipleAllocations whether several claims may allocate this device at once
 * @param requestPolicies how claims consume a capacity of a shared device, keyed by capacity name;
 *     needs {@code allowMultipleAllocations}
 * @param binding the binding conditions and whether an allocation binds to its node
 */
public record Device(
    String name,
    Map<QualifiedName, AttributeValue> attributes,
    Map<QualifiedName, Quantity> capacity,
    List<CounterConsumption> consumesCounters,
    List<DeviceTaint> taints,
    boolean allowMultipleAllocations,
    Map<QualifiedName, CapacityRequestPolicy> requestPolicies,
    DeviceBinding binding) {

  /** Checks and copies the components. */
  public Device {
    attributes = Validation.copySorted("attributes of device " + name, attributes);
    capacity = Validation.copySorted("capacity of device " + name, capacity);
    consumesCounters = List.copyOf(Objects.requireNonNull(consumesCounters, "consumesCounters"));
    taints = List.copyOf(Objects.requireNonNull(taints, "taints"));
    requestPolicies = Validation.copySorted("request policies of device " + name, requestPolicies);
    Objects.requireNonNull(binding, "binding");
    Validation.requireDevice(name, attributes, capacity, consumesCounters, taints);
    Validation.requireConsumableCapacity(name, allowMultipleAllocations, capacity, requestPolicies);
  }

  /** A device without request policies that binds immediately. */
  public Device(
      String name,
      Map<QualifiedName, AttributeValue> attributes,
      Map<QualifiedName, Quantity> capacity,
      List<CounterConsumption> consumesCounters,
      List<DeviceTaint> taints,
      boolean allowMultipleAllocations) {
    this(
        name,
        attributes,
        capacity,
        consumesCounters,
        taints,
        allowMultipleAllocations,
        Map.of(),
        DeviceBinding.immediate());
  }

  /** Whether any attribute is a list attribute (Kubernetes 1.36+, alpha). */
  public boolean hasListAttributes() {
    return attributes.values().stream().anyMatch(AttributeValue::isList);
  }

  /** Starts a device with the given name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder seeded with this device, for changing a part of it. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.attributes.putAll(attributes);
    b.capacity.putAll(capacity);
    b.consumesCounters.addAll(consumesCounters);
    b.taints.addAll(taints);
    b.allowMultipleAllocations = allowMultipleAllocations;
    b.requestPolicies.putAll(requestPolicies);
    b.binding = binding;
    return b;
  }

  /** Builds a {@link Device}; validation happens in {@link #build()}. */
  public static final class Builder {
    private final String name;
    private final Map<QualifiedName, AttributeValue> attributes = new LinkedHashMap<>();
    private final Map<QualifiedName, Quantity> capacity = new LinkedHashMap<>();
    private final List<CounterConsumption> consumesCounters = new ArrayList<>();
    private final List<DeviceTaint> taints = new ArrayList<>();
    private boolean allowMultipleAllocations;
    private final Map<QualifiedName, CapacityRequestPolicy> requestPolicies = new LinkedHashMap<>();
    private DeviceBinding binding = DeviceBinding.immediate();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets an attribute. A name without a domain ({@code index}) belongs to the driver's domain and
     * is published unqualified; give a domain ({@code resource.aws.com/devicegroup4_id}) to an
     * attribute that devices of several drivers share, such as a group id that a claim matches
     * across drivers. Claims always name attributes qualified: {@code minimal.example.com/index} in
     * {@code matchAttribute}, {@code device.attributes["minimal.example.com"].index} in CEL.
     */
    public Builder attribute(String qualifiedName, AttributeValue value) {
      return attribute(qualifiedName(qualifiedName, "attribute name"), value);
    }

    /** Sets an attribute. */
    public Builder attribute(QualifiedName name, AttributeValue value) {
      attributes.put(
          Objects.requireNonNull(name), Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    /** Sets a string attribute of at most 64 bytes. */
    public Builder attribute(String qualifiedName, String value) {
      return attribute(
          qualifiedName, inDevice("attribute " + qualifiedName, () -> AttributeValue.of(value)));
    }

    /** Sets a semantic version attribute, for example {@code 2.19.1}. */
    public Builder versionAttribute(String qualifiedName, String semver) {
      return attribute(
          qualifiedName,
          inDevice("attribute " + qualifiedName, () -> AttributeValue.version(semver)));
    }

    /** Sets an integer attribute. */
    public Builder attribute(String qualifiedName, long value) {
      return attribute(qualifiedName, AttributeValue.of(value));
    }

    /** Sets a boolean attribute. */
    public Builder attribute(String qualifiedName, boolean value) {
      return attribute(qualifiedName, AttributeValue.of(value));
    }

    /** Sets a capacity; a name without a domain belongs to the driver's domain. */
    public Builder capacity(String qualifiedName, Quantity value) {
      capacity.put(
          qualifiedName(qualifiedName, "capacity name"),
          Objects.requireNonNull(value, "capacity " + qualifiedName));
      return this;
    }

    /** Sets a capacity from a quantity string such as {@code 32Gi}. */
    public Builder capacity(String qualifiedName, String quantity) {
      return capacity(
          qualifiedName, inDevice("capacity " + qualifiedName, () -> Quantity.parse(quantity)));
    }

    /**
     * Sets a capacity that claims of a shared device consume by {@code policy} (consumable
     * capacity); needs {@link #allowMultipleAllocations(boolean) allowMultipleAllocations(true)}.
     */
    public Builder capacity(String qualifiedName, Quantity value, CapacityRequestPolicy policy) {
      capacity(qualifiedName, value);
      requestPolicies.put(
          qualifiedName(qualifiedName, "capacity name"),
          Objects.requireNonNull(policy, "requestPolicy of " + qualifiedName));
      return this;
    }

    /**
     * Waits with binding a pod that got this device until a controller reports {@code conditions}
     * {@code True} in the claim's device status; {@code failureConditions} abort the binding.
     * Kubernetes 1.36 and later (beta); earlier servers drop the fields unless the alpha gate
     * {@code DRADeviceBindingConditions} is on.
     */
    public Builder bindingConditions(List<String> conditions, List<String> failureConditions) {
      try {
        binding =
            DeviceBinding.when(conditions, failureConditions)
                .withBindsToNode(binding.bindsToNode());
      } catch (ValidationException e) {
        throw e.within("device " + name, e.field());
      }
      return this;
    }

    /** Whether an allocation of this device is limited to the node it was made for. */
    public Builder bindsToNode(boolean bindsToNode) {
      binding = binding.withBindsToNode(bindsToNode);
      return this;
    }

    private QualifiedName qualifiedName(String qualifiedName, String field) {
      return inDevice(field, () -> QualifiedName.of(qualifiedName));
    }

    /** Reports a value's validation failure against this device and the given field. */
    private <T> T inDevice(String field, Supplier<T> value) {
      try {
        return value.get();
      } catch (ValidationException e) {
        throw e.within("device " + name, field);
      }
    }

    /** Adds counters this device consumes from one counter set of its pool. */
    public Builder consumes(CounterConsumption consumption) {
      consumesCounters.add(Objects.requireNonNull(consumption));
      return this;
    }

    /** Adds a taint. */
    public Builder taint(DeviceTaint taint) {
      taints.add(Objects.requireNonNull(taint));
      return this;
    }

    /** Removes all taints. */
    public Builder clearTaints() {
      taints.clear();
      return this;
    }

    /** Whether several claims may allocate this device at once (consumable capacity). */
    public Builder allowMultipleAllocations(boolean allow) {
      this.allowMultipleAllocations = allow;
      return this;
    }

    /**
     * Builds the device.
     *
     * @throws ValidationException when a limit is broken; the message names the device
     */
    public Device build() {
      return new Device(
          name,
          attributes,
          capacity,
          consumesCounters,
          taints,
          allowMultipleAllocations,
          requestPolicies,
          binding);
    }
  }
}
