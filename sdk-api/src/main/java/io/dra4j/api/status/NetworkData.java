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
package io.dra4j.api.status;

import io.dra4j.api.device.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The network side of an allocated device, as in {@code status.devices[].networkData}: the
 * interface a pod sees, its addresses and its hardware address. Checked as the API server checks
 * it.
 *
 * @param interfaceName the interface name, at most 256 bytes; empty when unknown
 * @param ips at most 16 distinct addresses in canonical CIDR form, like {@code 192.0.2.5/24} or
 *     {@code 2001:db8::5/64}
 * @param hardwareAddress the hardware (MAC) address, at most 128 bytes; empty when unknown
 */
public record NetworkData(String interfaceName, List<String> ips, String hardwareAddress) {

  /** The most bytes of {@link #interfaceName()}. */
  public static final int INTERFACE_NAME_MAX_LENGTH = 256;

  /** The most bytes of {@link #hardwareAddress()}. */
  public static final int HARDWARE_ADDRESS_MAX_LENGTH = 128;

  /** The most entries of {@link #ips()}. */
  public static final int MAX_IPS = 16;

  /** Checks and copies the components. */
  public NetworkData {
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(hardwareAddress, "hardwareAddress");
    ips = List.copyOf(ips);
    if (DeviceCondition.bytes(interfaceName) > INTERFACE_NAME_MAX_LENGTH) {
      throw new ValidationException(
          "networkData",
          "interfaceName",
          interfaceName,
          "must be at most " + INTERFACE_NAME_MAX_LENGTH + " bytes");
    }
    if (DeviceCondition.bytes(hardwareAddress) > HARDWARE_ADDRESS_MAX_LENGTH) {
      throw new ValidationException(
          "networkData",
          "hardwareAddress",
          hardwareAddress,
          "must be at most " + HARDWARE_ADDRESS_MAX_LENGTH + " bytes");
    }
    if (ips.size() > MAX_IPS) {
      throw new ValidationException(
          "networkData",
          "ips",
          String.valueOf(ips.size()),
          "must hold at most " + MAX_IPS + " addresses");
    }
    Set<String> seen = new HashSet<>();
    for (String ip : ips) {
      Optional<String> canonical = InterfaceAddress.canonical(ip);
      if (canonical.isEmpty()) {
        throw new ValidationException(
            "networkData",
            "ips",
            ip,
            "must be an address in CIDR form, like 10.9.8.7/24 or 2001:db8::1/64");
      }
      if (!canonical.get().equals(ip)) {
        throw new ValidationException(
            "networkData", "ips", ip, "must be in canonical form: " + canonical.get());
      }
      if (!seen.add(ip)) {
        throw new ValidationException("networkData", "ips", ip, "must not be listed twice");
      }
    }
  }

  /** Network data with only an interface name. */
  public static NetworkData ofInterface(String interfaceName) {
    return new NetworkData(interfaceName, List.of(), "");
  }
}
