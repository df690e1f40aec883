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

import com.google.gson.JsonElement;
import io.dra4j.api.device.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/**
 * Converts one JSON value to a scalar component type: {@code String}, {@code boolean}, {@code int},
 * {@code long}, {@code double} (and their boxes), {@link Quantity}, {@link Duration} and enums.
 * JSON types must match (no string-to-number coercion) and integers must be whole and in range.
 */
final class ScalarValues {
  private static final Set<Class<?>> TYPES =
      Set.of(
          String.class,
          boolean.class,
          Boolean.class,
          int.class,
          Integer.class,
          long.class,
          Long.class,
          double.class,
          Double.class,
          Quantity.class,
          Duration.class);

  /** Numbers with a larger scale (either way) are handed to the quantity parser with exponent. */
  private static final int PLAIN_DIGITS = 64;

  private ScalarValues() {}

  /** Whether {@link #convert} handles {@code type}. */
  static boolean supports(Class<?> type) {
    return TYPES.contains(type) || type.isEnum();
  }

  /**
   * The value of {@code e} as {@code type}, which {@link #supports} must accept.
   *
   * @throws DecodingFailure at {@code path} naming the expected type or the allowed values
   */
  static Object convert(Class<?> type, JsonElement e, String path) {
    if (type == String.class) {
      return expect(e, isString(e), "a string", path).getAsString();
    }
    if (type == boolean.class || type == Boolean.class) {
      return expect(
              e, e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean(), "true or false", path)
          .getAsBoolean();
    }
    if (type == int.class || type == Integer.class) {
      return (int) integer(e, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (type == long.class || type == Long.class) {
      return integer(e, path, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (type == double.class || type == Double.class) {
      double d = number(e, path, "a number").doubleValue();
      if (Double.isInfinite(d)) {
        throw new DecodingFailure(path, "number " + e + " is too large for a double");
      }
      return d;
    }
    if (type == Quantity.class) {
      return quantity(e, path);
    }
    if (type == Duration.class) {
      String s =
          expect(e, isString(e), "a duration such as \"30s\" or \"1m30s\"", path).getAsString();
      try {
        return DurationParser.parse(s);
      } catch (IllegalArgumentException ex) {
        throw new DecodingFailure(path, ex.getMessage(), ex);
      }
    }
    if (type.isEnum()) {
      String s = expect(e, isString(e), "one of " + EnumSpelling.allowed(type), path).getAsString();
      return EnumSpelling.match(type, s)
          .orElseThrow(
              () ->
                  new DecodingFailure(
                      path,
                      "'" + s + "' is not allowed; allowed values: " + EnumSpelling.allowed(type)));
    }
    throw new DecodingFailure(path, "unsupported type " + type.getName());
  }

  private static Quantity quantity(JsonElement e, String path) {
    String s;
    if (isNumber(e)) {
      BigDecimal d = number(e, path, "a quantity");
      // The plain form of 1e999999999 has a billion digits; far from 1, keep the exponent.
      s = Math.abs((long) d.scale()) > PLAIN_DIGITS ? d.toString() : d.toPlainString();
    } else {
      s =
          expect(e, isString(e), "a quantity such as \"1.5Gi\", \"100m\" or 64", path)
              .getAsString();
    }
    try {
      return Quantity.parse(s);
    } catch (IllegalArgumentException ex) {
      throw new DecodingFailure(
          path,
          "'"
              + s
              + "' is not a quantity; write a number with an optional suffix (m, k, M, G, Ki,"
              + " Mi, Gi, Ti) such as \"1.5Gi\", \"100m\" or 64",
          ex);
    }
  }

  private static BigDecimal number(JsonElement e, String path, String expected) {
    return expect(e, isNumber(e), expected, path).getAsBigDecimal();
  }

  private static long integer(JsonElement e, String path, long min, long max) {
    BigDecimal d = number(e, path, "an integer");
    // Compared as decimals: converting 1e999999999 to a BigInteger would take forever.
    if (d.scale() > 0 && d.stripTrailingZeros().scale() > 0) {
      throw new DecodingFailure(path, "expected an integer, got the fractional number " + e);
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new DecodingFailure(path, e + " is out of range; allowed " + min + " to " + max);
    }
    return d.longValueExact();
  }

  static boolean isString(JsonElement e) {
    return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
  }

  private static boolean isNumber(JsonElement e) {
    return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
  }
}
