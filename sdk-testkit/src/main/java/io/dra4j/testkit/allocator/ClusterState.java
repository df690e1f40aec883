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
package io.dra4j.testkit.allocator;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the allocator sees of a cluster: all ResourceSlices, all DeviceClasses, the claims that are
 * already allocated (their devices are in use and their counters consumed) and the
 * DeviceTaintRules.
 */
public record ClusterState(
    List<V1ResourceSlice> slices,
    List<V1DeviceClass> deviceClasses,
    List<ResourceV1ResourceClaim> allocatedClaims,
    List<TaintRule> taintRules) {

  public ClusterState {
    slices = List.copyOf(slices);
    deviceClasses = List.copyOf(deviceClasses);
    allocatedClaims = List.copyOf(allocatedClaims);
    taintRules = List.copyOf(taintRules);
  }

  /** A state without DeviceTaintRules. */
  public ClusterState(
      List<V1ResourceSlice> slices,
      List<V1DeviceClass> deviceClasses,
      List<ResourceV1ResourceClaim> allocatedClaims) {
    this(slices, deviceClasses, allocatedClaims, List.of());
  }

  /** A state with no allocated claims. */
  public static ClusterState of(List<V1ResourceSlice> slices, List<V1DeviceClass> classes) {
    return new ClusterState(slices, classes, List.of());
  }

  /**
   * The state as the API server returns it (resource.k8s.io/v1 JSON): every ResourceSlice, used in
   * name order as the scheduler lists them; every DeviceClass; and ResourceClaims, of which those
   * with {@code status.allocation} count as in use.
   */
  public static ClusterState fromApi(
      List<JsonObject> slices, List<JsonObject> deviceClasses, List<JsonObject> claims) {
    List<JsonObject> sorted = new ArrayList<>(slices);
    sorted.sort(Comparator.comparing(o -> JsonFields.string(o, "metadata", "name")));
    List<JsonObject> allocated =
        claims.stream()
            .filter(c -> JsonFields.object(c, "status", "allocation").isPresent())
            .toList();
    return new ClusterState(
        ApiModels.models(sorted, V1ResourceSlice.class),
        ApiModels.models(deviceClasses, V1DeviceClass.class),
        ApiModels.models(allocated, ResourceV1ResourceClaim.class));
  }

  /** This state with the taints of {@code rules}. */
  public ClusterState withTaintRules(List<TaintRule> rules) {
    return new ClusterState(slices, deviceClasses, allocatedClaims, rules);
  }

  /** This state plus more allocated claims (each must carry {@code status.allocation}). */
  public ClusterState withAllocated(List<ResourceV1ResourceClaim> claims) {
    List<ResourceV1ResourceClaim> all = new ArrayList<>(allocatedClaims);
    all.addAll(claims);
    return new ClusterState(slices, deviceClasses, all, taintRules);
  }
}
