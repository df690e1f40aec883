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

import static io.dra4j.conformance.TestObjects.array;
import static io.dra4j.conformance.TestObjects.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.testkit.explain.ExplainMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The testkit's {@code explain} command against the real API server: a node has two devices, the
 * real scheduler gives one to a first pod and leaves a second pod that needs two Pending; the
 * command, run with the cluster's kubeconfig, reads the cluster and says that the second pod's
 * request needs 2 devices and only 1 is usable, because the first pod's claim holds the other.
 */
class ExplainE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String DRIVER = "explain.e2e.dra4j.io";

  static Stream<String> versions() {
    return Clusters.versions();
  }

  private static String template(String ns, String name, int count) {
    return TestObjects.claimTemplate(ns, name, DRIVER, "count: " + count);
  }

  /** Runs the command in this process; returns its exit status, output and errors. */
  private record Run(int status, String out, String err) {
    static Run of(String... args) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          ExplainMain.run(
              List.of(args),
              Map.of(),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Run(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void explainsWhyTheRealSchedulerLeavesAPodPending(String version) {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "explain-" + suffix;
    String node = "explain-" + suffix;
    objects.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    DriverSchedulingE2E.applyOnce(objects, TestObjects.deviceClass(DRIVER));
    TestObjects.createNode(objects, node, ns);
    objects.apply(
        "{apiVersion: resource.k8s.io/v1, kind: ResourceSlice, metadata: {name: "
            + node
            + "-gpus}, spec: {driver: "
            + DRIVER
            + ", nodeName: "
            + node
            + ", pool: {name: "
            + node
            + ", generation: 0, resourceSliceCount: 1}, devices: [{name: gpu-0}, {name: gpu-1}]}}");
    objects.apply(template(ns, "one-gpu", 1));
    objects.apply(template(ns, "two-gpus", 2));

    objects.apply(TestObjects.pod(ns, "first", "one-gpu"));
    JsonObject firstClaim =
        DriverPrepareE2E.claimOf(objects, DriverPrepareE2E.awaitScheduled(objects, ns, "first"));
    String taken = string(array(firstClaim, "status.allocation.devices.results").get(0), "device");
    objects.apply(TestObjects.pod(ns, "second", "two-gpus"));
    TestObjects.awaitUnschedulable(objects, ns, "second", WAIT);
    JsonObject secondClaim =
        DriverPrepareE2E.claimOf(objects, objects.get("v1", "Pod", ns, "second"));
    String kubeconfig = cluster.kubeconfig().toString();

    Run pending = Run.of("--kubeconfig", kubeconfig, "--namespace", ns, "--pod", "second");

    assertThat(pending.status()).as(pending.err()).isZero();
    assertThat(pending.out())
        .startsWith(
            "pod "
                + ns
                + "/second\n  claim "
                + ns
                + "/"
                + TestObjects.name(secondClaim)
                + " (pod claim devices): pending\n")
        .contains("nodes: 1 of ", ", chosen by the pod's spec.nodeSelector")
        .contains(
            "node "
                + node
                + ": does not fit: claim "
                + ns
                + "/"
                + TestObjects.name(secondClaim)
                + " request gpu needs 2 device(s) of class "
                + DRIVER
                + ", 1 usable of 2 matching (1 in use)")
        .contains(
            DRIVER + "/" + node + "/" + taken + " by " + ns + "/" + TestObjects.name(firstClaim))
        .contains(
            "result: no node fits the pending claims (1 tried); node " + node + ": does not fit");

    Run allocated = Run.of("--kubeconfig", kubeconfig, "--namespace", ns, "--pod", "first");
    assertThat(allocated.status()).as(allocated.err()).isZero();
    assertThat(allocated.out())
        .contains("(pod claim devices): allocated: " + DRIVER + "/" + node + "/" + taken)
        .contains("result: every claim is allocated");

    Run json =
        Run.of(
            "--kubeconfig",
            kubeconfig,
            "--namespace",
            ns,
            "--claim",
            TestObjects.name(secondClaim),
            "--json");
    assertThat(json.status()).as(json.err()).isZero();
    JsonObject report = JsonParser.parseString(json.out()).getAsJsonObject();
    assertThat(report.get("fits").getAsBoolean()).isFalse();

    Run unknown = Run.of("--kubeconfig", kubeconfig, "--namespace", ns, "--pod", "missing");
    assertThat(unknown.status()).isEqualTo(ExplainMain.EXIT_UNREADABLE);
    assertThat(unknown.err())
        .contains("pod " + ns + "/missing not found at " + cluster.serverUrl());
  }
}
