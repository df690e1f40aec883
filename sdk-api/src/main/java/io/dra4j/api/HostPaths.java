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
package io.dra4j.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Roots of the host trees a provider discovers devices from. In production these are {@code /sys},
 * {@code /dev} and {@code /proc}; tests use fixture directories.
 *
 * @param sys the sysfs root
 * @param dev the device node root
 * @param proc the procfs root
 */
public record HostPaths(Path sys, Path dev, Path proc) {

  /** Checks and copies the components. */
  public HostPaths {
    Objects.requireNonNull(sys, "sys");
    Objects.requireNonNull(dev, "dev");
    Objects.requireNonNull(proc, "proc");
  }

  /** The real host: {@code /sys}, {@code /dev}, {@code /proc}. */
  public static HostPaths host() {
    return new HostPaths(Path.of("/sys"), Path.of("/dev"), Path.of("/proc"));
  }

  /** A fixture tree with {@code sys}, {@code dev} and {@code proc} below one root. */
  public static HostPaths under(Path root) {
    return new HostPaths(root.resolve("sys"), root.resolve("dev"), root.resolve("proc"));
  }
}
