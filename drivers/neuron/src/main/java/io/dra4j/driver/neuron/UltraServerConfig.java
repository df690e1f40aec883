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
 * Opaque configuration {@code neuron.aws.com/v1}, kind {@code UltraServerConfig}: how many nodes of
 * an UltraServer the workload spans. Valid only on UltraServer instances (trn2u, trn3).
 *
 * @param ultraserverMode the number of nodes: 1, 2 or 4
 */
public record UltraServerConfig(int ultraserverMode) implements ValidatedConfig {

  @Override
  public void validate() {
    if (ultraserverMode != 1 && ultraserverMode != 2 && ultraserverMode != 4) {
      throw new IllegalArgumentException(
          "UltraServerConfig.ultraserverMode is "
              + ultraserverMode
              + " but the allowed values are 1, 2 and 4");
    }
  }
}
