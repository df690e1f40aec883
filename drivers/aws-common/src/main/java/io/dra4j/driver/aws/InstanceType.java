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
package io.dra4j.driver.aws;

import io.dra4j.api.HostPaths;
import io.dra4j.api.sysfs.Sysfs;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An EC2 instance type such as {@code trn2.48xlarge}, as read from the DMI product name, with the
 * facts the drivers derive from it.
 *
 * @param name the full instance type name
 */
public record InstanceType(String name) {

  /** Instance types that carry EFA adapters paired with Neuron devices (the device-group ids). */
  public static final Set<String> EFA_ENABLED =
      Set.of(
          "trn1.32xlarge",
          "trn1n.32xlarge",
          "trn2.48xlarge",
          "trn2e.48xlarge",
          "trn2u.48xlarge",
          "trn3.48xlarge",
          "trn3p.48xlarge",
          "trn3pd98.48xlarge",
          "trn3s.48xlarge",
          "trn3-dev0.48xlarge",
          "trn3-dev1.48xlarge");

  /** Where the instance type is read from, relative to the sysfs root. */
  public static final String DMI_PRODUCT_NAME = "devices/virtual/dmi/id/product_name";

  /** The driver setting ({@code --set instanceType=...}) that overrides the DMI product name. */
  public static final String SETTING = "instanceType";

  private static final Set<String> ULTRASERVER_FAMILIES =
      Set.of("trn2u", "trn3", "trn3p", "trn3pd98", "trn3s", "trn3-dev0", "trn3-dev1");

  public InstanceType {
    Objects.requireNonNull(name, "name");
    name = name.trim();
    if (name.isEmpty() || name.indexOf('.') <= 0 || name.endsWith(".")) {
      throw new IllegalArgumentException(
          "instance type '" + name + "' must look like <family>.<size>, for example trn2.48xlarge");
    }
  }

  /** Parses a DMI product name; empty when it is not an instance type. */
  public static Optional<InstanceType> parse(String text) {
    try {
      return Optional.of(new InstanceType(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The node's instance type: the {@value #SETTING} setting when given, else the DMI product name
   * under the sysfs root; empty when neither holds an instance type.
   */
  public static Optional<InstanceType> detect(HostPaths paths, Map<String, String> settings) {
    return Optional.ofNullable(settings.get(SETTING))
        .or(() -> Sysfs.read(paths.sys().resolve(DMI_PRODUCT_NAME)))
        .flatMap(InstanceType::parse);
  }

  /** The family before the dot, for example {@code trn2u} for {@code trn2u.48xlarge}. */
  public String family() {
    return name.substring(0, name.indexOf('.'));
  }

  /** The size after the dot, for example {@code 48xlarge}. */
  public String size() {
    return name.substring(name.indexOf('.') + 1);
  }

  /** Trainium (any {@code trn} family). */
  public boolean isTrainium() {
    return family().startsWith("trn");
  }

  /** Inferentia (any {@code inf} family). */
  public boolean isInferentia() {
    return family().startsWith("inf");
  }

  /** Whether this instance can be a member of a Trn2 or Trn3 UltraServer. */
  public boolean isUltraServer() {
    return ULTRASERVER_FAMILIES.contains(family());
  }

  /** Whether the Neuron-to-EFA device groups apply to this instance type. */
  public boolean isEfaEnabled() {
    return EFA_ENABLED.contains(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
