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

import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Quantity;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A device as the cluster's results show it: what {@link DraCluster#awaitPublished} and {@link
 * DraCluster#devices} return for a driver's ResourceSlices, and what {@link PodRun#devices} returns
 * for the devices allocated to a pod's claims.
 *
 * <p>Attributes and capacities are kept as the slice names them (the driver's own unqualified,
 * {@code index}; shared ones qualified, {@code resource.aws.com/devicegroup4_id}). The lookups
 * ({@link #attribute}, {@link #intAttribute}, ..., {@link #capacity(String)}) accept either form,
 * as DRA reads them: an unqualified name means the driver's domain, so on a device of {@code
 * gpu.example.com} both {@code index} and {@code gpu.example.com/index} find {@code index}.
 *
 * @param driver the driver that published the device
 * @param pool the pool of its ResourceSlice
 * @param name the device name
 * @param node the {@code spec.nodeName} of its ResourceSlice; empty for a slice that is not local
 *     to one node, or an allocated device whose slice is gone
 * @param request the request (or {@code request/subrequest}) the device was allocated for; empty
 *     for a published device
 * @param attributes the published attributes, keyed as in the slice
 * @param capacity the published capacities, keyed as in the slice
 */
public record ClusterDevice(
    String driver,
    String pool,
    String name,
    Optional<String> node,
    Optional<String> request,
    Map<String, AttributeValue> attributes,
    Map<String, Quantity> capacity) {

  /** Checks and copies the components. */
  public ClusterDevice {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(request, "request");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    capacity = Collections.unmodifiableMap(new TreeMap<>(capacity));
  }

  /**
   * An attribute by its qualified ({@code resource.aws.com/devicegroup4_id}) or unqualified ({@code
   * index}: the driver's domain) name.
   *
   * @return empty when the device does not publish it
   * @throws IllegalArgumentException when the name is not an attribute name, when it matches two
   *     published attributes ({@code index} and {@code <driver>/index}), or when the device has no
   *     such attribute in that domain but one of the same name in another (the message names it)
   */
  public Optional<AttributeValue> attribute(String name) {
    return DeviceNames.lookup(this, "attribute", attributes, name);
  }

  /**
   * An int attribute; see {@link #attribute} for names.
   *
   * @throws IllegalArgumentException also when the attribute has another type
   */
  public Optional<Long> intAttribute(String name) {
    return typed(name, AttributeValue.IntValue.class, "int").map(AttributeValue.IntValue::value);
  }

  /**
   * A bool attribute; see {@link #attribute} for names.
   *
   * @throws IllegalArgumentException also when the attribute has another type
   */
  public Optional<Boolean> boolAttribute(String name) {
    return typed(name, AttributeValue.BoolValue.class, "bool").map(AttributeValue.BoolValue::value);
  }

  /**
   * A string attribute; see {@link #attribute} for names.
   *
   * @throws IllegalArgumentException also when the attribute has another type
   */
  public Optional<String> stringAttribute(String name) {
    return typed(name, AttributeValue.StringValue.class, "string")
        .map(AttributeValue.StringValue::value);
  }

  /**
   * A version attribute's text; see {@link #attribute} for names.
   *
   * @throws IllegalArgumentException also when the attribute has another type
   */
  public Optional<String> versionAttribute(String name) {
    return typed(name, AttributeValue.VersionValue.class, "version")
        .map(AttributeValue.VersionValue::value);
  }

  /**
   * An attribute's value as text, whatever its type (ints and bools printed, strings and versions
   * as they are, list elements joined by commas); see {@link #attribute} for names.
   */
  public Optional<String> attributeText(String name) {
    return attribute(name).map(ClusterDevice::text);
  }

  /**
   * A capacity by qualified or unqualified name, with the same rules as {@link #attribute}.
   *
   * @return empty when the device does not publish it
   */
  public Optional<Quantity> capacity(String name) {
    return DeviceNames.lookup(this, "capacity", capacity, name);
  }

  private <T extends AttributeValue> Optional<T> typed(String name, Class<T> type, String label) {
    Optional<AttributeValue> value = attribute(name);
    if (value.isPresent() && !type.isInstance(value.get())) {
      throw new IllegalArgumentException(
          "attribute "
              + name
              + " of device "
              + this
              + " is "
              + DeviceNames.typeName(value.get())
              + ", not "
              + label
              + ": read it with "
              + DeviceNames.accessor(value.get())
              + "(\""
              + name
              + "\")");
    }
    return value.map(type::cast);
  }

  static String text(AttributeValue v) {
    if (v instanceof AttributeValue.ListValue<?> l) {
      return l.values().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    if (v instanceof AttributeValue.IntValue i) {
      return Long.toString(i.value());
    }
    if (v instanceof AttributeValue.BoolValue b) {
      return Boolean.toString(b.value());
    }
    if (v instanceof AttributeValue.StringValue s) {
      return s.value();
    }
    return ((AttributeValue.VersionValue) v).value();
  }

  /** {@code driver/pool/name}, with {@code request -> } in front when allocated. */
  @Override
  public String toString() {
    return request.map(r -> r + " -> ").orElse("") + driver + "/" + pool + "/" + name;
  }
}
