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
import java.util.List;
import java.util.Objects;

/**
 * A pool of devices published together (usually all devices of one driver on one node). The SDK
 * splits a pool into ResourceSlices and keeps its generation consistent.
 *
 * @param name at most 253 characters: DNS subdomains joined by {@code /}
 * @param scope which nodes can reach the devices
 * @param devices devices with unique names
 * @param sharedCounters counter sets the devices consume, with unique names
 */
public record Pool(
    String name, PoolScope scope, List<Device> devices, List<CounterSet> sharedCounters) {

  /** Checks and copies the components. */
  public Pool {
    Objects.requireNonNull(scope, "scope");
    devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
    sharedCounters = List.copyOf(Objects.requireNonNull(sharedCounters, "sharedCounters"));
    Validation.requirePool(name, devices, sharedCounters);
  }

  /** Starts a pool local to the driver's node. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Pool}; validation happens in {@link #build()}. */
  public static final class Builder {
    private final String name;
    private PoolScope scope = PoolScope.thisNode();
    private final List<Device> devices = new ArrayList<>();
    private final List<CounterSet> sharedCounters = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Which nodes can reach the devices; defaults to this node. */
    public Builder scope(PoolScope scope) {
      this.scope = Objects.requireNonNull(scope);
      return this;
    }

    /** Adds a device. */
    public Builder device(Device device) {
      devices.add(Objects.requireNonNull(device));
      return this;
    }

    /** Adds devices in order. */
    public Builder devices(List<Device> more) {
      more.forEach(this::device);
      return this;
    }

    /** Adds a counter set the devices of this pool consume from. */
    public Builder counterSet(CounterSet set) {
      sharedCounters.add(Objects.requireNonNull(set));
      return this;
    }

    /**
     * Builds the pool.
     *
     * @throws ValidationException when a name is invalid, a name repeats or a counter reference
     *     does not resolve
     */
    public Pool build() {
      return new Pool(name, scope, devices, sharedCounters);
    }
  }
}
