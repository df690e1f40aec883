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
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What discovery found on a node.
 *
 * @param instanceType the instance type, when readable
 * @param neuronDriverVersion the Neuron kernel driver version, when readable
 * @param devices the Neuron devices, by ascending id
 * @param capacityBlockId the EC2 capacity block (reservation) of an UltraServer node, when known
 * @param missing one line per thing that could not be read, naming the path and the consequence
 */
record NeuronNode(
    Optional<InstanceType> instanceType,
    Optional<String> neuronDriverVersion,
    List<Chip> devices,
    Optional<String> capacityBlockId,
    List<String> missing) {

  NeuronNode {
    devices = List.copyOf(devices);
    missing = List.copyOf(missing);
  }

  Optional<NeuronGeneration> generation() {
    return instanceType.flatMap(NeuronGeneration::of);
  }

  /** Whether this node is a member of a Trn2 or Trn3 UltraServer (trn2u, trn3). */
  boolean isUltraServer() {
    return instanceType.map(InstanceType::isUltraServer).orElse(false);
  }

  Optional<Chip> device(int id) {
    return devices.stream().filter(d -> d.id() == id).findFirst();
  }

  /**
   * One Neuron device.
   *
   * @param id the device number N of {@code /dev/neuronN}
   * @param physicalCores physical NeuronCores, from {@code core_count} or the generation table
   * @param pciAddress the PCI address, when the device directory links to its PCI function
   * @param numaNode the NUMA node of that PCI function, when known
   */
  record Chip(
      int id, OptionalInt physicalCores, Optional<String> pciAddress, OptionalInt numaNode) {

    String deviceName() {
      return NeuronDeviceProvider.DEVICE_PREFIX + id;
    }
  }
}
