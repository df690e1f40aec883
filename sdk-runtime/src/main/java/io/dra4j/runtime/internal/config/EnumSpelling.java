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
package io.dra4j.runtime.internal.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The spellings an enum value may take in configuration: the constant's exact name first, then its
 * name ignoring case, {@code _} and {@code -}, so {@code timeSlicing}, {@code TimeSlicing}, {@code
 * time-slicing} and {@code time_slicing} all match {@code TIME_SLICING}. Error messages list the
 * values in PascalCase, the Kubernetes spelling.
 */
final class EnumSpelling {
  private EnumSpelling() {}

  /** The constant of {@code enumType} that {@code spelling} names; empty when none does. */
  static Optional<Enum<?>> match(Class<?> enumType, String spelling) {
    Enum<?>[] constants = constants(enumType);
    for (Enum<?> c : constants) {
      if (c.name().equals(spelling)) {
        return Optional.of(c);
      }
    }
    String wanted = normalise(spelling);
    for (Enum<?> c : constants) {
      if (normalise(c.name()).equals(wanted)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The allowed values for error messages, such as {@code TimeSlicing, Mps}. */
  static String allowed(Class<?> enumType) {
    return Arrays.stream(constants(enumType))
        .map(c -> pascal(c.name()))
        .collect(Collectors.joining(", "));
  }

  /** {@code TIME_SLICING} → {@code TimeSlicing}; names that are not upper snake case stay. */
  static String pascal(String name) {
    if (!name.equals(name.toUpperCase(Locale.ROOT))) {
      return name;
    }
    StringBuilder sb = new StringBuilder();
    for (String part : name.split("_")) {
      if (!part.isEmpty()) {
        sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return sb.toString();
  }

  private static String normalise(String s) {
    return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  private static Enum<?>[] constants(Class<?> enumType) {
    if (!enumType.isEnum()) {
      throw new IllegalArgumentException(enumType.getName() + " is not an enum");
    }
    return (Enum<?>[]) enumType.getEnumConstants();
  }
}
