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

import io.dra4j.api.health.Finding;
import io.dra4j.api.health.HealthStatus;
import io.dra4j.api.sysfs.Sysfs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Turns the Neuron kernel driver's error counters into health findings: uncorrected ECC errors of
 * the device ({@code stats/hardware}) and hardware errors of its NeuronCores ({@code
 * neuron_core<i>/stats/status}). A finding's reason becomes the value of the device's taint.
 */
final class NeuronHealth {

  /** The sysfs ECC counters of a device; any non-zero value is unhealthy. */
  static final List<String> ECC_COUNTERS =
      List.of("sram_ecc_uncorrected", "mem_ecc_uncorrected", "mem_ecc_repairable_uncorrected");

  /**
   * The NeuronCore status counters and the taint value each gives, most severe first; any non-zero
   * value on any core is unhealthy. A kernel driver that does not expose them is not an error.
   */
  static final List<CoreCounter> CORE_COUNTERS =
      List.of(
          new CoreCounter("hw_hbm_ue_error", "hbm-uncorrected"),
          new CoreCounter("hw_nc_ue_error", "core-uncorrected"),
          new CoreCounter("hw_error", "hardware-error"));

  /** The taint value for uncorrected ECC errors. */
  static final String REASON_ECC = "ecc-uncorrected";

  /** One NeuronCore status counter and the taint value it gives. */
  record CoreCounter(String file, String reason) {}

  private NeuronHealth() {}

  /** One finding per Neuron device, then one for the UltraServer node device if published. */
  static List<Finding> check(Path classDir, NeuronNode node, boolean withNodeDevice) {
    List<Finding> findings = new ArrayList<>();
    for (NeuronNode.Chip chip : node.devices()) {
      findings.add(chip(classDir.resolve("neuron" + chip.id()), chip));
    }
    if (withNodeDevice) {
      findings.add(nodeDevice(findings));
    }
    return findings;
  }

  private static Finding chip(Path dir, NeuronNode.Chip chip) {
    List<String> errors = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    String reason = "";
    for (String counter : ECC_COUNTERS) {
      OptionalLong v = Sysfs.readLong(dir.resolve("stats/hardware").resolve(counter));
      if (v.isEmpty()) {
        unreadable.add(counter);
      } else if (v.getAsLong() != 0) {
        errors.add(counter + "=" + v.getAsLong());
        reason = REASON_ECC;
      }
    }
    int cores = chip.physicalCores().orElse(0);
    for (CoreCounter counter : CORE_COUNTERS) {
      for (int core = 0; core < cores; core++) {
        String file = "neuron_core" + core + "/stats/status/" + counter.file();
        OptionalLong v = Sysfs.readLong(dir.resolve(file));
        if (v.isPresent() && v.getAsLong() != 0) {
          errors.add(file + "=" + v.getAsLong());
          reason = reason.isEmpty() ? counter.reason() : reason;
        }
      }
    }
    if (!errors.isEmpty()) {
      return Finding.unhealthy(
          chip.deviceName(),
          reason,
          "neuron"
              + chip.id()
              + " reports uncorrected hardware errors: "
              + String.join(", ", errors));
    }
    if (!unreadable.isEmpty()) {
      return Finding.unknown(
          chip.deviceName(),
          "cannot read " + unreadable + " under " + dir.resolve("stats/hardware"));
    }
    return Finding.healthy(chip.deviceName());
  }

  /** The node device is as healthy as its least healthy Neuron device. */
  private static Finding nodeDevice(List<Finding> chips) {
    for (Finding f : chips) {
      if (f.status() == HealthStatus.UNHEALTHY) {
        return Finding.unhealthy(NeuronDevices.NODE_DEVICE, f.reason(), f.message());
      }
    }
    for (Finding f : chips) {
      if (f.status() == HealthStatus.UNKNOWN) {
        return Finding.unknown(NeuronDevices.NODE_DEVICE, f.message());
      }
    }
    return Finding.healthy(NeuronDevices.NODE_DEVICE);
  }
}
