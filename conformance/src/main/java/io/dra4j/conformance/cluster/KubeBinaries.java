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
package io.dra4j.conformance.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd, kube-apiserver, kube-controller-manager and kube-scheduler binaries of one Kubernetes
 * version, as built and cached by {@code e2e/build-binaries.sh}.
 *
 * @param kubernetesVersion the exact patch version, e.g. {@code 1.35.4}
 * @param directory the cache directory holding the four binaries
 */
public record KubeBinaries(String kubernetesVersion, Path directory) {
  private static final Logger LOG = LoggerFactory.getLogger(KubeBinaries.class);
  private static final Pattern VERSION = Pattern.compile("1\\.\\d+(\\.\\d+)?");
  private static final List<String> NAMES =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler");

  /** Checks that all four binaries are executable files in {@code directory}. */
  public KubeBinaries {
    Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
    Objects.requireNonNull(directory, "directory");
    for (String name : NAMES) {
      if (!Files.isExecutable(directory.resolve(name))) {
        throw new BinariesUnavailableException(
            "no executable " + name + " in " + directory + "; rebuild with e2e/build-binaries.sh");
      }
    }
  }

  /** The etcd server. */
  public Path etcd() {
    return directory.resolve("etcd");
  }

  /** The API server. */
  public Path apiServer() {
    return directory.resolve("kube-apiserver");
  }

  /** The controller manager (runs the resourceclaim and garbage-collector controllers). */
  public Path controllerManager() {
    return directory.resolve("kube-controller-manager");
  }

  /** The scheduler. */
  public Path scheduler() {
    return directory.resolve("kube-scheduler");
  }

  /** The minor version, e.g. {@code 1.35}. */
  public String minorVersion() {
    String[] parts = kubernetesVersion.split("\\.");
    return parts[0] + "." + parts[1];
  }

  /**
   * Runs {@code script} for {@code version} (a minor version such as {@code 1.35}), which builds
   * the binaries on first use (several minutes per version) and reuses its cache afterwards. The
   * script's output goes to {@code log}.
   *
   * @throws BinariesUnavailableException with the reason when there is no Go toolchain, the script
   *     is missing, or the build fails
   */
  public static KubeBinaries build(Path script, String version, Path log) {
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "Kubernetes version '" + version + "' is not of the form 1.<minor>[.<patch>]");
    }
    long started = System.nanoTime();
    LOG.info("Building or reusing Kubernetes {} binaries (log: {})", version, log);
    Path dir = Path.of(BuildScripts.run(script, List.of(version), log, "Kubernetes " + version));
    KubeBinaries binaries = new KubeBinaries(dir.getFileName().toString(), dir);
    LOG.info(
        "Kubernetes {} binaries ready in {} after {} ms",
        binaries.kubernetesVersion(),
        dir,
        (System.nanoTime() - started) / 1_000_000);
    return binaries;
  }
}
