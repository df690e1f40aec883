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

import io.dra4j.api.HostPaths;
import io.dra4j.api.sysfs.Sysfs;
import io.dra4j.driver.aws.InstanceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Neuron devices from sysfs and {@code /dev}. Nothing here throws for a missing file: what
 * cannot be read is left out and listed in {@link NeuronNode#missing()}.
 */
final class NeuronDiscovery {
  static final String DRIVER_VERSION = "module/neuron/version";
  static final String CLASS_DIR = "class/neuron_device";

  /** Setting with the EC2 capacity block id of an UltraServer node. */
  static final String SETTING_CAPACITY_BLOCK_ID = "capacityBlockId";

  /** The class file trn3 UltraServer members expose with their reservation id. */
  static final String RESERVATION_ID = "reservation_id";

  private static final Pattern NEURON = Pattern.compile("neuron(\\d+)");

  private final HostPaths paths;

  NeuronDiscovery(HostPaths paths) {
    this.paths = paths;
  }

  NeuronNode discover(Map<String, String> settings) {
    List<String> missing = new ArrayList<>();
    Optional<InstanceType> type = InstanceType.detect(paths, settings);
    if (type.isEmpty()) {
      missing.add(
          paths.sys().resolve(InstanceType.DMI_PRODUCT_NAME)
              + " is missing or holds no instance type: instanceType, topology and device-group"
              + " attributes and the memory capacity are omitted (set --set"
              + " instanceType=<type> to supply it)");
    }
    Optional<String> version = Sysfs.read(paths.sys().resolve(DRIVER_VERSION));
    if (version.isEmpty()) {
      missing.add(
          paths.sys().resolve(DRIVER_VERSION)
              + " is missing: neuronDriverVersion is omitted (is the Neuron kernel driver loaded?)");
    }
    Optional<NeuronGeneration> generation = type.flatMap(NeuronGeneration::of);
    if (type.isPresent() && generation.isEmpty()) {
      missing.add(
          "instance type "
              + type.get()
              + " is not a known Neuron instance type: core counts come from sysfs only and the"
              + " memory capacity is omitted");
    }
    List<NeuronNode.Chip> chips = new ArrayList<>();
    for (int id : deviceIds()) {
      chips.add(chip(id, generation, missing));
    }
    Optional<String> capacityBlock = Optional.empty();
    if (type.isPresent() && type.get().isUltraServer()) {
      capacityBlock = capacityBlockId(settings, missing);
    }
    return new NeuronNode(type, version, chips, capacityBlock, missing);
  }

  /**
   * The capacity block of an UltraServer node: the setting, else the kernel driver's {@code
   * reservation_id} (trn3). EC2 knows it, the node's sysfs on trn2u does not.
   */
  private Optional<String> capacityBlockId(Map<String, String> settings, List<String> missing) {
    String set = settings.getOrDefault(SETTING_CAPACITY_BLOCK_ID, "").trim();
    if (!set.isEmpty()) {
      return Optional.of(set);
    }
    Path file = paths.sys().resolve(CLASS_DIR).resolve(RESERVATION_ID);
    Optional<String> read = Sysfs.read(file);
    if (read.isEmpty()) {
      missing.add(
          file
              + " is missing and the "
              + SETTING_CAPACITY_BLOCK_ID
              + " setting is empty: capacityBlockId is omitted (set --set"
              + " capacityBlockId=<cr-...> per node group to publish it)");
    }
    return read;
  }

  /** Device ids seen in the sysfs class directory or as {@code /dev/neuronN}. */
  private TreeSet<Integer> deviceIds() {
    TreeSet<Integer> ids = new TreeSet<>();
    for (Path dir : List.of(paths.sys().resolve(CLASS_DIR), paths.dev())) {
      for (Path p : Sysfs.list(dir)) {
        Matcher m = NEURON.matcher(p.getFileName().toString());
        if (m.matches()) {
          ids.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    return ids;
  }

  private NeuronNode.Chip chip(
      int id, Optional<NeuronGeneration> generation, List<String> missing) {
    Path dir = paths.sys().resolve(CLASS_DIR).resolve("neuron" + id);
    Path devNode = paths.dev().resolve("neuron" + id);
    if (!Files.exists(devNode)) {
      missing.add(devNode + " is missing: neuron" + id + " cannot be used by containers");
    }
    if (!Files.isDirectory(dir)) {
      missing.add(dir + " is missing: neuron" + id + " is published without sysfs details");
    }
    OptionalLong cores = Sysfs.readLong(dir.resolve("core_count"));
    OptionalInt physical;
    if (cores.isPresent() && cores.getAsLong() > 0) {
      physical = OptionalInt.of((int) cores.getAsLong());
    } else if (generation.isPresent()) {
      physical = OptionalInt.of(generation.get().physicalCores());
      missing.add(
          dir.resolve("core_count")
              + " is missing: using "
              + generation.get().physicalCores()
              + " physical cores from the instance type");
    } else {
      physical = OptionalInt.empty();
      missing.add(
          dir.resolve("core_count")
              + " is missing and the instance type is unknown: core capacities are omitted");
    }
    Optional<Path> pci = Sysfs.realPath(dir.resolve("device"));
    Optional<String> address = pci.map(p -> p.getFileName().toString());
    OptionalInt numa = OptionalInt.empty();
    if (pci.isPresent()) {
      OptionalLong n = Sysfs.readLong(pci.get().resolve("numa_node"));
      if (n.isPresent() && n.getAsLong() >= 0) {
        numa = OptionalInt.of((int) n.getAsLong());
      }
    }
    return new NeuronNode.Chip(id, physical, address, numa);
  }
}
