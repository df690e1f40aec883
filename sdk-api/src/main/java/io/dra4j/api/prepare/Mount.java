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

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mount to add to the container.
 *
 * @param hostPath the path on the host
 * @param containerPath the path in the container
 * @param options mount options, for example {@code ro}, {@code bind}
 * @param type the file system type, if any
 */
public record Mount(
    String hostPath, String containerPath, List<String> options, Optional<String> type) {
  /** Checks and copies the components. */
  public Mount {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(containerPath, "containerPath");
    options = List.copyOf(options);
    Objects.requireNonNull(type, "type");
  }

  /** A read-only bind mount. */
  public static Mount bindReadOnly(String hostPath, String containerPath) {
    return new Mount(
        hostPath, containerPath, List.of("ro", "nosuid", "nodev", "bind"), Optional.empty());
  }
}
