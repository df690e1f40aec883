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
import io.dra4j.conformance.differential.AdminAccessScenarios;
import io.dra4j.conformance.differential.BindingScenarios;
import io.dra4j.conformance.differential.CapacityScenarios;
import io.dra4j.conformance.differential.Differences;
import io.dra4j.conformance.differential.GateProfile;
import io.dra4j.conformance.differential.RealSchedulerRun;
import io.dra4j.conformance.differential.Release;
import io.dra4j.conformance.differential.Scenario;
import io.dra4j.conformance.differential.Scenarios;
import io.dra4j.conformance.differential.StepOutcome;
import io.dra4j.conformance.differential.TaintScenarios;
import io.dra4j.conformance.differential.TestkitRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The testkit's structured allocator and API server against the real kube-scheduler, kube-apiserver
 * and device taint eviction controller: every scenario of {@link Scenarios}, {@link
 * TaintScenarios}, {@link AdminAccessScenarios}, {@link BindingScenarios} and {@link
 * CapacityScenarios} runs on a real control plane and on a driverless testkit {@code DraCluster}
 * built for the same release and the same feature gates, with the same nodes, objects, pods and
 * device conditions in the same order. Both must agree, step by step, on objects stored or refused
 * (code, reason, fields), pods evicted, and pods bound, waiting for binding conditions or refused,
 * with the node, the devices of every claim (both are first-fit) and the category of the reason a
 * pod stays Pending; and both must do what the scenario expects on that release with those gates.
 *
 * <p>A scenario runs with the {@link GateProfile}s it names: the suite's gates, the release
 * defaults, every DRA gate on, every DRA gate off. On each release only the profiles that behave
 * differently there (as the testkit's feature table says) run. One control plane per release and
 * profile serves its scenarios; it serves DeviceTaintRules in the release's version of {@code
 * resource.k8s.io} and runs the {@code device-taint-eviction-controller}. Control planes run one
 * after another: the previous one stops when the next one starts.
 *
 * <p>A scenario with a documented difference on a version is skipped there with a banner; {@code
 * -Ddra4j.e2e.knownDifferences=true} runs it anyway, to see whether the difference is still there.
 *
 * <p>The suite runs as two classes, the floor releases ({@link AllocatorDifferentialOlderE2E}) and
 * the current ones ({@link AllocatorDifferentialNewerE2E}), beside each other and beside the other
 * test classes: each starts its own control planes and shares nothing with the others but the
 * cached binaries. The cases of one class run one after another (they share one control plane).
 */
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AllocatorDifferential {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private String planeKey = "";
  private ControlPlane plane;
  private KubeObjects objects;

  /** Whether this class runs the scenarios on {@code 1.<minor>}. */
  abstract boolean covers(int minor);

  Stream<Arguments> cases() {
    Path root = Clusters.repoRoot();
    List<Scenario> scenarios = new ArrayList<>(Scenarios.all(root));
    scenarios.addAll(TaintScenarios.all());
    scenarios.addAll(AdminAccessScenarios.all());
    scenarios.addAll(BindingScenarios.all());
    scenarios.addAll(CapacityScenarios.all());
    List<Arguments> cases = new ArrayList<>();
    Clusters.versions()
        .filter(v -> covers(Clusters.minor(v)))
        .forEach(
            v -> {
              int minor = Clusters.minor(v);
              for (GateProfile profile : GateProfile.ALL) {
                for (Scenario s : scenarios) {
                  if (profiles(s, minor).contains(profile)) {
                    cases.add(Arguments.of(v, profile, s));
                  }
                }
              }
            });
    return cases.stream();
  }

  /** The scenario's profiles that behave differently on {@code 1.<minor>} from those before. */
  private static List<GateProfile> profiles(Scenario scenario, int minor) {
    Map<String, GateProfile> byBehaviour = new LinkedHashMap<>();
    for (GateProfile p : scenario.profiles()) {
      byBehaviour.putIfAbsent(p.on(minor).behaviour(), p);
    }
    return List.copyOf(byBehaviour.values());
  }

  @Execution(ExecutionMode.SAME_THREAD)
  @ParameterizedTest(name = "Kubernetes {0}, {1}: {2}")
  @MethodSource("cases")
  void testkitAgreesWithKubeScheduler(String version, GateProfile profile, Scenario scenario) {
    int minor = Clusters.minor(version);
    Release release = profile.on(minor);
    Assumptions.assumeTrue(
        minor >= scenario.sinceMinor(),
        "Kubernetes " + version + " is skipped on purpose: " + scenario.sinceWhy());
    scenario
        .knownDifference(release)
        .filter(d -> !Boolean.getBoolean("dra4j.e2e.knownDifferences"))
        .ifPresent(
            d -> {
              String reason =
                  "KNOWN TESTKIT DIFFERENCE, scenario "
                      + scenario.name()
                      + " on "
                      + release
                      + ": "
                      + d;
              System.err.println("\n" + "#".repeat(100) + "\n# " + reason + "\n" + "#".repeat(100));
              Assumptions.abort(reason);
            });
    KubeObjects cluster = cluster(version, release);

    long t0 = System.nanoTime();
    List<StepOutcome> real = RealSchedulerRun.run(cluster, scenario, release);
    long t1 = System.nanoTime();
    List<StepOutcome> testkit = TestkitRun.run(scenario, release);
    long t2 = System.nanoTime();
    System.out.printf(
        "Kubernetes %s, %s, %s: kube-scheduler %.2f s, testkit %.2f s%n  kube-scheduler: %s%n"
            + "  testkit:        %s%n",
        version, profile, scenario.name(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, real, testkit);

    assertThat(Differences.of(scenario, release, real, testkit))
        .as("differences between Kubernetes %s and the testkit in scenario %s", release, scenario)
        .isEmpty();
  }

  /**
   * The control plane of {@code version} with {@code release}'s gates, stopping the previous one.
   */
  private synchronized KubeObjects cluster(String version, Release release) {
    String key = version + "/" + release.profile();
    if (!key.equals(planeKey)) {
      stop();
      ControlPlane.Builder builder =
          ControlPlane.builder(CLUSTERS.binaries(version))
              .workDir(Clusters.workDir())
              .releaseDefaultGates()
              .controller("device-taint-eviction-controller")
              // DeviceTaintRules in this release's version (v1beta2 in 1.36 is off by default).
              .apiServerFlag(
                  "--runtime-config=resource.k8s.io/"
                      + release.features().taintRuleApiVersion()
                      + "=true");
      release.gates().forEach(builder::featureGate);
      plane = builder.start();
      planeKey = key;
      objects = KubeObjects.of(plane.adminClient());
    }
    return objects;
  }

  @AfterAll
  synchronized void stop() {
    if (plane != null) {
      plane.close();
      plane = null;
      planeKey = "";
    }
  }
}
