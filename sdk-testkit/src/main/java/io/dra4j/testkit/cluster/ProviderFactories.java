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

import io.dra4j.api.DeviceProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The factories of the drivers under test: those given to the builder, else every {@link
 * DeviceProvider} registered with {@link ServiceLoader}, by class name; and a factory from a class
 * with a public no-argument constructor.
 */
final class ProviderFactories {
  private ProviderFactories() {}

  /**
   * The factories a cluster runs: none without drivers, else {@link #orRegistered}.
   *
   * @throws IllegalStateException when providers are given to a cluster without drivers
   */
  static List<Supplier<? extends DeviceProvider>> forCluster(
      List<Supplier<? extends DeviceProvider>> given, boolean drivers) {
    if (drivers) {
      return orRegistered(given);
    }
    if (!given.isEmpty()) {
      throw new IllegalStateException(
          "withoutDrivers() runs no driver, but "
              + given.size()
              + " provider(s) were given; drop either the providers or withoutDrivers()");
    }
    return List.of();
  }

  /**
   * The given factories, or the registered providers when none is given.
   *
   * @throws IllegalStateException when none is given and none is registered
   */
  static List<Supplier<? extends DeviceProvider>> orRegistered(
      List<Supplier<? extends DeviceProvider>> given) {
    if (!given.isEmpty()) {
      return List.copyOf(given);
    }
    List<Supplier<? extends DeviceProvider>> found = new ArrayList<>();
    ServiceLoader.load(DeviceProvider.class).stream()
        .sorted(Comparator.comparing(p -> p.type().getName()))
        .forEach(p -> found.add(p::get));
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "no device provider given and none registered with ServiceLoader: call"
              + " provider(MyProvider::new) or register it with"
              + " @AutoService(DeviceProvider.class)");
    }
    return found;
  }

  /** A factory that calls the type's public no-argument constructor. */
  static Supplier<DeviceProvider> of(Class<? extends DeviceProvider> type) {
    return () -> instantiate(type);
  }

  private static DeviceProvider instantiate(Class<? extends DeviceProvider> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "cannot create device provider "
              + type.getName()
              + ": it needs a public no-argument constructor ("
              + e
              + "); or pass a factory with provider(() -> new ...)",
          e);
    }
  }
}
