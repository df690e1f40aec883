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
package io.dra4j.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the {@link DeviceProvider} of a driver process with {@link ServiceLoader}. A process runs
 * exactly one provider; when the class path holds several, one is picked by class name.
 */
public final class ProviderLoader {
  private ProviderLoader() {}

  /**
   * Loads the single provider, or the one whose class name is given.
   *
   * @param loader where to look
   * @param className the provider class to pick when there are several
   * @throws IllegalStateException when there is none, several and no choice, the chosen one is not
   *     there, or a registered class cannot be loaded or instantiated; the message lists what was
   *     found and how to fix it
   */
  public static DeviceProvider loadOne(ClassLoader loader, Optional<String> className) {
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(className, "className");
    try {
      return select(loader, className);
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "a registered device provider could not be loaded: "
              + e.getMessage()
              + ". Check META-INF/services/io.dra4j.api.DeviceProvider and that the class is"
              + " public with a public no-argument constructor that does not throw",
          e);
    }
  }

  private static DeviceProvider select(ClassLoader loader, Optional<String> className) {
    List<ServiceLoader.Provider<DeviceProvider>> found =
        ServiceLoader.load(DeviceProvider.class, loader).stream().collect(Collectors.toList());
    List<String> names = found.stream().map(p -> p.type().getName()).sorted().toList();
    if (className.isPresent()) {
      return found.stream()
          .filter(p -> p.type().getName().equals(className.get()))
          .findFirst()
          .map(ServiceLoader.Provider::get)
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "device provider "
                          + className.get()
                          + " was requested but is not registered; registered providers: "
                          + (names.isEmpty() ? "none" : String.join(", ", names))
                          + ". Check the class name, and that the class is annotated with"
                          + " @AutoService(DeviceProvider.class) or listed in"
                          + " META-INF/services/io.dra4j.api.DeviceProvider"));
    }
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "no device provider found on the class path: add the driver jar and register its"
              + " DeviceProvider with @AutoService(DeviceProvider.class) or in"
              + " META-INF/services/io.dra4j.api.DeviceProvider");
    }
    if (found.size() > 1) {
      throw new IllegalStateException(
          "found "
              + found.size()
              + " device providers ("
              + String.join(", ", names)
              + ") but a process runs exactly one: pick one with --provider <class name>"
              + " (env DRA_PROVIDER)");
    }
    return found.get(0).get();
  }
}
