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
package io.dra4j.conformance.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that this machine can run a real node: root, writable cgroup v1 controllers, overlayfs,
 * and the tools the build and the node use. A missing one is reported with the reason, so the node
 * tests skip loudly instead of failing half-way or passing silently.
 */
public final class HostSupport {
  /** The cgroup v1 controllers the kubelet (cgroupfs driver) and runc write to. */
  static final List<String> CONTROLLERS =
      List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "pids", "systemd");

  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

  private HostSupport() {}

  /** Why this machine cannot run a real node, or empty when it can. */
  public static Optional<String> missing() {
    List<String> reasons = new ArrayList<>();
    if (!isRoot()) {
      reasons.add("the tests do not run as root (the kubelet, containerd and runc need root)");
    }
    for (String controller : CONTROLLERS) {
      Path dir = CGROUPS.resolve(controller);
      if (!Files.isWritable(dir) || !Files.isRegularFile(dir.resolve("cgroup.procs"))) {
        reasons.add(
            "the cgroup v1 controller "
                + dir
                + " is missing or not writable (the node runs with the cgroupfs driver on cgroup"
                + " v1)");
        break;
      }
    }
    if (!filesystems().contains("overlay")) {
      reasons.add("the kernel has no overlay filesystem (containerd's overlayfs snapshotter)");
    }
    for (String tool : List.of("go", "gcc", "unshare", "nsenter", "mknod", "ip", "mount")) {
      if (!onPath(tool)) {
        reasons.add("'" + tool + "' is not on PATH");
      }
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String filesystems() {
    try {
      return Files.readString(Path.of("/proc/filesystems"));
    } catch (IOException e) {
      return "";
    }
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
