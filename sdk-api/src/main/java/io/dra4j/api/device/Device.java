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

/**
 * One device a driver publishes: its name, attributes, capacities, consumed counters and taints.
 * Validated when built against the {@code resource.k8s.io/v1} limits; an invalid device cannot
 * exist.
 *
 * @param name a DNS label, unique in its pool
 * @param attributes at most 32 attributes and capacities together
 * @param capacity consumable or informational amounts, for example memory
 * @param consumesCounters counters taken from the pool's counter sets when allocated
 * @param taints at most 16 taints
 * @param allowMultipleAllocations whether several claims may allocate this device at once
 */
public record Device(
    String name,
    Map<QualifiedName, AttributeValue> attributes,
    Map<QualifiedName, Quantity> capacity,
    List<CounterConsumption> consumesCounters,
    List<DeviceTaint> taints,
    boolean allowMultipleAllocations) {

  public Device {
    attributes = Validation.copySorted(attributes);
    capacity = Validation.copySorted(capacity);
    consumesCounters = List.copyOf(Objects.requireNonNull(consumesCounters, "consumesCounters"));
    taints = List.copyOf(Objects.requireNonNull(taints, "taints"));
    Validation.requireDevice(name, attributes, capacity, consumesCounters, taints);
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

    private Builder(String name) {
      this.name = name;
    }

    public Builder attribute(String qualifiedName, AttributeValue value) {
      return attribute(QualifiedName.of(qualifiedName), value);
    }

    public Builder attribute(QualifiedName name, AttributeValue value) {
      attributes.put(
          Objects.requireNonNull(name), Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    public Builder attribute(String qualifiedName, String value) {
      return attribute(qualifiedName, AttributeValue.of(value));
    }

    public Builder attribute(String qualifiedName, long value) {
      return attribute(qualifiedName, AttributeValue.of(value));
    }

    public Builder attribute(String qualifiedName, boolean value) {
      return attribute(qualifiedName, AttributeValue.of(value));
    }

    public Builder capacity(String qualifiedName, Quantity value) {
      capacity.put(QualifiedName.of(qualifiedName), Objects.requireNonNull(value));
      return this;
    }

    public Builder capacity(String qualifiedName, String quantity) {
      return capacity(qualifiedName, Quantity.parse(quantity));
    }

    public Builder consumes(CounterConsumption consumption) {
      consumesCounters.add(Objects.requireNonNull(consumption));
      return this;
    }

    public Builder taint(DeviceTaint taint) {
      taints.add(Objects.requireNonNull(taint));
      return this;
    }

    public Builder clearTaints() {
      taints.clear();
      return this;
    }

    public Builder allowMultipleAllocations(boolean allow) {
      this.allowMultipleAllocations = allow;
      return this;
    }

    public Device build() {
      return new Device(
          name, attributes, capacity, consumesCounters, taints, allowMultipleAllocations);
    }
  }
}
