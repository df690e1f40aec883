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
package io.dra4j.runtime.internal.claims;

import io.dra4j.api.config.ConfigSource;
import java.util.List;
import java.util.Objects;

/**
 * One opaque configuration entry of an allocation, not yet decoded.
 *
 * @param source class or claim
 * @param requests requests it applies to; empty means all
 * @param driver the driver the entry is for ({@code opaque.driver})
 * @param parametersJson {@code opaque.parameters} as JSON text
 */
public record RawConfig(
    ConfigSource source, List<String> requests, String driver, String parametersJson) {
  public RawConfig {
    Objects.requireNonNull(source, "source");
    requests = List.copyOf(requests);
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(parametersJson, "parametersJson");
  }
}
