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

import java.util.List;
import java.util.Objects;

/**
 * Everything a driver publishes: all of its pools. Published as a whole; the SDK reconciles the
 * cluster to it.
 *
 * @param pools pools with unique names
 */
public record Resources(List<Pool> pools) {
  /** Checks and copies the components. */
  public Resources {
    pools = List.copyOf(Objects.requireNonNull(pools, "pools"));
    Validation.requireUniquePools(pools);
  }

  /** Resources made of these pools. */
  public static Resources of(Pool... pools) {
    return new Resources(List.of(pools));
  }

  /** Nothing published. */
  public static Resources empty() {
    return new Resources(List.of());
  }
}
