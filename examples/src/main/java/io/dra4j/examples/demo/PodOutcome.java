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
package io.dra4j.examples.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one demo pod: the node and devices it got and what its container sees, or why it
 * could not be scheduled.
 *
 * @param pod the pod name
 * @param claim the name of the ResourceClaim generated for it from the seed template
 * @param node the node it was bound to; empty when unschedulable
 * @param devices the allocated devices, Neuron first
 * @param env the container's environment from CDI
 * @param deviceNodes the container's device node paths from CDI
 * @param cdiDevices the CDI device IDs the kubelet passed to the runtime
 * @param explain the allocator's explanation; empty when scheduled
 * @param errors prepare errors of a scheduled pod whose containers could not start
 */
record PodOutcome(
    String pod,
    String claim,
    Optional<String> node,
    List<Device> devices,
    Map<String, String> env,
    List<String> deviceNodes,
    List<String> cdiDevices,
    Optional<String> explain,
    List<String> errors) {

  /** Checks and copies the components. */
  public PodOutcome {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(node, "node");
    devices = List.copyOf(devices);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    deviceNodes = List.copyOf(deviceNodes);
    cdiDevices = List.copyOf(cdiDevices);
    Objects.requireNonNull(explain, "explain");
    errors = List.copyOf(errors);
  }

  /** Whether the pod was bound to a node. */
  public boolean scheduled() {
    return node.isPresent();
  }

  /** Whether the pod was scheduled and its claim prepared, so its container runs. */
  public boolean running() {
    return scheduled() && errors.isEmpty();
  }

  /** The devices of one driver. */
  public List<Device> devices(String driver) {
    return devices.stream().filter(d -> d.driver().equals(driver)).toList();
  }

  /**
   * One allocated device.
   *
   * @param request the request of the claim it satisfies
   * @param driver the driver
   * @param device the device name
   * @param group the value of the template's matchAttribute on the device; empty without one
   */
  public record Device(String request, String driver, String device, Optional<String> group) {
    /** Checks the components. */
    public Device {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(driver, "driver");
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(group, "group");
    }
  }
}
