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

import com.google.gson.JsonElement;
import io.dra4j.runtime.internal.kube.JsonFields;

/**
 * A decoding failure at a field path; {@link OpaqueConfigDecoder} turns it into a {@link
 * ConfigDecodingException} that also names the claim and the config entry.
 */
final class DecodingFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private String configType;

  DecodingFailure(String path, String message) {
    this(path, message, null);
  }

  DecodingFailure(String path, String message, Throwable cause) {
    super(message, cause, false, false);
    this.path = path;
  }

  /**
   * Returns {@code e} when {@code ok}; otherwise fails at {@code path} saying what was expected and
   * what was found ({@code null} gets its own wording).
   */
  static JsonElement expect(JsonElement e, boolean ok, String expected, String path) {
    if (e.isJsonNull()) {
      throw new DecodingFailure(path, "must not be null; expected " + expected);
    }
    if (!ok) {
      throw new DecodingFailure(path, "expected " + expected + ", got " + JsonFields.describe(e));
    }
    return e;
  }

  /** {@code a.b} for a field {@code b} under path {@code a}; just {@code b} at the top. */
  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The dotted field path, such as {@code sharing.mpsConfig}; empty for the whole entry. */
  String path() {
    return path;
  }

  /** {@code apiVersion=<v>, kind=<k>} once the kind is known, otherwise {@code null}. */
  String configType() {
    return configType;
  }

  DecodingFailure withConfigType(String type) {
    this.configType = type;
    return this;
  }
}
