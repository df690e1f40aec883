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

import java.util.Objects;

/**
 * An amount of a shared counter, as provided by a {@link CounterSet} or consumed by a device.
 *
 * @param value the amount
 */
public record Counter(Quantity value) {
  /** Checks and copies the components. */
  public Counter {
    Objects.requireNonNull(value, "value");
  }

  /** A counter amount from a quantity string such as {@code 16Gi}. */
  public static Counter of(String quantity) {
    return new Counter(Quantity.parse(quantity));
  }
}
