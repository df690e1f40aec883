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
package io.dra4j.driver.efa;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One EFA adapter found in sysfs.
 *
 * @param pciAddress the PCI address, e.g. {@code 0000:10:1a.0}
 * @param rdmaDevice the RDMA device name, e.g. {@code rdmap16s26}
 * @param rdmaDir the adapter's {@code /sys/class/infiniband/<rdmaDevice>} directory
 * @param uverbs the verbs character device name, e.g. {@code uverbs0}, when found
 * @param numaNode the NUMA node, when the platform reports one
 * @param pcieRoot the PCIe root complex, e.g. {@code pci0000:10}, when found
 * @param linkSpeedGbps the port rate in Gb/s, when readable
 * @param pciDeviceId the PCI device id, e.g. {@code 0xefa1}
 * @param pciSubsystemDevice the PCI subsystem device id, when readable
 */
record EfaAdapter(
    String pciAddress,
    String rdmaDevice,
    Path rdmaDir,
    Optional<String> uverbs,
    OptionalInt numaNode,
    Optional<String> pcieRoot,
    OptionalInt linkSpeedGbps,
    long pciDeviceId,
    OptionalLong pciSubsystemDevice) {

  /** The device name: the PCI address as a DNS label, {@code pci-0000-10-1a-0}. */
  String deviceName() {
    return "pci-" + pciAddress.replace(':', '-').replace('.', '-');
  }

  /** The state file of port 1. */
  Path portStateFile() {
    return rdmaDir.resolve("ports/1/state");
  }

  /** The physical state file of port 1 ({@code 5: LinkUp}). */
  Path physStateFile() {
    return rdmaDir.resolve("ports/1/phys_state");
  }
}
