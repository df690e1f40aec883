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
package io.dra4j.runtime.internal.metadata;

import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.QualifiedName;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One device in a metadata file: its pool and name from the allocation and the attributes its
 * driver published for it (empty when the device is not, or no longer, published).
 *
 * @param pool the pool name
 * @param device the device name
 * @param attributes the published attributes, keyed as in the ResourceSlice
 */
public record MetadataDevice(
    String pool, String device, Map<QualifiedName, AttributeValue> attributes) {
  /** Checks and copies the components; attributes are kept sorted by name. */
  public MetadataDevice {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(device, "device");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
  }
}
