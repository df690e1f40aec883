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
package io.dra4j.runtime.internal.kube;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Optional;

/**
 * Reads fields of Gson JSON objects, the one place for "the string (or object, array, number) field
 * of this object".
 *
 * <p>The path readers ({@link #at}, {@link #string}, {@link #object}, {@link #array}, {@link
 * #objects}, {@link #strings}) are for API objects: a missing step, a JSON {@code null} or a value
 * of another type reads as empty and never throws. The typed readers ({@code opt*} and {@code
 * require*}) are for content that must be validated, such as files the driver wrote: a value of the
 * wrong type throws an {@link IllegalArgumentException} that names the field, the expected JSON
 * type and what was found. Thread-safe; the objects are only read.
 */
public final class JsonFields {
  private JsonFields() {}

  // ---- path readers: never throw ----

  /**
   * The value at {@code path} (object keys from {@code o} down); empty when a step is missing or
   * not an object, or the value is JSON {@code null}.
   */
  public static Optional<JsonElement> at(JsonObject o, String... path) {
    JsonElement cur = o;
    for (String key : path) {
      if (cur == null || !cur.isJsonObject()) {
        return Optional.empty();
      }
      cur = cur.getAsJsonObject().get(key);
    }
    return cur == null || cur.isJsonNull() ? Optional.empty() : Optional.of(cur);
  }

  /**
   * The text of the string, number or boolean at {@code path}; the empty string when there is none
   * or the value is an object or array.
   */
  public static String string(JsonObject o, String... path) {
    return at(o, path)
        .filter(JsonElement::isJsonPrimitive)
        .map(JsonElement::getAsString)
        .orElse("");
  }

  /**
   * The whole number at {@code path}; 0 when there is none or the value is not a number that fits a
   * {@code long}.
   */
  public static long number(JsonObject o, String... path) {
    return at(o, path)
        .filter(JsonElement::isJsonPrimitive)
        .map(JsonElement::getAsJsonPrimitive)
        .filter(JsonPrimitive::isNumber)
        .map(
            n -> {
              try {
                return n.getAsBigDecimal().longValueExact();
              } catch (ArithmeticException notWhole) {
                return 0L;
              }
            })
        .orElse(0L);
  }

  /** The object at {@code path}; empty when there is none or the value is not an object. */
  public static Optional<JsonObject> object(JsonObject o, String... path) {
    return at(o, path).filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject);
  }

  /** The array at {@code path}; an empty array when there is none or the value is not an array. */
  public static JsonArray array(JsonObject o, String... path) {
    return at(o, path)
        .filter(JsonElement::isJsonArray)
        .map(JsonElement::getAsJsonArray)
        .orElseGet(JsonArray::new);
  }

  /** The items of the array at {@code path} that are objects, in order; see {@link #array}. */
  public static List<JsonObject> objects(JsonObject o, String... path) {
    return array(o, path).asList().stream()
        .filter(JsonElement::isJsonObject)
        .map(JsonElement::getAsJsonObject)
        .toList();
  }

  /**
   * The texts of the string, number and boolean items of the array at {@code path}, in order; see
   * {@link #array}.
   */
  public static List<String> strings(JsonObject o, String... path) {
    return array(o, path).asList().stream()
        .filter(JsonElement::isJsonPrimitive)
        .map(JsonElement::getAsString)
        .toList();
  }

  // ---- typed readers: a wrong type throws ----

  /**
   * The string {@code field} of {@code o}; empty when absent or {@code null}.
   *
   * @throws IllegalArgumentException when the value is not a JSON string
   */
  public static Optional<String> optString(JsonObject o, String field) {
    return typed(o, field, isString(o.get(field)), "a string").map(JsonElement::getAsString);
  }

  /**
   * The integer {@code field} of {@code o}; empty when absent or {@code null}.
   *
   * @throws IllegalArgumentException when the value is not a whole JSON number in int range
   */
  public static Optional<Integer> optInt(JsonObject o, String field) {
    return typed(o, field, isInt(o.get(field)), "an integer")
        .map(e -> e.getAsBigDecimal().intValueExact());
  }

  /**
   * The boolean {@code field} of {@code o}; empty when absent or {@code null}.
   *
   * @throws IllegalArgumentException when the value is not {@code true} or {@code false}
   */
  public static Optional<Boolean> optBoolean(JsonObject o, String field) {
    JsonElement e = o.get(field);
    boolean ok = e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean();
    return typed(o, field, ok, "true or false").map(JsonElement::getAsBoolean);
  }

  /**
   * The object {@code field} of {@code o}; empty when absent or {@code null}.
   *
   * @throws IllegalArgumentException when the value is not a JSON object
   */
  public static Optional<JsonObject> optObject(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return typed(o, field, e != null && e.isJsonObject(), "an object")
        .map(JsonElement::getAsJsonObject);
  }

  /**
   * The array {@code field} of {@code o}; empty when absent or {@code null}.
   *
   * @throws IllegalArgumentException when the value is not a JSON array
   */
  public static Optional<JsonArray> optArray(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return typed(o, field, e != null && e.isJsonArray(), "an array")
        .map(JsonElement::getAsJsonArray);
  }

  /**
   * The string {@code field} of {@code o}.
   *
   * @throws IllegalArgumentException when it is absent, {@code null} or not a JSON string
   */
  public static String requireString(JsonObject o, String field) {
    return optString(o, field).orElseThrow(() -> missing(field, "a string"));
  }

  /**
   * The object {@code field} of {@code o}.
   *
   * @throws IllegalArgumentException when it is absent, {@code null} or not a JSON object
   */
  public static JsonObject requireObject(JsonObject o, String field) {
    return optObject(o, field).orElseThrow(() -> missing(field, "an object"));
  }

  /**
   * The array {@code field} of {@code o}.
   *
   * @throws IllegalArgumentException when it is absent, {@code null} or not a JSON array
   */
  public static JsonArray requireArray(JsonObject o, String field) {
    return optArray(o, field).orElseThrow(() -> missing(field, "an array"));
  }

  /**
   * A JSON value in words for error messages: {@code null}, {@code an object}, {@code an array},
   * {@code the boolean true}, {@code the number 7} or {@code the string "..."} (cut at 64
   * characters).
   */
  public static String describe(JsonElement e) {
    if (e.isJsonNull()) {
      return "null";
    }
    if (e.isJsonObject()) {
      return "an object";
    }
    if (e.isJsonArray()) {
      return "an array";
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return "the boolean " + p.getAsBoolean();
    }
    if (p.isNumber()) {
      return "the number " + p.getAsString();
    }
    String s = p.getAsString();
    return "the string \"" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "\"";
  }

  private static Optional<JsonElement> typed(
      JsonObject o, String field, boolean ok, String expected) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      return Optional.empty();
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "field '" + field + "' must be " + expected + ", got " + describe(e));
    }
    return Optional.of(e);
  }

  private static IllegalArgumentException missing(String field, String expected) {
    return new IllegalArgumentException("field '" + field + "' is required; give it " + expected);
  }

  private static boolean isString(JsonElement e) {
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
  }

  private static boolean isInt(JsonElement e) {
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      return false;
    }
    try {
      e.getAsBigDecimal().intValueExact();
      return true;
    } catch (ArithmeticException | NumberFormatException notAnInt) {
      return false;
    }
  }
}
