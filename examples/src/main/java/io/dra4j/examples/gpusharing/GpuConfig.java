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
package io.dra4j.examples.gpusharing;

import io.dra4j.api.config.ValidatedConfig;
import io.dra4j.api.device.Quantity;
import java.util.Optional;

/**
 * Opaque configuration {@code gpu.example.com/v1 GpuConfig}: how the GPUs of a request are shared.
 *
 * @param sharing the sharing strategy; empty means exclusive
 */
public record GpuConfig(Optional<Sharing> sharing) implements ValidatedConfig {

  /** Sharing strategies, in the spirit of the NVIDIA DRA driver. */
  public enum Strategy {
    EXCLUSIVE,
    TIME_SLICING,
    MPS
  }

  /** Time-slice lengths a time-sliced GPU can use. */
  public enum Interval {
    DEFAULT,
    SHORT,
    MEDIUM,
    LONG
  }

  /**
   * How a GPU is shared between the containers that use it.
   *
   * @param strategy exclusive, time-slicing or MPS
   * @param timeSlicing settings for {@code TIME_SLICING}
   * @param mps settings for {@code MPS}
   */
  public record Sharing(Strategy strategy, Optional<TimeSlicing> timeSlicing, Optional<Mps> mps) {}

  /**
   * Time-slicing settings.
   *
   * @param interval the time-slice length
   */
  public record TimeSlicing(Interval interval) {}

  /**
   * Multi-Process Service limits.
   *
   * @param defaultActiveThreadPercentage share of the GPU's threads per client, 1 to 100
   * @param defaultPinnedDeviceMemoryLimit pinned device memory per client
   */
  public record Mps(
      Optional<Integer> defaultActiveThreadPercentage,
      Optional<Quantity> defaultPinnedDeviceMemoryLimit) {}

  /** Exclusive use: no sharing configured. */
  public static GpuConfig exclusive() {
    return new GpuConfig(Optional.empty());
  }

  /** The effective strategy. */
  public Strategy strategy() {
    return sharing.map(Sharing::strategy).orElse(Strategy.EXCLUSIVE);
  }

  // snippet:validated-config
  @Override
  public void validate() {
    if (sharing.isEmpty()) {
      return;
    }
    Sharing s = sharing.get();
    if (s.timeSlicing().isPresent() && s.strategy() != Strategy.TIME_SLICING) {
      throw new IllegalArgumentException(
          "sharing.timeSlicing is only allowed with strategy TIME_SLICING, not " + s.strategy());
    }
    if (s.mps().isPresent() && s.strategy() != Strategy.MPS) {
      throw new IllegalArgumentException(
          "sharing.mps is only allowed with strategy MPS, not " + s.strategy());
    }
    s.mps()
        .flatMap(Mps::defaultActiveThreadPercentage)
        .filter(p -> p < 1 || p > 100)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(
                  "sharing.mps.defaultActiveThreadPercentage is "
                      + p
                      + ": allowed values are 1 to 100");
            });
  }
  // end:validated-config
}
