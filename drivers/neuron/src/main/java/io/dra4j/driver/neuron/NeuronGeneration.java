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

import io.dra4j.driver.aws.InstanceType;
import java.util.Optional;

/**
 * Per-generation Neuron facts: physical NeuronCores and HBM per device, and whether logical
 * NeuronCore configuration (LNC) applies. Values from the Neuron architecture documentation.
 */
enum NeuronGeneration {
  INF1(4, "8Gi", false),
  INF2(2, "32Gi", false),
  TRN1(2, "32Gi", false),
  TRN2(8, "96Gi", true),
  TRN3(8, "144Gi", true);

  private final int physicalCores;
  private final String memory;
  private final boolean logicalCoreConfig;

  NeuronGeneration(int physicalCores, String memory, boolean logicalCoreConfig) {
    this.physicalCores = physicalCores;
    this.memory = memory;
    this.logicalCoreConfig = logicalCoreConfig;
  }

  static Optional<NeuronGeneration> of(InstanceType type) {
    String family = type.family();
    if (family.startsWith("trn1")) {
      return Optional.of(TRN1);
    } else if (family.startsWith("trn2")) {
      return Optional.of(TRN2);
    } else if (family.startsWith("trn3")) {
      return Optional.of(TRN3);
    } else if (family.equals("inf1")) {
      return Optional.of(INF1);
    } else if (family.equals("inf2")) {
      return Optional.of(INF2);
    }
    return Optional.empty();
  }

  /** Physical NeuronCores per device. */
  int physicalCores() {
    return physicalCores;
  }

  /** HBM per device as a Kubernetes quantity. */
  String memory() {
    return memory;
  }

  /** Whether {@code NEURON_LOGICAL_NC_CONFIG} (1 or 2) applies. */
  boolean supportsLogicalCoreConfig() {
    return logicalCoreConfig;
  }

  /** The logical NeuronCore size the runtime uses when none is configured. */
  int defaultLogicalCoreConfig() {
    return logicalCoreConfig ? 2 : 1;
  }
}
