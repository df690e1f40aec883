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
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.status.ClaimStatusException;
import io.dra4j.api.status.DeviceCondition;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.driver.efa.EfaDeviceProvider;
import io.dra4j.runtime.internal.claimstatus.ClaimStatusPatcher;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.kubelet.PodPrepareResult;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ResourceClaim device status against the real API server: the EFA driver, prepared by the
 * simulated kubelet, writes each adapter's entry in {@code status.devices} (network data, RDMA
 * data, a Ready condition) and removes it on unprepare; from Kubernetes 1.36 a service account
 * holding the chart's rules, with a token bound to a pod on the driver's node, writes it, and loses
 * the write when either of the two rules is taken away.
 */
class ClaimDeviceStatusE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String EFA = EfaDeviceProvider.DRIVER;
  private static final String TEMPLATE = "efa-2";

  static Stream<String> versions() {
    return Clusters.versions();
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void efaAdaptersShowInTheClaimStatusAfterPrepareAndLeaveItOnUnprepare(String version)
      throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects admin = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "status-" + suffix;
    String node = "status-" + suffix + "-trn2";
    setUp(admin, ns, node);
    NodeFixture fixture =
        NodeFixtures.write("trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(node));

    try (NodeAgents agents =
        NodeAgents.start(
            cluster, node, fixture.hostPaths(), Map.of(), List.of(new EfaDeviceProvider()))) {
      JsonObject claim = prepareOnePod(admin, agents, ns, node, "rdma");

      // What "kubectl get resourceclaim -o yaml" shows: the claim as the API server returns it.
      JsonObject read =
          admin.get("resource.k8s.io/v1", "ResourceClaim", ns, TestObjects.name(claim));
      assertEfaStatus(read);

      assertThat(agents.unprepare(podOf(admin, ns, "rdma")).succeeded()).isTrue();
      JsonObject after =
          admin.get("resource.k8s.io/v1", "ResourceClaim", ns, TestObjects.name(claim));
      assertThat(array(after, "status.devices")).as("status.devices after unprepare").isEmpty();
      assertThat(array(after, "status.allocation.devices.results")).hasSize(2);
    }
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void onKubernetes136TheChartsTwoRulesAreBothNeededToWriteStatus(String version) throws Exception {
    int minor = Integer.parseInt(version.substring(version.indexOf('.') + 1));
    Assumptions.assumeTrue(
        minor >= 36, "granular claim status authorization exists from Kubernetes 1.36");
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects admin = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "status-rbac-" + suffix;
    String node = "status-rbac-" + suffix + "-trn2";
    String name = "efa-status-" + suffix;
    setUp(admin, ns, node);
    List<JsonObject> rbac = ChartRbac.render(CLUSTERS, cluster, "efa", ns, name);
    JsonObject role =
        rbac.stream()
            .filter(o -> string(o, "kind").equals("ClusterRole"))
            .findFirst()
            .orElseThrow();
    assertThat(array(role, "rules"))
        .as("the chart's rules on %s", version)
        .anySatisfy(r -> assertThat(r.toString()).contains("resourceclaims/status"))
        .anySatisfy(
            r ->
                assertThat(r.toString())
                    .contains("resourceclaims/driver")
                    .contains("associated-node:patch")
                    .contains(EFA));
    rbac.forEach(admin::create);
    Supplier<ApiClient> driverClients = nodeBoundClients(cluster, admin, ns, name, node);
    NodeFixture fixture =
        NodeFixtures.write("trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(node));

    try (NodeAgents agents =
        NodeAgents.start(
            driverClients, node, fixture.hostPaths(), Map.of(), List.of(new EfaDeviceProvider()))) {
      JsonObject claim = prepareOnePod(admin, agents, ns, node, "rdma");
      JsonObject read =
          admin.get("resource.k8s.io/v1", "ResourceClaim", ns, TestObjects.name(claim));
      assertEfaStatus(read);

      ClaimStatusPatcher asDriver =
          new ClaimStatusPatcher(KubeClient.of(driverClients.get()), EFA, Clock.systemUTC());
      ClaimRef ref = new ClaimRef(ns, TestObjects.name(claim), TestObjects.uid(claim));
      JsonObject first = array(read, "status.devices").get(0);
      AllocatedDevice device =
          AllocatedDevice.of("gpu", string(first, "pool"), string(first, "device"));

      JsonArray allRules = role.getAsJsonArray("rules");
      replaceRules(admin, role, allRules, "resourceclaims/driver");
      String withoutDriverRule = awaitRefused(asDriver, ref, device);
      assertThat(withoutDriverRule)
          .as("the API server's own refusal")
          .contains("HTTP 422")
          .contains("changing status.devices requires");

      replaceRules(admin, role, allRules, "resourceclaims/status");
      String withoutStatusRule = awaitRefused(asDriver, ref, device);
      assertThat(withoutStatusRule)
          .contains("HTTP 403")
          .contains("cannot patch resource \"resourceclaims/status\"");

      replaceRules(admin, role, allRules, "none");
      await()
          .atMost(WAIT)
          .ignoreExceptionsInstanceOf(ClaimStatusException.class)
          .untilAsserted(
              () ->
                  asDriver.setCondition(
                      ref,
                      device,
                      DeviceCondition.of(
                          "efa.networking.k8s.aws/attached",
                          DeviceCondition.Status.TRUE,
                          "Attached",
                          "")));
      assertThat(
              array(
                  admin.get("resource.k8s.io/v1", "ResourceClaim", ns, TestObjects.name(claim)),
                  "status.devices"))
          .anySatisfy(e -> assertThat(e.toString()).contains("efa.networking.k8s.aws/attached"));
    }
  }

  private static void setUp(KubeObjects admin, String ns, String node) throws Exception {
    admin.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    DriverSchedulingE2E.applyOnce(
        admin, java.nio.file.Files.readString(DriverSchedulingE2E.deployFile("efa")));
    admin.apply(TestObjects.claimTemplate(ns, TEMPLATE, EFA, "count: 2"));
    TestObjects.createNode(admin, node, ns);
  }

  /** Runs a pod on the node, waits for the driver's slice and the scheduler, prepares its claim. */
  private static JsonObject prepareOnePod(
      KubeObjects admin, NodeAgents agents, String ns, String node, String podName) {
    await().atMost(WAIT).until(() -> !TestObjects.slices(admin, EFA, node).isEmpty());
    admin.apply(TestObjects.pod(ns, podName, TEMPLATE));
    JsonObject pod = DriverPrepareE2E.awaitScheduled(admin, ns, podName);
    assertThat(string(pod, "spec.nodeName")).isEqualTo(node);
    JsonObject claim = DriverPrepareE2E.claimOf(admin, pod);
    PodPrepareResult prepared = agents.prepare(pod, List.of(claim));
    assertThat(prepared.succeeded()).as(prepared.eventMessage()).isTrue();
    return claim;
  }

  private static JsonObject podOf(KubeObjects admin, String ns, String name) {
    return admin.get("v1", "Pod", ns, name);
  }

  private static void assertEfaStatus(JsonObject claim) {
    List<JsonObject> results = array(claim, "status.allocation.devices.results");
    List<JsonObject> devices = array(claim, "status.devices");
    assertThat(devices).as("status.devices of %s", claim).hasSize(2);
    for (JsonObject d : devices) {
      assertThat(string(d, "driver")).isEqualTo(EFA);
      assertThat(results)
          .anySatisfy(
              r -> {
                assertThat(string(r, "pool")).isEqualTo(string(d, "pool"));
                assertThat(string(r, "device")).isEqualTo(string(d, "device"));
              });
      String rdma = string(d, "networkData.interfaceName");
      assertThat(rdma).startsWith("rdmap");
      assertThat(string(d, "data.rdmaDevice")).isEqualTo(rdma);
      assertThat(string(d, "data.verbsDevice")).startsWith("/dev/infiniband/uverbs");
      List<JsonObject> conditions = array(d, "conditions");
      assertThat(conditions)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(string(c, "type")).isEqualTo("Ready");
                assertThat(string(c, "status")).isEqualTo("True");
                assertThat(string(c, "lastTransitionTime")).isNotEmpty();
              });
    }
  }

  /**
   * Clients with a token of the service account bound to a pod on {@code node}, as the driver's
   * DaemonSet pod has: the API server then knows the node the driver runs on.
   */
  private static Supplier<ApiClient> nodeBoundClients(
      ControlPlane cluster, KubeObjects admin, String ns, String serviceAccount, String node)
      throws Exception {
    JsonObject pod =
        admin
            .apply(
                "{apiVersion: v1, kind: Pod, metadata: {name: driver, namespace: "
                    + ns
                    + "}, spec: {nodeName: "
                    + node
                    + ", serviceAccountName: "
                    + serviceAccount
                    + ", containers: [{name: driver, image: registry.k8s.io/pause:3.10}]}}")
            .get(0);
    String token = ChartRbac.token(cluster, ns, serviceAccount, Optional.of(pod));
    return () -> cluster.client(token);
  }

  /** Replaces the role's rules with all but those naming {@code dropped} (a resource). */
  private static void replaceRules(
      KubeObjects admin, JsonObject role, JsonArray rules, String dropped) {
    JsonObject changed =
        admin.get("rbac.authorization.k8s.io/v1", "ClusterRole", "", TestObjects.name(role));
    JsonArray kept = new JsonArray();
    for (int i = 0; i < rules.size(); i++) {
      if (!rules.get(i).toString().contains("\"" + dropped + "\"")) {
        kept.add(rules.get(i).deepCopy());
      }
    }
    changed.add("rules", kept);
    admin.replace(changed);
  }

  /** Waits until the RBAC change reaches the API server's authorizer; returns the refusal. */
  private static String awaitRefused(ClaimStatusPatcher asDriver, ClaimRef ref, AllocatedDevice d) {
    String[] refusal = new String[1];
    await()
        .atMost(WAIT)
        .until(
            () -> {
              try {
                // A new reason each round: an unchanged entry would send nothing.
                asDriver.setCondition(
                    ref,
                    d,
                    DeviceCondition.of(
                        "Ready", DeviceCondition.Status.TRUE, "Round" + System.nanoTime(), ""));
                return false;
              } catch (ClaimStatusException e) {
                refusal[0] = e.getMessage();
                return true;
              }
            });
    return refusal[0];
  }
}
