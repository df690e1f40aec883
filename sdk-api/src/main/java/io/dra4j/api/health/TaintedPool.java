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
package io.dra4j.api.health;

import io.dra4j.api.DriverContext;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.device.TaintEffect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One pool whose devices carry a {@code NoSchedule} taint while they are unhealthy. Publishes the
 * pool, and republishes it whenever the set of unhealthy devices (or their reasons) changes, so the
 * scheduler stops placing new claims on a broken device and uses it again once it recovers.
 * Thread-safe.
 *
 * <p>A driver creates it in {@link io.dra4j.api.DeviceProvider#start start} with the discovered
 * devices and calls {@link #publish()} instead of {@link DriverContext#publish}; its health check
 * turns what it reads into {@link Finding}s and returns {@link #apply(List)}, which is both the
 * kubelet health report and the trigger for republishing with or without taints. The pool must be
 * the driver's only one: each publish replaces everything the driver published before.
 */
public final class TaintedPool {
  private final DriverContext context;
  private final String poolName;
  private final String taintKey;
  private List<Device> devices;
  private Map<String, String> taintReasons = Map.of();

  /**
   * @param context where to publish
   * @param poolName the pool name (the node name for node-local devices)
   * @param taintKey the taint key, a qualified name such as {@code gpu.example.com/unhealthy}
   * @param devices the devices without health taints
   */
  public TaintedPool(
      DriverContext context, String poolName, String taintKey, List<Device> devices) {
    this.context = Objects.requireNonNull(context, "context");
    this.poolName = Objects.requireNonNull(poolName, "poolName");
    this.taintKey = Objects.requireNonNull(taintKey, "taintKey");
    this.devices = List.copyOf(devices);
  }

  /** Publishes the pool with the current taints. */
  public synchronized void publish() {
    publish(devices, taintReasons);
  }

  /** Publishes the given state; the fields change only after this succeeds. */
  private void publish(List<Device> devices, Map<String, String> taintReasons) {
    List<Device> out = new ArrayList<>(devices.size());
    for (Device d : devices) {
      String reason = taintReasons.get(d.name());
      out.add(
          reason == null
              ? d
              : d.toBuilder()
                  .taint(DeviceTaint.of(taintKey, reason, TaintEffect.NO_SCHEDULE))
                  .build());
    }
    context.publish(Resources.of(Pool.builder(poolName).devices(out).build()));
  }

  /**
   * Applies findings: republishes when the unhealthy set changed and returns the kubelet health
   * report for every device. Unknown findings keep a device's previous taint state.
   */
  public synchronized List<DeviceHealth> apply(List<Finding> findings) {
    Map<String, String> next = new TreeMap<>(taintReasons);
    List<DeviceHealth> report = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (f.status() == HealthStatus.UNHEALTHY) {
        next.put(f.device(), f.reason());
      } else if (f.status() == HealthStatus.HEALTHY) {
        next.remove(f.device());
      }
      report.add(new DeviceHealth(poolName, f.device(), f.status(), f.message()));
    }
    if (!next.equals(taintReasons)) {
      // Published first: a failed publish leaves the old state, so the next check tries again.
      publish(devices, next);
      Map<String, String> before = taintReasons;
      taintReasons = Map.copyOf(next);
      context
          .logger()
          .log(
              System.Logger.Level.WARNING,
              "pool {0}: devices tainted {1} with {2} (before: {3})",
              poolName,
              taintKey,
              taintReasons,
              before);
    }
    return List.copyOf(report);
  }

  /** Device name to taint reason, for the devices currently tainted. */
  public synchronized Map<String, String> tainted() {
    return taintReasons;
  }

  /** The devices as discovered, without health taints. */
  public synchronized List<Device> devices() {
    return devices;
  }

  /**
   * Replaces the devices (for example after an attribute such as a port state changed) and
   * republishes when they differ from the current ones.
   */
  public synchronized void replaceDevices(List<Device> replacement) {
    List<Device> next = List.copyOf(replacement);
    if (!next.equals(devices)) {
      publish(next, taintReasons);
      devices = next;
    }
  }
}
