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

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.conformance.differential.Differences;
import io.dra4j.conformance.differential.PodOutcome;
import io.dra4j.conformance.differential.RealSchedulerRun;
import io.dra4j.conformance.differential.Scenario;
import io.dra4j.conformance.differential.Scenarios;
import io.dra4j.conformance.differential.TestkitRun;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The testkit's structured allocator against the real kube-scheduler: every scenario of {@link
 * Scenarios} runs on a real control plane and on a driverless testkit {@code DraCluster} built for
 * the same release and gates, with the same nodes, slices, classes, claims and pods in the same
 * order. Both must agree, pod by pod, on scheduled or not, the node, the devices of every claim
 * (both are first-fit) and the category of the reason a pod stays Pending.
 *
 * <p>One control plane per version serves all scenarios, started here with DRAListTypeAttributes on
 * from 1.36 (alpha, off by default) so that list attributes can be compared; DRAConsumableCapacity
 * is on in every version, as in the shared clusters. Versions run one after another: the previous
 * version's control plane stops when the next one starts.
 *
 * <p>A scenario with a documented difference on a version is skipped there with a banner; {@code
 * -Ddra4j.e2e.knownDifferences=true} runs it anyway, to see whether the difference is still there.
 */
class AllocatorDifferentialE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static String planeVersion = "";
  private static ControlPlane plane;
  private static KubeObjects objects;

  static Stream<Arguments> cases() {
    List<Scenario> scenarios = Scenarios.all(Clusters.repoRoot());
    return Clusters.versions().flatMap(v -> scenarios.stream().map(s -> Arguments.of(v, s)));
  }

  /** Whether the control plane of {@code minor} runs with DRAListTypeAttributes on. */
  private static boolean listTypeAttributes(int minor) {
    return minor >= 36;
  }

  @ParameterizedTest(name = "Kubernetes {0}: {1}")
  @MethodSource("cases")
  void testkitAgreesWithKubeScheduler(String version, Scenario scenario) {
    int minor = Clusters.minor(version);
    Assumptions.assumeTrue(
        minor >= scenario.sinceMinor(),
        "Kubernetes " + version + " is skipped on purpose: " + scenario.sinceWhy());
    scenario
        .knownDifference(minor)
        .filter(d -> !Boolean.getBoolean("dra4j.e2e.knownDifferences"))
        .ifPresent(
            d -> {
              String reason =
                  "KNOWN TESTKIT DIFFERENCE, scenario "
                      + scenario.name()
                      + " on "
                      + version
                      + ": "
                      + d;
              System.err.println("\n" + "#".repeat(100) + "\n# " + reason + "\n" + "#".repeat(100));
              Assumptions.abort(reason);
            });
    KubeObjects cluster = cluster(version);

    long t0 = System.nanoTime();
    List<PodOutcome> real = RealSchedulerRun.run(cluster, scenario);
    long t1 = System.nanoTime();
    List<PodOutcome> testkit = TestkitRun.run(scenario, minor, listTypeAttributes(minor));
    long t2 = System.nanoTime();
    System.out.printf(
        "Kubernetes %s, %s: kube-scheduler %.2f s, testkit %.2f s%n  kube-scheduler: %s%n"
            + "  testkit:        %s%n",
        version, scenario.name(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, real, testkit);

    assertThat(Differences.of(scenario, minor, real, testkit))
        .as(
            "differences between kube-scheduler %s and the testkit in scenario %s",
            version, scenario)
        .isEmpty();
  }

  /** The control plane of {@code version}, stopping the previous version's. */
  private static synchronized KubeObjects cluster(String version) {
    if (!version.equals(planeVersion)) {
      stop();
      int minor = Clusters.minor(version);
      ControlPlane.Builder builder =
          ControlPlane.builder(CLUSTERS.binaries(version)).workDir(Clusters.workDir());
      if (listTypeAttributes(minor)) {
        builder.featureGate("DRAListTypeAttributes", true);
      }
      plane = builder.start();
      planeVersion = version;
      objects = KubeObjects.of(plane.adminClient());
    }
    return objects;
  }

  @AfterAll
  static synchronized void stop() {
    if (plane != null) {
      plane.close();
      plane = null;
      planeVersion = "";
    }
  }
}
