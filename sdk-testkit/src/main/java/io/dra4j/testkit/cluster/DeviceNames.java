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
import io.dra4j.api.device.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a {@link ClusterDevice}'s attribute or capacity by qualified or unqualified name, as DRA
 * reads names: an unqualified name is in the driver's domain, so {@code index} and {@code
 * <driver>/index} are the same attribute.
 */
final class DeviceNames {
  private DeviceNames() {}

  /**
   * The value published under {@code name} (either form).
   *
   * @param what {@code attribute} or {@code capacity}, for messages
   * @throws IllegalArgumentException when the name is malformed, matches two published names, or
   *     matches none while the same name exists in another domain
   */
  static <V> Optional<V> lookup(
      ClusterDevice device, String what, Map<String, V> published, String name) {
    Objects.requireNonNull(name, what + " name");
    QualifiedName wanted = parse(what, name).qualify(device.driver());
    List<String> matches = new ArrayList<>();
    List<String> otherDomains = new ArrayList<>();
    for (String key : published.keySet()) {
      QualifiedName have = QualifiedName.of(key).qualify(device.driver());
      if (have.equals(wanted)) {
        matches.add(key);
      } else if (have.name().equals(wanted.name())) {
        otherDomains.add(key);
      }
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException(
          what
              + " "
              + name
              + " of device "
              + device
              + " is ambiguous: the device publishes both "
              + String.join(" and ", matches)
              + ", which DRA treats as one name; the driver should publish only one of them");
    }
    if (matches.isEmpty() && !otherDomains.isEmpty()) {
      throw new IllegalArgumentException(
          "device "
              + device
              + " has no "
              + what
              + " "
              + wanted
              + (name.contains("/") ? "" : " (an unqualified name means the driver's domain)")
              + " but has "
              + String.join(", ", otherDomains)
              + ": use the qualified name "
              + QualifiedName.of(otherDomains.get(0)).qualify(device.driver()));
    }
    return matches.isEmpty() ? Optional.empty() : Optional.of(published.get(matches.get(0)));
  }

  private static QualifiedName parse(String what, String name) {
    try {
      return QualifiedName.of(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a valid "
              + what
              + " name ("
              + e.getMessage()
              + "): use the driver's own name such as index, or domain/name such as"
              + " resource.aws.com/devicegroup4_id",
          e);
    }
  }

  /** The value's type as the API spells it: {@code an int}, {@code a list of strings}, ... */
  static String typeName(AttributeValue v) {
    String scalar = scalarType(v);
    if (v instanceof AttributeValue.ListValue<?>) {
      return "a list of " + scalar + "s";
    }
    return (scalar.equals("int") ? "an " : "a ") + scalar;
  }

  /** The {@link ClusterDevice} method that reads a value of this type. */
  static String accessor(AttributeValue v) {
    return v instanceof AttributeValue.ListValue<?> ? "attribute" : scalarType(v) + "Attribute";
  }

  private static String scalarType(AttributeValue v) {
    if (v instanceof AttributeValue.IntValue || v instanceof AttributeValue.IntListValue) {
      return "int";
    }
    if (v instanceof AttributeValue.BoolValue || v instanceof AttributeValue.BoolListValue) {
      return "bool";
    }
    if (v instanceof AttributeValue.StringValue || v instanceof AttributeValue.StringListValue) {
      return "string";
    }
    return "version";
  }
}
