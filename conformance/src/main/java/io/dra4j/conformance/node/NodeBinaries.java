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

import io.dra4j.conformance.cluster.BinariesUnavailableException;
import io.dra4j.conformance.cluster.BuildScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet of one Kubernetes version and the shared container runtime (containerd, its runc
 * shim, ctr, runc, the pause and busybox images as OCI layout tarballs), as built and cached by
 * {@code e2e/build-node.sh}.
 *
 * @param kubeletDir the directory holding {@code kubelet} and the {@code runtime} link
 * @param runtimeDir the container runtime's directory ({@code bin/}, {@code images/}, {@code cni})
 */
public record NodeBinaries(Path kubeletDir, Path runtimeDir) {
  private static final Logger LOG = LoggerFactory.getLogger(NodeBinaries.class);
  private static final List<String> RUNTIME =
      List.of("bin/containerd", "bin/containerd-shim-runc-v2", "bin/ctr", "bin/runc");

  /** Checks that every binary and image is in place. */
  public NodeBinaries {
    Objects.requireNonNull(kubeletDir, "kubeletDir");
    Objects.requireNonNull(runtimeDir, "runtimeDir");
    if (!Files.isExecutable(kubeletDir.resolve("kubelet"))) {
      throw new BinariesUnavailableException(
          "no executable kubelet in " + kubeletDir + "; rebuild with e2e/build-node.sh");
    }
    for (String name : RUNTIME) {
      if (!Files.isExecutable(runtimeDir.resolve(name))) {
        throw new BinariesUnavailableException(
            "no executable " + name + " in " + runtimeDir + "; rebuild with e2e/build-node.sh");
      }
    }
    for (String image : List.of("pause", "busybox")) {
      if (!Files.isRegularFile(runtimeDir.resolve("images/" + image + ".tar"))) {
        throw new BinariesUnavailableException(
            "no " + image + " image in " + runtimeDir + "/images; rebuild with e2e/build-node.sh");
      }
    }
  }

  /** The kubelet. */
  public Path kubelet() {
    return kubeletDir.resolve("kubelet");
  }

  /** The directory with containerd, containerd-shim-runc-v2, ctr and runc. */
  public Path binDir() {
    return runtimeDir.resolve("bin");
  }

  /** containerd's command-line client. */
  public Path ctr() {
    return binDir().resolve("ctr");
  }

  /** The directory of the CNI plugins (bridge, host-local, loopback). */
  public Path cniBinDir() {
    return runtimeDir.resolve("cni");
  }

  /** The OCI layout tarballs to import: the pause image and the busybox image. */
  public List<Path> images() {
    return List.of(
        runtimeDir.resolve("images/pause.tar"), runtimeDir.resolve("images/busybox.tar"));
  }

  /** The sandbox image's name, which containerd pins. */
  public String pauseImage() {
    return imageName("pause");
  }

  /** The busybox image's name, for pods' containers (with {@code imagePullPolicy: Never}). */
  public String busyboxImage() {
    return imageName("busybox");
  }

  private String imageName(String image) {
    Path file = runtimeDir.resolve("images/" + image + ".name");
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new BinariesUnavailableException(
          "cannot read " + file + " (" + e.getMessage() + "); rebuild with e2e/build-node.sh");
    }
  }

  /**
   * Runs {@code script} ({@code e2e/build-node.sh}) for {@code version}, which builds the node
   * binaries on first use and reuses its cache afterwards; its progress goes to {@code log}.
   *
   * @throws BinariesUnavailableException with the reason when there is no Go toolchain, a package
   *     cannot be installed, or a build fails
   */
  public static NodeBinaries build(Path script, String version, Path log) {
    long started = System.nanoTime();
    Path dir =
        Path.of(BuildScripts.run(script, List.of(version), log, "the Kubernetes node " + version));
    NodeBinaries binaries;
    try {
      binaries = new NodeBinaries(dir, dir.resolve("runtime").toRealPath());
    } catch (IOException e) {
      throw new BinariesUnavailableException(
          "no runtime link in "
              + dir
              + " ("
              + e.getMessage()
              + "); rebuild with e2e/build-node.sh");
    }
    LOG.info(
        "Node binaries for Kubernetes {} ready in {} after {} ms",
        version,
        dir,
        (System.nanoTime() - started) / 1_000_000);
    return binaries;
  }
}
