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

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The PCI names dranet publishes for an EFA adapter, from a built-in table instead of the PCI id
 * database: {@code pciVendor} {@code Amazon.com, Inc.} (vendor 0x1d0f), {@code pciDevice} {@code
 * Elastic Fabric Adapter (EFA)} (devices 0xefa0 to 0xefa3) and {@code pciSubsystem} the subsystem
 * device id as four lower-case hex digits ({@code efa0}), which is what dranet's PCI library
 * reports as the subsystem's id.
 */
final class EfaPciNames {
  /** The vendor name of 0x1d0f in the PCI id database. */
  static final String AMAZON = "Amazon.com, Inc.";

  /** The device name of the EFA ids in the PCI id database, which EKS's DeviceClass matches. */
  static final String EFA = "Elastic Fabric Adapter (EFA)";

  private static final Map<Long, String> DEVICES = new HashMap<>();

  static {
    for (long id : EfaDiscovery.EFA_DEVICE_IDS) {
      DEVICES.put(id, EFA);
    }
  }

  private EfaPciNames() {}

  /** The vendor name of a PCI vendor id, when the table has it. */
  static Optional<String> vendor(long vendorId) {
    return vendorId == EfaDiscovery.AMAZON_VENDOR ? Optional.of(AMAZON) : Optional.empty();
  }

  /** The device name of an Amazon PCI device id, when the table has it. */
  static Optional<String> device(long deviceId) {
    return Optional.ofNullable(DEVICES.get(deviceId));
  }

  /** The subsystem id as dranet publishes it: {@code 0xefa0} becomes {@code efa0}. */
  static Optional<String> subsystem(OptionalLong subsystemDevice) {
    return subsystemDevice.isPresent()
        ? Optional.of(String.format(Locale.ROOT, "%04x", subsystemDevice.getAsLong()))
        : Optional.empty();
  }
}
