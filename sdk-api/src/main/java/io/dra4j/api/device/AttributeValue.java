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

/**
 * A device attribute value: exactly one of int, bool, string or version, as in {@code
 * resource.k8s.io/v1}. Strings and versions are at most 64 characters; versions are semantic
 * versions 2.0.
 *
 * <p>Equality is what {@code matchAttribute} uses: same type and same value (versions compare as
 * strings).
 */
public sealed interface AttributeValue
    permits AttributeValue.IntValue,
        AttributeValue.BoolValue,
        AttributeValue.StringValue,
        AttributeValue.VersionValue {

  /** Longest string or version value the API accepts. */
  int MAX_LENGTH = 64;

  static IntValue of(long value) {
    return new IntValue(value);
  }

  static BoolValue of(boolean value) {
    return new BoolValue(value);
  }

  static StringValue of(String value) {
    return new StringValue(value);
  }

  static VersionValue version(String semver) {
    return new VersionValue(semver);
  }

  /** An integer attribute (int64). */
  record IntValue(long value) implements AttributeValue {}

  /** A boolean attribute. */
  record BoolValue(boolean value) implements AttributeValue {}

  /** A string attribute of at most 64 characters. */
  record StringValue(String value) implements AttributeValue {
    public StringValue {
      Validation.requireAttributeString("string", value);
    }
  }

  /** A semantic version 2.0 attribute of at most 64 characters. */
  record VersionValue(String value) implements AttributeValue {
    public VersionValue {
      Validation.requireAttributeString("version", value);
      Validation.requireSemver(value);
    }
  }
}
