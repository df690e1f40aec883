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
package io.dra4j.examples.configvalidation;

import io.dra4j.api.config.ValidatedConfig;
import io.dra4j.api.device.Quantity;
import java.util.Optional;

/**
 * Opaque configuration {@code validation.example.com/v1 AcceleratorConfig}. The SDK decodes it
 * strictly: an unknown field, a wrong type or an unknown {@link Mode} fails the claim with a
 * message naming the field and what is allowed; {@link #validate()} adds the range rule.
 *
 * @param mode how the accelerator runs
 * @param queueDepth command queue depth, 1 to 64
 * @param memoryLimit the most device memory the container may use; unlimited when absent
 */
public record AcceleratorConfig(Mode mode, int queueDepth, Optional<Quantity> memoryLimit)
    implements ValidatedConfig {

  /** The smallest allowed queue depth. */
  public static final int MIN_QUEUE_DEPTH = 1;

  /** The largest allowed queue depth. */
  public static final int MAX_QUEUE_DEPTH = 64;

  /** How the accelerator runs. */
  public enum Mode {
    THROUGHPUT,
    LATENCY,
    DEBUG
  }

  @Override
  public void validate() {
    if (queueDepth < MIN_QUEUE_DEPTH || queueDepth > MAX_QUEUE_DEPTH) {
      throw new IllegalArgumentException(
          "queueDepth is "
              + queueDepth
              + ": allowed values are "
              + MIN_QUEUE_DEPTH
              + " to "
              + MAX_QUEUE_DEPTH);
    }
  }
}
