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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.dra4j.api.device.Resources;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjectException;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.runtime.ConfigurationException;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.fixtures.RecordingDriverContext;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Neuron driver's chart RBAC (rendered by helm) is enough, and only enough: a service account
 * bound to the chart's ClusterRole passes the runtime's start-up RBAC check (its
 * SelfSubjectAccessReviews are allowed by the built-in system:basic-user role), publishes the
 * driver's slices through the runtime, and is refused writes the driver never needs; a role missing
 * one rule is refused at start with that rule named.
 */
class DriverRbacE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DRIVER = "partial.e2e.dra4j.io";
  private static final Set<String> RBAC_KINDS =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding");

  static Stream<String> versions() {
    return Clusters.versions();
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void serviceAccountWithTheChartsRolePublishesSlicesAndNothingElse(String version)
      throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects admin = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "neuron-rbac-" + suffix;
    String node = "rbac-" + suffix;
    String name = "neuron-dra-" + suffix;
    admin.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    List<JsonObject> rbac = ChartRbac.render(CLUSTERS, cluster, "neuron", ns, name);
    assertThat(rbac).extracting(o -> string(o, "kind")).hasSameElementsAs(RBAC_KINDS);
    rbac.forEach(admin::create);
    TestObjects.createNode(admin, node, ns);
    String token = ChartRbac.token(cluster, ns, name, Optional.empty());
    ApiClient driverClient = cluster.client(token);

    RecordingDriverContext context =
        RecordingDriverContext.forFixture(
                NodeFixtures.write(
                    "trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(node)))
            .nodeName(node)
            .build();
    NeuronDeviceProvider provider = new NeuronDeviceProvider();
    provider.start(context);
    List<Resources> published = context.published();
    // The runtime's RBAC check passes with the chart's role once RBAC has seen the new binding.
    await()
        .atMost(WAIT)
        .ignoreException(ConfigurationException.class)
        .until(
            () -> {
              KubeBackend.connect(driverClient, provider.driverName(), node).close();
              return true;
            });
    try (KubeBackend kube = KubeBackend.connect(driverClient, provider.driverName(), node)) {
      SlicePublisher publisher = kube.publisher();
      publisher.publish(published.get(published.size() - 1));
      assertThat(publisher.awaitSynced(WAIT)).as(publisher.stats().toString()).isTrue();
    } finally {
      provider.close();
    }
    assertThat(TestObjects.slices(admin, provider.driverName(), node))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(array(s, "spec.devices")).hasSize(16);
              assertThat(string(array(s, "metadata.ownerReferences").get(0), "name"))
                  .isEqualTo(node);
            });

    KubeObjects driver = KubeObjects.of(driverClient);
    assertThatThrownBy(
            () ->
                driver.apply(
                    "{apiVersion: resource.k8s.io/v1, kind: DeviceClass, metadata: {name: rogue-"
                        + suffix
                        + "}, spec: {}}"))
        .isInstanceOfSatisfying(
            KubeObjectException.class, e -> assertThat(e.code()).isEqualTo(403));
    assertThatThrownBy(() -> driver.apply(TestObjects.pod(ns, "rogue", "none")))
        .isInstanceOfSatisfying(
            KubeObjectException.class, e -> assertThat(e.code()).isEqualTo(403));
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void aRoleMissingARuleIsRefusedAtStartWithThatRuleNamed(String version) throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects admin = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "rbac-partial-" + suffix;
    String name = "partial-dra-" + suffix;
    String node = "rbac-partial-" + suffix;
    admin.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    admin.apply(
        "{apiVersion: v1, kind: ServiceAccount, metadata: {name: "
            + name
            + ", namespace: "
            + ns
            + "}}");
    // The charts' rules without delete on resourceslices.
    admin.apply(
        "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: "
            + name
            + "}, rules: ["
            + "{apiGroups: [''], resources: [nodes], verbs: [get]},"
            + "{apiGroups: [resource.k8s.io], resources: [resourceclaims],"
            + " verbs: [get, list, watch]},"
            + "{apiGroups: [resource.k8s.io], resources: [resourceslices],"
            + " verbs: [get, list, watch, create, update]}]}");
    admin.apply(
        "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: "
            + name
            + "}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "
            + name
            + "}, subjects: [{kind: ServiceAccount, name: "
            + name
            + ", namespace: "
            + ns
            + "}]}");
    TestObjects.createNode(admin, node, ns);
    ApiClient driverClient = cluster.client(ChartRbac.token(cluster, ns, name, Optional.empty()));

    // RBAC takes a moment to see a new binding: until then every permission is missing.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> KubeBackend.connect(driverClient, DRIVER, node).close())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("lack a permission the runtime needs")
                    .hasMessageContaining("delete resourceslices.resource.k8s.io")
                    .hasMessageContaining(
                        "  - apiGroups: [\"resource.k8s.io\"]\n"
                            + "    resources: [\"resourceslices\"]\n"
                            + "    verbs: [delete]\n"));
  }
}
