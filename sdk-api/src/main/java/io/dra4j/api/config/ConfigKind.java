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
package io.dra4j.api.config;

import java.util.Objects;

/**
 * An opaque configuration kind a driver accepts, and the record it decodes into. The SDK decodes
 * {@code {"apiVersion": ..., "kind": ..., ...}} strictly: unknown fields, wrong types and missing
 * required values are per-claim errors.
 *
 * @param apiVersion for example {@code neuron.aws.com/v1}
 * @param kind for example {@code NeuronConfig}
 * @param type the record class the remaining fields decode into
 * @param <T> the record type
 */
public record ConfigKind<T extends Record>(String apiVersion, String kind, Class<T> type) {
  /** Checks and copies the components. */
  public ConfigKind {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(type, "type");
  }

  /** A kind with its API version, kind name and record type. */
  public static <T extends Record> ConfigKind<T> of(String apiVersion, String kind, Class<T> type) {
    return new ConfigKind<>(apiVersion, kind, type);
  }
}
