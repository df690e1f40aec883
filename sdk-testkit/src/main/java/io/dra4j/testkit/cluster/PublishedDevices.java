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
package io.dra4j.testkit.cluster;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.allocator.ApiModels;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads what the drivers published: the cluster's ResourceSlices and their devices. */
final class PublishedDevices {
  private final ApiRest rest;

  PublishedDevices(ApiRest rest) {
    this.rest = rest;
  }

  /** All ResourceSlices, by name, as client-java models. */
  List<V1ResourceSlice> slices() {
    return ApiModels.models(ModelJson.byName(rest.list(ApiPaths.SLICES)), V1ResourceSlice.class);
  }

  /** The devices a driver published for a node, in slice order (slices by name). */
  List<ClusterDevice> devices(String driver, String node) {
    List<ClusterDevice> out = new ArrayList<>();
    for (JsonObject s : ModelJson.byName(rest.list(ApiPaths.SLICES))) {
      if (driver.equals(JsonFields.string(s, "spec", "driver"))
          && node.equals(JsonFields.string(s, "spec", "nodeName"))) {
        for (JsonObject d : JsonFields.objects(s, "spec", "devices")) {
          out.add(DeviceJson.of(s, d, Optional.empty()));
        }
      }
    }
    return out;
  }

  /**
   * Waits until the driver's slices for the node hold exactly {@code deviceCount} devices.
   *
   * @throws AssertionError with the cluster's state when they do not within {@code timeout}
   */
  List<ClusterDevice> await(
      String driver, String node, int deviceCount, Duration timeout, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ClusterDevice> devices = devices(driver, node);
      if (devices.size() == deviceCount) {
        return devices;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "driver "
                + driver
                + " published "
                + devices.size()
                + " devices on node "
                + node
                + ", expected "
                + deviceCount
                + " within "
                + timeout.toMillis()
                + " ms\n"
                + state.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
