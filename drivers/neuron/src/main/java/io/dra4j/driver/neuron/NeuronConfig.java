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
package io.dra4j.driver.neuron;

import io.dra4j.api.config.ValidatedConfig;

/**
 * Opaque configuration {@code neuron.aws.com/v1}, kind {@code NeuronConfig}: the logical NeuronCore
 * size (LNC) for the allocated devices. Valid only on Trn2 and newer.
 *
 * @param logicalNeuronCore physical NeuronCores per logical core: 1 or 2
 */
public record NeuronConfig(int logicalNeuronCore) implements ValidatedConfig {

  @Override
  public void validate() {
    if (logicalNeuronCore != 1 && logicalNeuronCore != 2) {
      throw new IllegalArgumentException(
          "NeuronConfig.logicalNeuronCore is "
              + logicalNeuronCore
              + " but the allowed values are 1 and 2 (2 is the Trn2 default)");
    }
  }
}
