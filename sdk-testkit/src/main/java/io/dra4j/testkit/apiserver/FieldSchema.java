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
package io.dra4j.testkit.apiserver;

import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shape of an API object's JSON: which fields an object declares and what type each value has,
 * read from client-java's models (their {@code @SerializedName} fields and Java types) plus the
 * fields {@link KnownFields} adds for newer releases.
 */
sealed interface FieldSchema {

  /** A leaf value. */
  enum Scalar implements FieldSchema {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    /** A resource quantity: a string such as {@code 80Gi} or a number. */
    QUANTITY("quantity (string or number)"),
    INT_OR_STRING("integer or string"),
    /** Anything: opaque payloads such as a config's {@code parameters}. */
    ANY("any");

    final String description;

    Scalar(String description) {
      this.description = description;
    }
  }

  /** A JSON array of {@code item}. */
  record ListOf(FieldSchema item) implements FieldSchema {}

  /** A JSON object with free keys and values of {@code value}. */
  record MapOf(FieldSchema value) implements FieldSchema {}

  /** A JSON object with the declared fields of a client-java model and its additions. */
  record Model(Class<?> type) implements FieldSchema {
    private static final Map<Class<?>, Map<String, FieldSchema>> FIELDS = new ConcurrentHashMap<>();

    /** The declared fields, by JSON name. */
    Map<String, FieldSchema> fields() {
      return FIELDS.computeIfAbsent(type, Model::declared);
    }

    private static Map<String, FieldSchema> declared(Class<?> type) {
      Map<String, FieldSchema> out = new LinkedHashMap<>();
      for (Field f : type.getDeclaredFields()) {
        SerializedName name = f.getAnnotation(SerializedName.class);
        if (name != null && !Modifier.isStatic(f.getModifiers())) {
          out.put(name.value(), of(f.getGenericType()));
        }
      }
      out.putAll(KnownFields.additions(type));
      return Map.copyOf(out);
    }
  }

  /** The schema of a Java type as client-java's models use it. */
  static FieldSchema of(Type t) {
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return new ListOf(of(args[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return new MapOf(of(args[1]));
      }
      return Scalar.ANY;
    }
    if (!(t instanceof Class<?> c)) {
      return Scalar.ANY;
    }
    if (c == String.class || c == OffsetDateTime.class || c == byte[].class || c.isEnum()) {
      return Scalar.STRING;
    }
    if (c == Integer.class || c == Long.class || c == Short.class) {
      return Scalar.INTEGER;
    }
    if (Number.class.isAssignableFrom(c)) {
      return Scalar.NUMBER;
    }
    if (c == Boolean.class) {
      return Scalar.BOOLEAN;
    }
    if (c == Quantity.class) {
      return Scalar.QUANTITY;
    }
    if (c == IntOrString.class) {
      return Scalar.INT_OR_STRING;
    }
    if (c.getName().startsWith("io.kubernetes.client.openapi.models.")) {
      return new Model(c);
    }
    return Scalar.ANY;
  }
}
