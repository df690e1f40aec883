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
package io.dra4j.conformance;

import io.dra4j.conformance.cluster.BinariesUnavailableException;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.Helm;
import io.dra4j.conformance.cluster.KubeBinaries;
import io.dra4j.conformance.node.HostSupport;
import io.dra4j.conformance.node.NodeBinaries;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One control plane per Kubernetes version, shared by the E2E classes of the run and stopped at its
 * end, and one more for the real-node classes. When the binaries cannot be built (no Go toolchain,
 * failed build) every test that asks for a cluster is skipped with the reason printed to the
 * console.
 */
final class Clusters implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(Clusters.class);

  /**
   * The lock a real-node class holds: one real node (containerd, kubelet, bridge, fixture devices)
   * at a time on the machine.
   */
  static final String REAL_NODE = "dra4j-real-node";

  private ExtensionContext.Store store;

  /** The versions under test: {@code -Ddra4j.e2e.versions=1.34,1.35,1.36,1.37} by default. */
  static Stream<String> versions() {
    return Arrays.stream(System.getProperty("dra4j.e2e.versions", "1.34,1.35,1.36,1.37").split(","))
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  /** The minor version of {@code version} ({@code 36} for {@code 1.36}). */
  static int minor(String version) {
    return Integer.parseInt(version.substring(version.indexOf('.') + 1));
  }

  static Path workDir() {
    return Path.of(System.getProperty("dra4j.e2e.workDir", "target/e2e"));
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("dra4j.repo.root", "..")).toAbsolutePath().normalize();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    store = context.getRoot().getStore(NAMESPACE);
  }

  /**
   * The binaries for {@code version}, for a test that needs a control plane of its own; skips the
   * test when they cannot be built.
   */
  KubeBinaries binaries(String version) {
    Binaries binaries =
        store.computeIfAbsent("binaries-" + version, k -> Binaries.build(version), Binaries.class);
    if (binaries.binaries.isEmpty()) {
      Assumptions.abort(binaries.skipReason);
    }
    return binaries.binaries.get();
  }

  /**
   * The kubelet and container runtime for {@code version}, built once per run; skips the test
   * loudly when this machine cannot run a real node (not root, no writable cgroup v1, no overlayfs,
   * a missing tool) or the build fails.
   */
  NodeBinaries node(String version) {
    NodeBuild node =
        store.computeIfAbsent("node-" + version, k -> NodeBuild.build(version), NodeBuild.class);
    if (node.binaries.isEmpty()) {
      Assumptions.abort(node.skipReason);
    }
    return node.binaries.get();
  }

  /**
   * The versions the real-node tests run on: those of {@link #versions()} that are also in {@code
   * -Ddra4j.e2e.nodeVersions} (1.35 and 1.37 by default).
   */
  static Stream<String> nodeVersions() {
    List<String> node =
        Arrays.stream(System.getProperty("dra4j.e2e.nodeVersions", "1.35,1.37").split(","))
            .map(String::strip)
            .toList();
    return versions().filter(node::contains);
  }

  /** helm built from Go modules, once per run; skips the test when it cannot be built. */
  Helm helm() {
    HelmBuild helm = store.computeIfAbsent("helm", k -> HelmBuild.build(), HelmBuild.class);
    if (helm.helm.isEmpty()) {
      Assumptions.abort(helm.skipReason);
    }
    return helm.helm.get();
  }

  /** The running control plane for {@code version}; skips the test when none can exist. */
  ControlPlane get(String version) {
    return plane("cluster-" + version, version);
  }

  /**
   * The running control plane for {@code version} that the real-node tests share, apart from the
   * one of {@link #get}: their kubelets and drivers join it, and their classes run one at a time
   * (they hold {@link #REAL_NODE}) beside the other classes.
   */
  ControlPlane nodePlane(String version) {
    return plane("node-cluster-" + version, version);
  }

  private ControlPlane plane(String key, String version) {
    KubeBinaries binaries = binaries(version);
    Started started = store.computeIfAbsent(key, k -> Started.start(binaries), Started.class);
    if (started.failure.isPresent()) {
      throw new IllegalStateException(
          "the Kubernetes " + version + " control plane failed to start", started.failure.get());
    }
    return started.cluster.get();
  }

  /** A start attempt, made once per version: later tests fail fast with the same cause. */
  private record Started(Optional<ControlPlane> cluster, Optional<RuntimeException> failure)
      implements AutoCloseable {
    static Started start(KubeBinaries binaries) {
      try {
        return new Started(
            Optional.of(ControlPlane.builder(binaries).workDir(workDir()).start()),
            Optional.empty());
      } catch (RuntimeException e) {
        return new Started(Optional.empty(), Optional.of(e));
      }
    }

    @Override
    public void close() {
      cluster.ifPresent(ControlPlane::close);
    }
  }

  private record Binaries(Optional<KubeBinaries> binaries, String skipReason) {
    static Binaries build(String version) {
      Path script =
          Path.of(
              System.getProperty(
                  "dra4j.e2e.script", repoRoot().resolve("e2e/build-binaries.sh").toString()));
      try {
        return new Binaries(
            Optional.of(
                KubeBinaries.build(
                    script, version, workDir().resolve("build-" + version + ".log"))),
            "");
      } catch (BinariesUnavailableException e) {
        return new Binaries(
            Optional.empty(),
            banner("REAL-CLUSTER E2E TESTS FOR KUBERNETES " + version + " SKIPPED: ", e));
      }
    }
  }

  private record HelmBuild(Optional<Helm> helm, String skipReason) {
    static HelmBuild build() {
      Path script =
          Path.of(
              System.getProperty(
                  "dra4j.e2e.helmScript", repoRoot().resolve("e2e/build-helm.sh").toString()));
      try {
        return new HelmBuild(
            Optional.of(Helm.build(script, workDir().resolve("build-helm.log"))), "");
      } catch (BinariesUnavailableException e) {
        return new HelmBuild(Optional.empty(), banner("HELM CHART E2E TESTS SKIPPED: ", e));
      }
    }
  }

  private record NodeBuild(Optional<NodeBinaries> binaries, String skipReason) {
    static NodeBuild build(String version) {
      String prefix = "REAL-NODE E2E TESTS FOR KUBERNETES " + version + " SKIPPED: ";
      Optional<String> missing = HostSupport.missing();
      if (missing.isPresent()) {
        return new NodeBuild(
            Optional.empty(),
            banner(
                prefix,
                new BinariesUnavailableException(
                    "this machine cannot run a real node: " + missing.get())));
      }
      Path script =
          Path.of(
              System.getProperty(
                  "dra4j.e2e.nodeScript", repoRoot().resolve("e2e/build-node.sh").toString()));
      try {
        return new NodeBuild(
            Optional.of(
                NodeBinaries.build(
                    script, version, workDir().resolve("build-node-" + version + ".log"))),
            "");
      } catch (BinariesUnavailableException e) {
        return new NodeBuild(Optional.empty(), banner(prefix, e));
      }
    }
  }

  /** Prints the reason tests are skipped where nobody can miss it, and returns it. */
  private static String banner(String prefix, BinariesUnavailableException e) {
    return banner(prefix + e.getMessage());
  }

  /** Prints {@code reason} where nobody can miss it, and returns it. */
  static String banner(String reason) {
    String bar = "#".repeat(100);
    System.err.println("\n" + bar + "\n# " + reason + "\n" + bar + "\n");
    return reason;
  }
}
