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

import io.dra4j.api.health.DeviceHealth;
import io.dra4j.testkit.kubelet.SimulatedKubelet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Waits until a kubelet's health view of a driver's devices is what the driver reported. */
final class HealthDelivery {
  private HealthDelivery() {}

  /**
   * Returns once {@code kubelet} reports each device's status as in {@code reported}.
   *
   * @throws IllegalStateException naming the first device that differs when that does not happen
   *     within {@code timeout}
   */
  static void await(
      SimulatedKubelet kubelet, String driver, List<DeviceHealth> reported, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<DeviceHealth> difference = firstDifference(kubelet, driver, reported);
      if (difference.isEmpty()) {
        return;
      }
      DeviceHealth differs = difference.get();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the kubelet of node "
                + kubelet.nodeName()
                + " did not receive the health of device "
                + differs.pool()
                + "/"
                + differs.device()
                + " of driver "
                + driver
                + " within "
                + timeout.toMillis()
                + " ms: the driver reported "
                + differs.status()
                + ", the kubelet has "
                + kubelet.deviceHealth(driver, differs.pool(), differs.device())
                + "\n"
                + kubelet.describe());
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the kubelet", e);
      }
    }
  }

  private static Optional<DeviceHealth> firstDifference(
      SimulatedKubelet kubelet, String driver, List<DeviceHealth> reported) {
    return reported.stream()
        .filter(d -> kubelet.deviceHealth(driver, d.pool(), d.device()) != d.status())
        .findFirst();
  }
}
