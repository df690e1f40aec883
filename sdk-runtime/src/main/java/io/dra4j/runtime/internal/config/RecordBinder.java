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

import static io.dra4j.runtime.internal.config.DecodingFailure.expect;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.dra4j.api.config.ValidatedConfig;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Binds a JSON object to a record: every field maps to the record component of the same name,
 * through {@code Optional}, {@code List}, {@code Map<String, T>} and nested records down to the
 * scalars of {@link ScalarValues}. A component that is not {@code Optional} is required and unknown
 * fields are errors. Each record is built with its canonical constructor, and one that implements
 * {@link ValidatedConfig} is validated. The types must have passed {@link BindableTypes#check}.
 */
final class RecordBinder {
  private RecordBinder() {}

  /**
   * The record of {@code type} that {@code obj} describes; {@code path} is where {@code obj} sits,
   * empty for the top level (whose {@code apiVersion} and {@code kind} the caller has removed).
   *
   * @throws DecodingFailure at the path of the first field that does not bind
   */
  static Record bind(Class<?> type, JsonObject obj, String path) {
    RecordShape shape;
    try {
      shape = RecordShape.OF.get(type);
    } catch (RuntimeException e) {
      throw new DecodingFailure(
          path, "cannot construct " + type.getName() + ": " + e.getMessage(), e);
    }
    Map<String, RecordComponent> byName = shape.byName();
    for (String key : obj.keySet()) {
      if (!byName.containsKey(key)) {
        throw new DecodingFailure(
            DecodingFailure.join(path, key),
            "unknown field; "
                + type.getSimpleName()
                + (path.isEmpty() ? "" : " at '" + path + "'")
                + " allows "
                + (byName.isEmpty() ? "no fields" : String.join(", ", byName.keySet()))
                + (path.isEmpty() ? " besides apiVersion and kind" : ""));
      }
    }
    Object[] args = new Object[byName.size()];
    int i = 0;
    for (RecordComponent c : byName.values()) {
      String p = DecodingFailure.join(path, c.getName());
      JsonElement value = obj.get(c.getName());
      if (value == null && c.getType() != Optional.class) {
        throw new DecodingFailure(p, "is required (" + typeName(c.getGenericType()) + "); add it");
      }
      args[i++] = value(c.getGenericType(), value == null ? JsonNull.INSTANCE : value, p);
    }
    return construct(type, shape.constructor(), args, path);
  }

  private static Record construct(Class<?> type, Constructor<?> ctor, Object[] args, String path) {
    Record r;
    try {
      r = (Record) ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      throw new DecodingFailure(path, "invalid " + type.getSimpleName() + ": " + t.getMessage(), t);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new DecodingFailure(path, "cannot construct " + type.getName() + ": " + e, e);
    }
    if (r instanceof ValidatedConfig v) {
      try {
        v.validate();
      } catch (IllegalArgumentException e) {
        throw new DecodingFailure(path, e.getMessage(), e);
      }
    }
    return r;
  }

  private static Object value(Type type, JsonElement e, String path) {
    if (type instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      Type arg = pt.getActualTypeArguments()[pt.getActualTypeArguments().length - 1];
      if (raw == Optional.class) {
        return e.isJsonNull() ? Optional.empty() : Optional.of(value(arg, e, path));
      }
      if (raw == List.class) {
        JsonArray a = expect(e, e.isJsonArray(), "a list (JSON array)", path).getAsJsonArray();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          out.add(value(arg, a.get(i), path + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
      }
      if (raw == Map.class) {
        JsonObject o = expect(e, e.isJsonObject(), "a map (JSON object)", path).getAsJsonObject();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> en : o.entrySet()) {
          out.put(en.getKey(), value(arg, en.getValue(), path + "[" + en.getKey() + "]"));
        }
        return Collections.unmodifiableMap(out);
      }
    }
    Class<?> c = (Class<?>) type;
    if (c.isRecord()) {
      return bind(c, expect(e, e.isJsonObject(), "an object", path).getAsJsonObject(), path);
    }
    return ScalarValues.convert(c, e, path);
  }

  /** {@code Optional<List<String>>} rather than the fully qualified type name. */
  private static String typeName(Type t) {
    if (t instanceof ParameterizedType pt) {
      String args =
          Arrays.stream(pt.getActualTypeArguments())
              .map(RecordBinder::typeName)
              .collect(Collectors.joining(", "));
      return ((Class<?>) pt.getRawType()).getSimpleName() + "<" + args + ">";
    }
    return t instanceof Class<?> c ? c.getSimpleName() : t.getTypeName();
  }

  /**
   * A record type's components and canonical constructor, looked up once per type rather than for
   * every claim.
   */
  private record RecordShape(Map<String, RecordComponent> byName, Constructor<?> constructor) {
    static final ClassValue<RecordShape> OF =
        new ClassValue<>() {
          @Override
          protected RecordShape computeValue(Class<?> type) {
            Map<String, RecordComponent> byName = new LinkedHashMap<>();
            Class<?>[] argTypes = new Class<?>[type.getRecordComponents().length];
            int i = 0;
            for (RecordComponent c : type.getRecordComponents()) {
              byName.put(c.getName(), c);
              argTypes[i++] = c.getType();
            }
            Constructor<?> ctor;
            try {
              ctor = type.getDeclaredConstructor(argTypes);
              ctor.setAccessible(true);
            } catch (ReflectiveOperationException e) {
              throw new IllegalStateException(e.toString(), e);
            }
            return new RecordShape(Collections.unmodifiableMap(byName), ctor);
          }
        };
  }
}
