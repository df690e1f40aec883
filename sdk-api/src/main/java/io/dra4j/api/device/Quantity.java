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
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A Kubernetes resource quantity ({@code 1.5Gi}, {@code 100m}, {@code 1e3}): an exact decimal value
 * plus the format it was written in. Equality, hashing and ordering use the value only; {@link
 * #toString()} is the canonical form the Kubernetes API uses.
 *
 * <p>Grammar: an optional sign, then digits with an optional fraction ({@code 1}, {@code 1.5},
 * {@code 1.}, {@code .5}), then a suffix: binary ({@code Ki Mi Gi Ti Pi Ei}), decimal ({@code n u m
 * k M G T P E} or none) or a decimal exponent ({@code e} or {@code E} and a signed integer). As in
 * Kubernetes, parsing rounds a non-zero value away from zero to a multiple of 10<sup>-9</sup> and
 * caps a binary quantity at 2<sup>63</sup>-1; decimal quantities are not capped.
 *
 * <p>The canonical form keeps the format: binary quantities use the largest binary suffix with an
 * integer mantissa ({@code 1024Mi} → {@code 1Gi}) and fall back to decimal suffixes when the value
 * is below 1024 in magnitude or has a fraction ({@code 0.5Ki} → {@code 512}); decimal quantities
 * use the largest suffix with an integer mantissa ({@code 1000m} → {@code 1}, {@code 1.5} → {@code
 * 1500m}) and exponent notation past {@code E}; exponent quantities use exponents that are
 * multiples of three ({@code 1.3E+6} → {@code 1300e3}). Kubernetes echoes a few non-canonical
 * spellings verbatim ({@code +1}, {@code 1E3}); this class always produces the canonical form,
 * which Kubernetes keeps unchanged.
 */
public final class Quantity implements Comparable<Quantity> {

  /** How a quantity is written: binary suffixes, decimal suffixes or a decimal exponent. */
  public enum Format {
    /** Powers of 1024: {@code Ki Mi Gi Ti Pi Ei}. */
    BINARY_SI,
    /** Powers of 1000: {@code n u m k M G T P E}. */
    DECIMAL_SI,
    /** A power of ten: {@code 1e3}, {@code 5e-3}. */
    DECIMAL_EXPONENT
  }

  private static final String GRAMMAR =
      "must be a Kubernetes quantity: an optional sign, digits with an optional fraction, then a"
          + " suffix Ki Mi Gi Ti Pi Ei, n u m k M G T P E, or e<integer> (for example 1.5Gi, 100m,"
          + " 1e3, 64)";
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final String[] DECIMAL_SUFFIXES = {
    "n", "u", "m", "", "k", "M", "G", "T", "P", "E"
  };
  private static final int NANO_SCALE = 9;
  private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal NANO = BigDecimal.ONE.scaleByPowerOfTen(-NANO_SCALE);
  private static final BigDecimal BINARY_SWITCH = BigDecimal.valueOf(1024);
  private static final BigInteger KIBI = BigInteger.valueOf(1024);

  private static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI);

  private final BigDecimal value;
  private final Format format;
  // Computed on first use; a race only computes the same string twice.
  private String canonical;

  private Quantity(BigDecimal value, Format format) {
    this.value = value;
    this.format = format;
  }

  /**
   * Parses the Kubernetes quantity grammar.
   *
   * @throws ValidationException naming the text and the broken rule when it is not a quantity
   */
  public static Quantity parse(String text) {
    Objects.requireNonNull(text, "quantity text");
    if (text.isEmpty()) {
      throw invalid(text, "must not be empty; " + GRAMMAR);
    }
    if (!text.strip().equals(text)) {
      throw invalid(text, "must not have leading or trailing whitespace");
    }
    try {
      Quantity q = parseTrimmed(text);
      // An exponent near the 32-bit limit parses but cannot be printed; refuse it here.
      q.canonical = q.canonicalize();
      return q;
    } catch (ArithmeticException e) {
      throw invalid(text, "is out of range: " + e.getMessage());
    }
  }

  private static Quantity parseTrimmed(String text) {
    int n = text.length();
    int pos = 0;
    boolean negative = false;
    if (pos < n && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
      negative = text.charAt(pos) == '-';
      pos++;
    }
    int intStart = pos;
    while (pos < n && isDigit(text.charAt(pos))) {
      pos++;
    }
    String integer = text.substring(intStart, pos);
    String fraction = "";
    if (pos < n && text.charAt(pos) == '.') {
      pos++;
      int fracStart = pos;
      while (pos < n && isDigit(text.charAt(pos))) {
        pos++;
      }
      fraction = text.substring(fracStart, pos);
    }
    if (integer.isEmpty() && fraction.isEmpty()) {
      throw invalid(text, "has no digits before the suffix; " + GRAMMAR);
    }
    String suffix = text.substring(pos);
    BigDecimal number = new BigDecimal((integer.isEmpty() ? "0" : integer) + "." + fraction);
    if (negative) {
      number = number.negate();
    }
    BigDecimal amount;
    Format format;
    int binaryPower = indexOf(BINARY_SUFFIXES, suffix);
    int decimalPower = indexOf(DECIMAL_SUFFIXES, suffix);
    if (!suffix.isEmpty() && binaryPower > 0) {
      format = Format.BINARY_SI;
      amount = number.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(10 * binaryPower)));
    } else if (decimalPower >= 0) {
      format = Format.DECIMAL_SI;
      amount = number.scaleByPowerOfTen(3 * (decimalPower - 3));
    } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      format = Format.DECIMAL_EXPONENT;
      int exponent = parseExponent(text, suffix.substring(1));
      // Below one nano the result is one nano; skipping the scaling avoids a scale overflow.
      boolean belowNano =
          number.signum() != 0
              && (long) number.precision() - number.scale() + exponent <= -NANO_SCALE;
      amount =
          belowNano
              ? NANO.multiply(BigDecimal.valueOf(number.signum()))
              : number.scaleByPowerOfTen(number.signum() == 0 ? 0 : exponent);
    } else {
      throw invalid(text, "has an unknown suffix '" + suffix + "'; " + GRAMMAR);
    }
    amount = roundToNano(amount);
    if (format == Format.BINARY_SI) {
      if (amount.abs().compareTo(MAX_BINARY) > 0) {
        amount = amount.signum() < 0 ? MAX_BINARY.negate() : MAX_BINARY;
      }
      if (amount.signum() != 0 && amount.abs().compareTo(BigDecimal.ONE) < 0) {
        format = Format.DECIMAL_SI;
      }
    }
    return new Quantity(amount, format);
  }

  private static int parseExponent(String text, String digits) {
    int i = 0;
    if (!digits.isEmpty() && (digits.charAt(0) == '+' || digits.charAt(0) == '-')) {
      i = 1;
    }
    if (i == digits.length()) {
      throw invalid(text, "has an exponent without digits; " + GRAMMAR);
    }
    for (int j = i; j < digits.length(); j++) {
      if (!isDigit(digits.charAt(j))) {
        throw invalid(text, "has an unknown suffix 'e" + digits + "'; " + GRAMMAR);
      }
    }
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw invalid(text, "has an exponent outside the 32-bit range");
    }
  }

  private static ValidationException invalid(String text, String rule) {
    return new ValidationException("quantity", "text", text, rule);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int indexOf(String[] values, String value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i].equals(value)) {
        return i;
      }
    }
    return -1;
  }

  /** Rounds a non-zero value away from zero to nano precision, as Kubernetes parsing does. */
  private static BigDecimal roundToNano(BigDecimal v) {
    if (v.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (v.scale() <= NANO_SCALE) {
      return v;
    }
    // |v| < 10^(precision - scale); below one nano the result is one nano without a huge division.
    if ((long) v.precision() - v.scale() <= -NANO_SCALE) {
      return v.signum() < 0 ? NANO.negate() : NANO;
    }
    return v.setScale(NANO_SCALE, RoundingMode.UP);
  }

  /** An integer quantity in decimal format, printed like {@code 1k} or {@code 1500}. */
  public static Quantity of(long value) {
    return new Quantity(BigDecimal.valueOf(value), Format.DECIMAL_SI);
  }

  /** An integer quantity in binary format, printed like {@code 16Gi}; meant for byte counts. */
  public static Quantity ofBytes(long bytes) {
    return new Quantity(BigDecimal.valueOf(bytes), Format.BINARY_SI);
  }

  /**
   * A quantity with an exact value and a format. The value is rounded away from zero to nano
   * precision, as parsing does; it is not capped.
   */
  public static Quantity of(BigDecimal value, Format format) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(format, "format");
    return new Quantity(roundToNano(value), format);
  }

  /** Zero, in decimal format. */
  public static Quantity zero() {
    return ZERO;
  }

  /** The exact value. Same as {@link #toBigDecimal()}. */
  public BigDecimal value() {
    return value;
  }

  /** The exact value. */
  public BigDecimal toBigDecimal() {
    return value;
  }

  /** The format used by {@link #toString()}. */
  public Format format() {
    return format;
  }

  /**
   * The exact sum. Keeps this quantity's format, or the other's when this one is zero (as
   * Kubernetes does, so {@code 0 + 1Gi} prints {@code 1Gi}).
   */
  public Quantity add(Quantity other) {
    Objects.requireNonNull(other, "other");
    return new Quantity(value.add(other.value), isZero() ? other.format : format);
  }

  /** The exact difference, with the format chosen as for {@link #add}. */
  public Quantity subtract(Quantity other) {
    Objects.requireNonNull(other, "other");
    return new Quantity(value.subtract(other.value), isZero() ? other.format : format);
  }

  /** This quantity with the opposite sign and the same format. */
  public Quantity negate() {
    return new Quantity(value.negate(), format);
  }

  /** Whether the value is zero. */
  public boolean isZero() {
    return value.signum() == 0;
  }

  /** -1, 0 or 1 as the value is negative, zero or positive. */
  public int signum() {
    return value.signum();
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

  /** The Kubernetes canonical form, for example {@code 1536Mi}, {@code 1500m} or {@code 1e3}. */
  @Override
  public String toString() {
    String s = canonical;
    if (s == null) {
      s = canonicalize();
      canonical = s;
    }
    return s;
  }

  private String canonicalize() {
    if (isZero()) {
      return "0";
    }
    if (format == Format.BINARY_SI
        && value.abs().compareTo(BINARY_SWITCH) >= 0
        && value.stripTrailingZeros().scale() <= 0) {
      BigInteger mantissa = value.toBigIntegerExact();
      int power = 0;
      while (power < BINARY_SUFFIXES.length - 1 && mantissa.mod(KIBI).signum() == 0) {
        mantissa = mantissa.divide(KIBI);
        power++;
      }
      return mantissa + BINARY_SUFFIXES[power];
    }
    BigDecimal stripped = value.stripTrailingZeros();
    BigInteger mantissa = stripped.unscaledValue();
    long exponent = -(long) stripped.scale();
    int shift = (int) Math.floorMod(exponent, 3L);
    if (shift != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(shift));
      exponent -= shift;
    }
    if (format == Format.DECIMAL_EXPONENT) {
      return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
    }
    if (exponent >= -9 && exponent <= 18) {
      return mantissa + DECIMAL_SUFFIXES[(int) (exponent / 3) + 3];
    }
    return mantissa + "e" + exponent;
  }
}
