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
package io.dra4j.api.device;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A Kubernetes resource quantity ({@code 1.5Gi}, {@code 100m}, {@code 1e3}): exact value plus the
 * format it was written in. Equality and ordering compare values only; {@link #toString()} is the
 * Kubernetes canonical form.
 */
public final class Quantity implements Comparable<Quantity> {

  /** How a quantity is written: binary suffixes, decimal suffixes or a decimal exponent. */
  public enum Format {
    BINARY_SI,
    DECIMAL_SI,
    DECIMAL_EXPONENT
  }

  private final BigDecimal value;
  private final Format format;

  private Quantity(BigDecimal value, Format format) {
    this.value = value;
    this.format = format;
  }

  /** Parses the Kubernetes quantity grammar; throws with the rule when the text is invalid. */
  public static Quantity parse(String text) {
    Objects.requireNonNull(text, "quantity");
    String s = text.trim();
    int i = 0;
    while (i < s.length() && "+-.0123456789".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String number = s.substring(0, i);
    String suffix = s.substring(i);
    try {
      BigDecimal n = new BigDecimal(number);
      return switch (suffix) {
        case "" -> new Quantity(n, Format.DECIMAL_SI);
        case "Ki" -> new Quantity(n.multiply(BigDecimal.valueOf(1024L)), Format.BINARY_SI);
        case "Mi" -> new Quantity(n.multiply(BigDecimal.valueOf(1L << 20)), Format.BINARY_SI);
        case "Gi" -> new Quantity(n.multiply(BigDecimal.valueOf(1L << 30)), Format.BINARY_SI);
        case "Ti" -> new Quantity(n.multiply(BigDecimal.valueOf(1L << 40)), Format.BINARY_SI);
        case "m" -> new Quantity(n.scaleByPowerOfTen(-3), Format.DECIMAL_SI);
        case "k" -> new Quantity(n.scaleByPowerOfTen(3), Format.DECIMAL_SI);
        case "M" -> new Quantity(n.scaleByPowerOfTen(6), Format.DECIMAL_SI);
        case "G" -> new Quantity(n.scaleByPowerOfTen(9), Format.DECIMAL_SI);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException e) {
      throw new ValidationException(
          "quantity",
          "value",
          text,
          "must match the Kubernetes quantity grammar, e.g. 1.5Gi, 100m, 1e3, 64");
    }
  }

  /** An exact integer quantity in decimal format. */
  public static Quantity of(long value) {
    return new Quantity(BigDecimal.valueOf(value), Format.DECIMAL_SI);
  }

  /** The exact value. */
  public BigDecimal value() {
    return value;
  }

  /** The format used by {@link #toString()}. */
  public Format format() {
    return format;
  }

  public Quantity add(Quantity other) {
    return new Quantity(value.add(other.value), format);
  }

  public Quantity subtract(Quantity other) {
    return new Quantity(value.subtract(other.value), format);
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && value.compareTo(q.value) == 0;
  }

  @Override
  public int hashCode() {
    return value.stripTrailingZeros().hashCode();
  }

  @Override
  public String toString() {
    return value.stripTrailingZeros().toPlainString();
  }
}
