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
package io.dra4j.api.prepare;

import java.util.Objects;
import java.util.Optional;

/**
 * A device node to create in the container. The paths are the node's real paths: the container
 * runtime reads the device's type and numbers from {@code hostPath} (or {@code path}) on the host,
 * so they never name a test fixture tree such as the one {@code --dev-root} points at.
 *
 * @param path the path in the container, for example {@code /dev/neuron0}
 * @param hostPath the path on the host when it differs from {@code path}
 * @param permissions cgroup permissions, a subset of {@code rwm}; empty means {@code rwm}
 */
public record DeviceNode(String path, Optional<String> hostPath, Optional<String> permissions) {
  /** Checks and copies the components. */
  public DeviceNode {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(permissions, "permissions");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          "device node path '" + path + "' must be absolute, like /dev/neuron0");
    }
    hostPath
        .filter(h -> !h.startsWith("/"))
        .ifPresent(h -> refuse(path, "host path '" + h + "' must be absolute, like /dev/neuron0"));
    permissions
        .filter(p -> !p.matches("r?w?m?"))
        .ifPresent(
            p -> refuse(path, "permissions '" + p + "' must be a subset of \"rwm\" in that order"));
  }

  private static void refuse(String path, String rule) {
    throw new IllegalArgumentException("device node " + path + ": " + rule);
  }

  /** A device node at the same path in the container and on the host. */
  public static DeviceNode of(String path) {
    return new DeviceNode(path, Optional.empty(), Optional.empty());
  }

  /**
   * A device node the host has at {@code hostPath} and the container sees at {@code containerPath},
   * for example {@code mapped("/dev/neuron3", "/dev/neuron0")} to show a container its one device
   * as the first. Both paths must be absolute; equal paths give {@link #of}.
   */
  public static DeviceNode mapped(String hostPath, String containerPath) {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(containerPath, "containerPath");
    if (hostPath.equals(containerPath)) {
      return of(containerPath);
    }
    return new DeviceNode(containerPath, Optional.of(hostPath), Optional.empty());
  }
}
