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
package io.dra4j.runtime.internal.claims;

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PodRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an allocated ResourceClaim the kubelet plugin needs, independent of the API version
 * it was read from.
 *
 * @param claim namespace, name and UID
 * @param devices all devices of {@code status.allocation.devices.results}, of every driver
 * @param configs {@code status.allocation.devices.config} in order (class entries first)
 * @param reservedFor pods in {@code status.reservedFor}
 * @param podClaimName the claim's name in its pod, from the annotation {@code
 *     resource.kubernetes.io/pod-claim-name} that claims made from a template carry
 */
public record AllocatedClaim(
    ClaimRef claim,
    List<DeviceResult> devices,
    List<RawConfig> configs,
    List<PodRef> reservedFor,
    Optional<String> podClaimName) {
  public AllocatedClaim {
    Objects.requireNonNull(claim, "claim");
    devices = List.copyOf(devices);
    configs = List.copyOf(configs);
    reservedFor = List.copyOf(reservedFor);
    Objects.requireNonNull(podClaimName, "podClaimName");
  }

  /** A claim not made from a template. */
  public AllocatedClaim(
      ClaimRef claim,
      List<DeviceResult> devices,
      List<RawConfig> configs,
      List<PodRef> reservedFor) {
    this(claim, devices, configs, reservedFor, Optional.empty());
  }
}
