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
 * A device node to create in the container.
 *
 * @param path the path in the container, for example {@code /dev/neuron0}
 * @param hostPath the path on the host when it differs
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
    permissions.ifPresent(
        p -> {
          if (!p.matches("r?w?m?")) {
            throw new IllegalArgumentException(
                "device node "
                    + path
                    + ": permissions '"
                    + p
                    + "' must be a subset of \"rwm\" in that order");
          }
        });
  }

  /** A device node at the same path in the container and on the host. */
  public static DeviceNode of(String path) {
    return new DeviceNode(path, Optional.empty(), Optional.empty());
  }
}
