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

import io.dra4j.api.DriverVersion;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Device;
import io.dra4j.driver.aws.DeviceGroups;
import io.dra4j.driver.aws.InstanceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the published devices of a node: one {@code neurondeviceN} per Neuron device in ascending
 * id order, then on an UltraServer node the {@code neuron_node} device that stands for the whole
 * node.
 */
final class NeuronDevices {

  /** The name of the UltraServer node device. */
  static final String NODE_DEVICE = "neuron-node";

  /** {@code resourceType} of a Neuron device. */
  static final String TYPE_DEVICE = "neuron_device";

  /** {@code resourceType} of the UltraServer node device. */
  static final String TYPE_NODE = "neuron_node";

  private NeuronDevices() {}

  /**
   * The devices in the order the allocator should try them: by device id (so {@code neurondevice2}
   * comes before {@code neurondevice10}, and a first-fit claim for four takes one torus row), the
   * node device last.
   */
  static List<Device> of(NeuronNode node, List<String> layers) {
    List<Device> devices = new ArrayList<>();
    for (NeuronNode.Chip chip : node.devices()) {
      devices.add(chip(node, chip, layers));
    }
    if (node.isUltraServer() && !node.devices().isEmpty()) {
      devices.add(nodeDevice(node, layers));
    }
    return devices;
  }

  private static Device.Builder common(NeuronNode node, String name, String resourceType) {
    Device.Builder b =
        Device.builder(name)
            .attribute("resourceType", resourceType)
            .attribute("draDriverVersion", AttributeValue.version(DriverVersion.current()));
    node.instanceType().ifPresent(t -> b.attribute("instanceType", t.name()));
    node.neuronDriverVersion().ifPresent(v -> b.attribute("neuronDriverVersion", v));
    node.capacityBlockId().ifPresent(c -> b.attribute("capacityBlockId", c));
    return b;
  }

  private static void layers(Device.Builder b, List<String> layers) {
    for (int i = 0; i < layers.size(); i++) {
      b.attribute("networkNodeLayer" + (i + 1), layers.get(i));
    }
  }

  private static Device chip(NeuronNode node, NeuronNode.Chip chip, List<String> layers) {
    int id = chip.id();
    Device.Builder b = common(node, chip.deviceName(), TYPE_DEVICE).attribute("deviceId", id);
    int count = node.devices().size();
    Optional<InstanceType> type = node.instanceType();
    if (type.isPresent() && type.get().isTrainium() && !type.get().isUltraServer() && count > 1) {
      b.attribute("topology_x", id / 4);
      b.attribute("topology_y", id % 4);
      b.attribute("topology4_id", id / 4);
      if (count >= 8) {
        b.attribute("topology8_id", id / 8);
      }
    }
    layers(b, layers);
    type.flatMap(DeviceGroups::forInstanceType)
        .flatMap(g -> g.ofNeuron(id))
        .ifPresent(g -> g.attributes().forEach(b::attribute));
    chip.pciAddress().ifPresent(a -> b.attribute("pciAddress", a));
    chip.numaNode().ifPresent(n -> b.attribute("numaNode", n));
    if (chip.physicalCores().isPresent()) {
      int physical = chip.physicalCores().getAsInt();
      int cores = Math.max(1, physical / defaultLnc(node));
      // Attributes as well as capacities: only attributes reach the device metadata file.
      b.attribute("coreCount", cores);
      b.attribute("physicalCoreCount", physical);
      b.capacity("physicalCores", Integer.toString(physical));
      b.capacity("cores", Integer.toString(cores));
    }
    node.generation().ifPresent(g -> b.capacity("memory", g.memory()));
    return b.build();
  }

  /** The whole node of an UltraServer: all its Neuron devices, claimed with count 1. */
  private static Device nodeDevice(NeuronNode node, List<String> layers) {
    Device.Builder b = common(node, NODE_DEVICE, TYPE_NODE);
    b.attribute("deviceCount", node.devices().size());
    layers(b, layers);
    return b.build();
  }

  static int defaultLnc(NeuronNode node) {
    return node.generation().map(NeuronGeneration::defaultLogicalCoreConfig).orElse(1);
  }
}
