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
package io.dra4j.examples.demo;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One device as a driver published it in a ResourceSlice, with its attributes and capacities as
 * text.
 *
 * @param node the node whose pool holds the device
 * @param driver the driver that published it
 * @param pool the pool name
 * @param device the device name
 * @param attributes attribute name (as published: unqualified for the driver's own domain) to value
 * @param capacity capacity name to quantity
 */
record PublishedDevice(
    String node,
    String driver,
    String pool,
    String device,
    Map<String, String> attributes,
    Map<String, String> capacity) {

  /** Checks and copies the components. */
  public PublishedDevice {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(device, "device");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    capacity = Collections.unmodifiableMap(new TreeMap<>(capacity));
  }

  /** An attribute by its published name, or a capacity by name when no attribute has it. */
  public Optional<String> value(String name) {
    return Optional.ofNullable(attributes.get(name))
        .or(() -> Optional.ofNullable(capacity.get(name)));
  }
}
