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

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, when a decoder is built, that {@link RecordBinder} can bind every component of a config
 * record, so a driver cannot ship a config type that can never be decoded.
 */
final class BindableTypes {
  private BindableTypes() {}

  /**
   * @throws IllegalArgumentException naming the first component whose type cannot be bound, its
   *     type and the types that can
   */
  static void check(Class<? extends Record> recordType) {
    check(recordType, recordType.getSimpleName(), new HashSet<>());
  }

  private static void check(Type type, String where, Set<Class<?>> visiting) {
    if (type instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      Type[] args = pt.getActualTypeArguments();
      if (raw == Optional.class || raw == List.class) {
        check(args[0], where, visiting);
        return;
      }
      if (raw == Map.class) {
        if (args[0] != String.class) {
          throw unsupported(type, where, "map keys must be String");
        }
        check(args[1], where, visiting);
        return;
      }
      throw unsupported(type, where, null);
    }
    if (!(type instanceof Class<?> c)) {
      throw unsupported(type, where, "wildcards and type variables cannot be decoded");
    }
    if (ScalarValues.supports(c)) {
      return;
    }
    if (c.isRecord()) {
      if (!visiting.add(c)) {
        return;
      }
      for (RecordComponent rc : c.getRecordComponents()) {
        check(rc.getGenericType(), c.getSimpleName() + "." + rc.getName(), visiting);
      }
      visiting.remove(c);
      return;
    }
    throw unsupported(type, where, null);
  }

  private static IllegalArgumentException unsupported(Type type, String where, String why) {
    return new IllegalArgumentException(
        "config component "
            + where
            + " has type "
            + type.getTypeName()
            + ", which cannot be decoded"
            + (why == null ? "" : " (" + why + ")")
            + "; use String, boolean, int, long, double, an enum, Quantity, Duration, a record,"
            + " or Optional/List/Map<String, ...> of these");
  }
}
