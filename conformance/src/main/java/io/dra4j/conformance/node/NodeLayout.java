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

import java.nio.file.Path;

/**
 * Where one test node keeps its state. Everything lives under {@code root}, a short directory in
 * {@code /tmp} (unix socket paths are limited to 107 bytes), except the logs, which go to {@code
 * logs} under the build directory and are kept.
 *
 * @param root the node's state: kubelet root, containerd root and state, sockets, CDI specs
 * @param logs the node's logs: kubelet, containerd, drivers
 * @param id a short id, unique on this machine, naming the cgroup tree and the bridge
 */
record NodeLayout(Path root, Path logs, String id) {
  /** The kubelet's {@code --root-dir}; DRA plugin sockets go below it. */
  Path kubeletRoot() {
    return root.resolve("kubelet");
  }

  /** Where the kubelet's plugin watcher looks for registration sockets. */
  Path registrarDir() {
    return kubeletRoot().resolve("plugins_registry");
  }

  /** The kubelet's {@code podLogsDir}: containers' logs, kept with the node's other logs. */
  Path podLogs() {
    return logs.resolve("pods").toAbsolutePath().normalize();
  }

  /** Where DRA drivers put their service sockets and checkpoints. */
  Path pluginsDir() {
    return kubeletRoot().resolve("plugins");
  }

  /** The CDI spec directory drivers write and containerd reads. */
  Path cdiDir() {
    return root.resolve("cdi");
  }

  Path containerdRoot() {
    return root.resolve("containerd/root");
  }

  Path containerdState() {
    return root.resolve("containerd/state");
  }

  Path containerdSocket() {
    return root.resolve("containerd/containerd.sock");
  }

  Path cniConfDir() {
    return root.resolve("cni/net.d");
  }

  /** The mount point of containerd's private {@code /dev} before it is moved onto {@code /dev}. */
  Path privateDev() {
    return root.resolve("dev");
  }

  /** The cgroup (in every v1 hierarchy) the kubelet puts its {@code kubepods} tree under. */
  String cgroupName() {
    return "dra4j-" + id;
  }

  /** The CNI bridge's name (at most 15 characters). */
  String bridge() {
    return "dra4j" + id;
  }
}
