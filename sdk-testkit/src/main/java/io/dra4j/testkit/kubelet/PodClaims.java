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
package io.dra4j.testkit.kubelet;

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PodRef;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1DeviceRequestAllocationResult;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pod and the ResourceClaims it uses, the input of {@link SimulatedKubelet#preparePod}.
 *
 * @param pod namespace, name and UID of the pod
 * @param claims the pod's claims with their allocations
 */
public record PodClaims(PodRef pod, List<ClaimAllocation> claims) {
  /** Checks and copies the components. */
  public PodClaims {
    Objects.requireNonNull(pod, "pod");
    claims = List.copyOf(claims);
  }

  /** A pod with the given claims. */
  public static PodClaims of(PodRef pod, ClaimAllocation... claims) {
    return new PodClaims(pod, List.of(claims));
  }

  /**
   * Builds the model from client-java objects: the pod's metadata and, for each claim, its metadata
   * and {@code status.allocation.devices.results}.
   *
   * @throws IllegalArgumentException when a pod or claim lacks namespace, name or UID
   */
  public static PodClaims from(V1Pod pod, List<ResourceV1ResourceClaim> claims) {
    V1ObjectMeta podMeta = Objects.requireNonNull(pod.getMetadata(), "pod metadata");
    PodRef podRef =
        new PodRef(
            required(podMeta.getNamespace(), "pod metadata.namespace"),
            required(podMeta.getName(), "pod metadata.name"),
            required(podMeta.getUid(), "pod metadata.uid"));
    List<ClaimAllocation> allocations = new ArrayList<>();
    for (ResourceV1ResourceClaim claim : claims) {
      V1ObjectMeta meta = Objects.requireNonNull(claim.getMetadata(), "claim metadata");
      String what = "ResourceClaim " + meta.getNamespace() + "/" + meta.getName();
      ClaimRef ref =
          new ClaimRef(
              required(meta.getNamespace(), what + " metadata.namespace"),
              required(meta.getName(), what + " metadata.name"),
              required(meta.getUid(), what + " metadata.uid"));
      List<DeviceAllocation> devices = new ArrayList<>();
      if (claim.getStatus() != null
          && claim.getStatus().getAllocation() != null
          && claim.getStatus().getAllocation().getDevices() != null
          && claim.getStatus().getAllocation().getDevices().getResults() != null) {
        for (V1DeviceRequestAllocationResult r :
            claim.getStatus().getAllocation().getDevices().getResults()) {
          devices.add(
              new DeviceAllocation(r.getRequest(), r.getDriver(), r.getPool(), r.getDevice()));
        }
      }
      allocations.add(new ClaimAllocation(ref, devices));
    }
    return new PodClaims(podRef, allocations);
  }

  private static String required(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " is required; set it before preparing the pod");
    }
    return value;
  }
}
