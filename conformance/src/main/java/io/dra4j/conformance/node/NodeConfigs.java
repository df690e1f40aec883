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

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration files of a test node: containerd's (config version 3), the kubelet's
 * KubeletConfiguration, the CNI bridge network, and the script that gives containerd a private
 * {@code /dev} holding the fixture's device nodes.
 */
final class NodeConfigs {
  private NodeConfigs() {}

  /**
   * containerd with CDI on and reading {@code cdiDir}, the sandbox image pinned (it is imported,
   * nothing is pulled), runc with cgroupfs, and {@code restrict_oom_score_adj} because a process
   * here cannot lower its OOM score.
   */
  static String containerd(NodeLayout layout, NodeBinaries binaries) {
    String runtime = "plugins.'io.containerd.cri.v1.runtime'";
    return String.join(
        "\n",
        "version = 3",
        "root = " + quote(layout.containerdRoot()),
        "state = " + quote(layout.containerdState()),
        "disabled_plugins = ['io.containerd.nri.v1.nri', 'io.containerd.internal.v1.tracing']",
        "[grpc]",
        "  address = " + quote(layout.containerdSocket()),
        "[ttrpc]",
        "  address = " + quote(layout.containerdSocket() + ".ttrpc"),
        "[debug]",
        "  level = 'info'",
        "[" + runtime + "]",
        "  enable_cdi = true",
        "  cdi_spec_dirs = [" + quote(layout.cdiDir()) + "]",
        "  restrict_oom_score_adj = true",
        "[" + runtime + ".containerd]",
        "  default_runtime_name = 'runc'",
        "[" + runtime + ".containerd.runtimes.runc]",
        "  runtime_type = 'io.containerd.runc.v2'",
        "[" + runtime + ".containerd.runtimes.runc.options]",
        "  BinaryName = " + quote(binaries.binDir().resolve("runc")),
        "  SystemdCgroup = false",
        "[" + runtime + ".cni]",
        "  bin_dirs = [" + quote(binaries.cniBinDir()) + "]",
        "  conf_dir = " + quote(layout.cniConfDir()),
        "[plugins.'io.containerd.cri.v1.images']",
        "  snapshotter = 'overlayfs'",
        "[plugins.'io.containerd.cri.v1.images'.pinned_images]",
        "  sandbox = " + quote(binaries.pauseImage()),
        "");
  }

  /**
   * The kubelet: cgroupfs on cgroup v1 (which 1.35 refuses unless {@code failCgroupV1} is false),
   * loopback-only servers with anonymous access (a test node), eviction and image GC relaxed for a
   * small disk, pods in a cgroup tree of their own and their logs with the node's logs (not in
   * {@code /var/log/pods}).
   */
  static String kubelet(
      NodeLayout layout, int port, int healthzPort, Map<String, Boolean> featureGates) {
    String gates =
        featureGates.entrySet().stream()
            .map(e -> "  " + e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining("\n"));
    return String.join(
        "\n",
        "apiVersion: kubelet.config.k8s.io/v1beta1",
        "kind: KubeletConfiguration",
        "cgroupDriver: cgroupfs",
        "cgroupRoot: /" + layout.cgroupName(),
        "failCgroupV1: false",
        "failSwapOn: false",
        "containerRuntimeEndpoint: unix://" + layout.containerdSocket(),
        "address: 127.0.0.1",
        "port: " + port,
        "readOnlyPort: 0",
        "healthzBindAddress: 127.0.0.1",
        "healthzPort: " + healthzPort,
        "authentication:",
        "  anonymous: {enabled: true}",
        "  webhook: {enabled: false}",
        "authorization: {mode: AlwaysAllow}",
        "evictionHard: {memory.available: 1Mi, nodefs.available: 1%, nodefs.inodesFree: 1%,"
            + " imagefs.available: 1%}",
        "imageGCHighThresholdPercent: 100",
        "imageGCLowThresholdPercent: 99",
        "serializeImagePulls: false",
        "podLogsDir: " + layout.podLogs(),
        "featureGates:",
        gates,
        "");
  }

  /**
   * A bridge network without gateway or masquerading: pods get an address, the host is untouched.
   */
  static String cniNetwork(NodeLayout layout) {
    return "{\"cniVersion\": \"1.0.0\", \"name\": \"dra4j\", \"plugins\": [{\"type\": \"bridge\","
        + " \"bridge\": \""
        + layout.bridge()
        + "\", \"isGateway\": false, \"ipMasq\": false, \"ipam\": {\"type\": \"host-local\","
        + " \"ranges\": [[{\"subnet\": \"10.244.251.0/24\"}]], \"dataDir\": \""
        + layout.root().resolve("cni/ipam")
        + "\"}}]}\n";
  }

  /**
   * Runs the command after its arguments with a private {@code /dev}: a copy of the host's device
   * nodes, the host's own mounts below {@code /dev} bound in, and the fixture's device nodes added.
   * CDI device nodes name host paths such as {@code /dev/neuron0}; the container runtime reads
   * their type and numbers there, so the fixture's devices must appear at those paths for
   * containerd and runc only, never on the host. Arguments: the new {@code /dev}'s mount point, the
   * fixture's {@code dev} directory, the command.
   */
  static String privateDevScript() {
    return String.join(
        "\n",
        "#!/bin/sh",
        "set -eu",
        "new=$1; fixture=$2; shift 2",
        "mount -t tmpfs -o mode=755 dra4j-dev \"$new\"",
        "for e in /dev/* /dev/.[!.]*; do",
        "  [ -e \"$e\" ] || [ -L \"$e\" ] || continue",
        "  n=${e#/dev/}",
        "  if mountpoint -q \"$e\" 2>/dev/null; then",
        "    if [ -d \"$e\" ]; then mkdir \"$new/$n\"; else : >\"$new/$n\"; fi",
        "    mount --rbind \"$e\" \"$new/$n\"",
        "  else",
        "    cp -a \"$e\" \"$new/$n\"",
        "  fi",
        "done",
        "cp -a \"$fixture/.\" \"$new/\"",
        "mount --move \"$new\" /dev",
        "exec \"$@\"",
        "");
  }

  private static String quote(Object value) {
    return "'" + value + "'";
  }
}
