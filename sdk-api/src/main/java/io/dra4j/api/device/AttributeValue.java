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

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A device attribute value: exactly one of int, bool, string or version, as in {@code
 * resource.k8s.io/v1}, or a non-empty list of one of them ({@code ints}, {@code bools}, {@code
 * strings}, {@code versions}). Strings and versions are at most 64 bytes; versions are semantic
 * versions 2.0. List attributes need Kubernetes 1.36 or later with the alpha feature gate {@code
 * DRAListTypeAttributes} enabled (off by default); a device has at most 48 values in all.
 *
 * <p>Record equality is what {@code matchAttribute} uses: same type and same value, with versions
 * compared as strings. {@link #matches} states that rule for allocators and tests.
 */
public sealed interface AttributeValue
    permits AttributeValue.IntValue,
        AttributeValue.BoolValue,
        AttributeValue.StringValue,
        AttributeValue.VersionValue,
        AttributeValue.ListValue {

  /** Longest string or version value the API accepts, in UTF-8 bytes. */
  int MAX_LENGTH = Limits.MAX_ATTRIBUTE_VALUE_LENGTH;

  /** An integer attribute. */
  static IntValue of(long value) {
    return new IntValue(value);
  }

  /** A boolean attribute. */
  static BoolValue of(boolean value) {
    return new BoolValue(value);
  }

  /** A string attribute of at most 64 bytes. */
  static StringValue of(String value) {
    return new StringValue(value);
  }

  /** A semantic version 2.0 attribute, for example {@code 1.2.3-rc.1}. */
  static VersionValue version(String semver) {
    return new VersionValue(semver);
  }

  /** A list of integers (Kubernetes 1.36+, alpha). */
  static IntListValue ints(List<Long> values) {
    return new IntListValue(values);
  }

  /** A list of booleans (Kubernetes 1.36+, alpha). */
  static BoolListValue bools(List<Boolean> values) {
    return new BoolListValue(values);
  }

  /** A list of strings of at most 64 bytes each (Kubernetes 1.36+, alpha). */
  static StringListValue strings(List<String> values) {
    return new StringListValue(values);
  }

  /** A list of semantic versions (Kubernetes 1.36+, alpha). */
  static VersionListValue versions(List<String> semvers) {
    return new VersionListValue(semvers);
  }

  /** Whether this is a list attribute ({@code ints}, {@code bools}, {@code strings}, ...). */
  default boolean isList() {
    return this instanceof ListValue;
  }

  /**
   * How many values this attribute counts towards the 48 of a device: 1 for a scalar, the list's
   * size for a list.
   */
  default int valueCount() {
    return this instanceof ListValue<?> l ? l.values().size() : 1;
  }

  /**
   * Whether two values count as equal for the {@code matchAttribute} constraint: the same type and
   * the same value. Versions compare as strings, so {@code 1.0.0+a} and {@code 1.0.0+b} differ even
   * though their semantic version precedence is equal; an int never matches a string or version
   * that spells the same number. {@code distinctAttribute} requires that no two values match.
   */
  static boolean matches(AttributeValue a, AttributeValue b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    return a.equals(b);
  }

  /** The list attributes: a non-empty list of one type. */
  sealed interface ListValue<T> extends AttributeValue
      permits IntListValue, BoolListValue, StringListValue, VersionListValue {
    /** The values, in order. */
    List<T> values();
  }

  /** A non-empty list of integers. */
  record IntListValue(List<Long> values) implements ListValue<Long> {
    /** Checks and copies the values. */
    public IntListValue {
      values = Validation.copyList("ints", values);
    }
  }

  /** A non-empty list of booleans. */
  record BoolListValue(List<Boolean> values) implements ListValue<Boolean> {
    /** Checks and copies the values. */
    public BoolListValue {
      values = Validation.copyList("bools", values);
    }
  }

  /** A non-empty list of strings of at most 64 bytes each in UTF-8. */
  record StringListValue(List<String> values) implements ListValue<String> {
    /** Checks and copies the values. */
    public StringListValue {
      values = Validation.copyList("strings", values);
      values.forEach(v -> Validation.requireAttributeString("string", v));
    }
  }

  /** A non-empty list of semantic versions 2.0 of at most 64 bytes each. */
  record VersionListValue(List<String> values) implements ListValue<String> {
    /** Checks and copies the values. */
    public VersionListValue {
      values = Validation.copyList("versions", values);
      for (String v : values) {
        Validation.requireAttributeString("version", v);
        Validation.requireSemver(v);
      }
    }
  }

  /** An integer attribute (int64). */
  record IntValue(long value) implements AttributeValue {}

  /** A boolean attribute. */
  record BoolValue(boolean value) implements AttributeValue {}

  /** A string attribute of at most 64 bytes in UTF-8. */
  record StringValue(String value) implements AttributeValue {
    /** Checks the length. */
    public StringValue {
      Validation.requireAttributeString("string", value);
    }
  }

  /**
   * A semantic version 2.0 attribute of at most 64 bytes. Equality compares the strings; {@link
   * #compareTo} orders by semantic version precedence (build metadata ignored), as CEL {@code
   * semver()} comparisons do. So {@code compareTo} returns 0 for some values that are not equal.
   */
  record VersionValue(String value) implements AttributeValue, Comparable<VersionValue> {
    /** Checks the length and the semantic version syntax. */
    public VersionValue {
      Validation.requireAttributeString("version", value);
      Validation.requireSemver(value);
    }

    /** The major version. */
    public BigInteger major() {
      return new BigInteger(core()[0]);
    }

    /** The minor version. */
    public BigInteger minor() {
      return new BigInteger(core()[1]);
    }

    /** The patch version. */
    public BigInteger patch() {
      return new BigInteger(core()[2]);
    }

    /** Whether this is a pre-release version such as {@code 1.0.0-rc.1}. */
    public boolean isPreRelease() {
      return !preRelease().isEmpty();
    }

    /**
     * Semantic version precedence: major, minor and patch numerically; a pre-release before its
     * release; pre-release identifiers one by one, numbers numerically and before text, text in
     * ASCII order, a shorter list first when all shared identifiers are equal. Build metadata does
     * not count.
     */
    @Override
    public int compareTo(VersionValue o) {
      String[] a = core();
      String[] b = o.core();
      for (int i = 0; i < 3; i++) {
        int c = new BigInteger(a[i]).compareTo(new BigInteger(b[i]));
        if (c != 0) {
          return c;
        }
      }
      String pa = preRelease();
      String pb = o.preRelease();
      if (pa.isEmpty() || pb.isEmpty()) {
        return Boolean.compare(pa.isEmpty(), pb.isEmpty());
      }
      String[] ia = pa.split("\\.");
      String[] ib = pb.split("\\.");
      for (int i = 0; i < Math.min(ia.length, ib.length); i++) {
        int c = compareIdentifiers(ia[i], ib[i]);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(ia.length, ib.length);
    }

    private static int compareIdentifiers(String x, String y) {
      boolean nx = isNumeric(x);
      boolean ny = isNumeric(y);
      if (nx && ny) {
        return new BigInteger(x).compareTo(new BigInteger(y));
      }
      if (nx != ny) {
        return nx ? -1 : 1;
      }
      return x.compareTo(y);
    }

    private static boolean isNumeric(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) < '0' || s.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    private String withoutBuild() {
      int plus = value.indexOf('+');
      return plus < 0 ? value : value.substring(0, plus);
    }

    private String[] core() {
      String v = withoutBuild();
      int dash = v.indexOf('-');
      return (dash < 0 ? v : v.substring(0, dash)).split("\\.");
    }

    private String preRelease() {
      String v = withoutBuild();
      int dash = v.indexOf('-');
      return dash < 0 ? "" : v.substring(dash + 1);
    }
  }
}
