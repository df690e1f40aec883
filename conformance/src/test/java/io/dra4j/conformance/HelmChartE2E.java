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
import static io.dra4j.conformance.TestObjects.at;
import static io.dra4j.conformance.TestObjects.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drivers' Helm charts, rendered by a real {@code helm template}, are accepted by a real API
 * server object by object, and stored as rendered.
 */
class HelmChartE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();

  static Stream<Arguments> chartsOnVersions() {
    return Clusters.versions()
        .flatMap(v -> Stream.of(Arguments.of(v, "neuron"), Arguments.of(v, "efa")));
  }

  /** A rendered chart, as created in the API server. */
  private record Installed(List<JsonObject> rendered, List<JsonObject> stored) {}

  /**
   * Renders {@code driver}'s chart with {@code values} (plus names unique to this test) and creates
   * every object it renders in a fresh namespace.
   */
  private static Installed install(
      ControlPlane cluster, String driver, String tag, Map<String, String> values) {
    KubeObjects admin = KubeObjects.of(cluster.adminClient());
    String name =
        driver + "-helm-" + tag + "-" + cluster.binaries().minorVersion().replace('.', '-');
    admin.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + name + "}}");
    Map<String, String> all = new LinkedHashMap<>(values);
    all.put("nameOverride", name);
    all.put("deviceClass.name", name + ".e2e.dra4j.io");
    String manifests =
        CLUSTERS
            .helm()
            .template(
                Clusters.repoRoot().resolve(Path.of("drivers", driver, "chart")),
                "release-" + tag,
                name,
                cluster.binaries().kubernetesVersion(),
                all);
    List<JsonObject> rendered = KubeObjects.parse(manifests);
    List<JsonObject> stored = new ArrayList<>();
    for (JsonObject object : rendered) {
      stored.add(admin.create(object));
    }
    return new Installed(rendered, stored);
  }

  private static JsonObject ofKind(List<JsonObject> objects, String kind) {
    return objects.stream()
        .filter(o -> string(o, "kind").equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + objects));
  }

  @ParameterizedTest(name = "{1} chart on Kubernetes {0}")
  @MethodSource("chartsOnVersions")
  void chartWithDefaultValuesIsAcceptedObjectByObject(String version, String driver) {
    ControlPlane cluster = CLUSTERS.get(version);
    Installed installed = install(cluster, driver, "defaults", Map.of());

    assertThat(installed.rendered())
        .extracting(o -> string(o, "kind"))
        .containsExactlyInAnyOrder(
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "DaemonSet", "DeviceClass");
    assertThat(installed.stored())
        .allSatisfy(o -> assertThat(TestObjects.uid(o)).isNotEmpty())
        .extracting(TestObjects::name)
        .containsExactlyElementsOf(installed.rendered().stream().map(TestObjects::name).toList());

    JsonObject daemonSet = ofKind(installed.stored(), "DaemonSet");
    JsonObject renderedDaemonSet = ofKind(installed.rendered(), "DaemonSet");
    assertThat(array(daemonSet, "spec.template.spec.containers"))
        .extracting(c -> string(c, "image"))
        .containsExactlyElementsOf(
            array(renderedDaemonSet, "spec.template.spec.containers").stream()
                .map(c -> string(c, "image"))
                .toList());
    assertThat(array(daemonSet, "spec.template.spec.volumes"))
        .extracting(v -> string(v, "name"))
        .isNotEmpty()
        .containsExactlyElementsOf(
            array(renderedDaemonSet, "spec.template.spec.volumes").stream()
                .map(v -> string(v, "name"))
                .toList());
    // The readiness probe holds the old pod of a rolling update until the new one is registered.
    assertThat(array(daemonSet, "spec.template.spec.containers"))
        .extracting(c -> string(c, "readinessProbe.httpGet.path"))
        .containsExactly("/readyz");
    assertThat(string(daemonSet, "spec.updateStrategy.rollingUpdate.maxSurge")).isEqualTo("10%");
    assertThat(string(daemonSet, "spec.template.spec.serviceAccountName"))
        .isEqualTo(TestObjects.name(ofKind(installed.stored(), "ServiceAccount")));

    JsonObject deviceClass = ofKind(installed.stored(), "DeviceClass");
    assertThat(array(deviceClass, "spec.selectors"))
        .extracting(s -> string(s, "cel.expression"))
        .containsExactlyElementsOf(
            array(ofKind(installed.rendered(), "DeviceClass"), "spec.selectors").stream()
                .map(s -> string(s, "cel.expression"))
                .toList());
    assertThat(at(deviceClass, "spec.extendedResourceName")).isEmpty();

    JsonObject binding = ofKind(installed.stored(), "ClusterRoleBinding");
    assertThat(string(binding, "roleRef.name"))
        .isEqualTo(TestObjects.name(ofKind(installed.stored(), "ClusterRole")));
  }

  @ParameterizedTest(name = "{1} chart on Kubernetes {0}")
  @MethodSource("chartsOnVersions")
  void extendedResourceNameIsStoredWhereDraExtendedResourceIsEnabled(
      String version, String driver) {
    Map<String, String> values = Map.of("deviceClass.extendedResourceName.enabled", "true");
    Installed shared = install(CLUSTERS.get(version), driver, "gate-default", values);
    JsonObject byDefault = ofKind(shared.stored(), "DeviceClass");
    if (Clusters.minor(version) >= 36) {
      // DRAExtendedResource is beta and on by default in 1.36, GA in 1.37: the shared clusters
      // store the field, and there is no gate left to turn on.
      assertThat(string(byDefault, "spec.extendedResourceName"))
          .contains("/")
          .isEqualTo(string(ofKind(shared.rendered(), "DeviceClass"), "spec.extendedResourceName"));
      return;
    }
    // Up to 1.35 the gate is alpha and off in the shared clusters: the API server accepts the
    // DeviceClass and drops the field, as it does for every disabled feature's fields.
    assertThat(at(byDefault, "spec.extendedResourceName")).isEmpty();

    try (ControlPlane cluster =
        ControlPlane.builder(CLUSTERS.binaries(version))
            .workDir(Clusters.workDir().resolve("extended-resource"))
            .featureGate("DRAExtendedResource", true)
            .start()) {
      Installed installed = install(cluster, driver, "gate-on", values);
      JsonObject rendered = ofKind(installed.rendered(), "DeviceClass");
      JsonObject stored = ofKind(installed.stored(), "DeviceClass");
      assertThat(string(rendered, "spec.extendedResourceName")).contains("/");
      assertThat(string(stored, "spec.extendedResourceName"))
          .isEqualTo(string(rendered, "spec.extendedResourceName"));
    }
  }
}
