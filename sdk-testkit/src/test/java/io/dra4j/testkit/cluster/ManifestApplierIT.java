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
package io.dra4j.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Applying YAML through the API server over HTTP, as the cluster's {@code apply} does. */
class ManifestApplierIT {
  private FakeApiServer api;
  private ManifestApplier manifests;

  @BeforeEach
  void start() {
    api = FakeApiServer.start();
    manifests = new ManifestApplier(new ApiRest(api.url()));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static String deviceClass(String name, String expression) {
    return """
        apiVersion: resource.k8s.io/v1
        kind: DeviceClass
        metadata: {name: %s}
        spec:
          selectors:
          - cel: {expression: '%s'}
        """
        .formatted(name, expression);
  }

  @Test
  void anAppliedClaimKeepsTheStatusItCarriesAndLandsInNamespaceDefault() {
    manifests.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaim
        metadata: {name: pre-allocated}
        spec:
          devices:
            requests:
            - name: dev
              exactly: {deviceClassName: gpu}
        status:
          allocation:
            devices:
              results:
              - {request: dev, driver: gpu.example.com, pool: node-1, device: gpu-0}
        """);

    JsonObject stored = api.get("resourceclaims", "default", "pre-allocated").orElseThrow();
    assertThat(JsonFields.objects(stored, "status", "allocation", "devices", "results"))
        .extracting(r -> JsonFields.string(r, "device"))
        .containsExactly("gpu-0");
  }

  @Test
  void applyingAnObjectAgainReplacesIt() {
    JsonObject first = manifests.apply(deviceClass("gpu", "true")).get(0);

    JsonObject second = manifests.apply(deviceClass("gpu", "false")).get(0);

    assertThat(JsonFields.string(second, "metadata", "uid"))
        .isEqualTo(JsonFields.string(first, "metadata", "uid"));
    JsonObject stored = api.get("deviceclasses", "", "gpu").orElseThrow();
    assertThat(JsonFields.objects(stored, "spec", "selectors"))
        .extracting(s -> JsonFields.string(s, "cel", "expression"))
        .containsExactly("false");
  }

  @Test
  void everyItemOfAListIsApplied() {
    List<JsonObject> applied =
        manifests.apply(
            """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: resource.k8s.io/v1, kind: DeviceClass, metadata: {name: a}, spec: {}}
            - {apiVersion: resource.k8s.io/v1, kind: DeviceClass, metadata: {name: b}, spec: {}}
            """);

    assertThat(applied).hasSize(2);
    assertThat(api.list("deviceclasses"))
        .extracting(c -> JsonFields.string(c, "metadata", "name"))
        .containsExactly("a", "b");
  }

  @Test
  void aKindTheClusterDoesNotApplyIsRefusedWithTheKindsItApplies() {
    assertThatThrownBy(
            () ->
                manifests.apply(
                    "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot apply apps/v1 Deployment")
        .hasMessageContaining("resource.k8s.io/DeviceClass");
  }

  @Test
  void anObjectTheApiServerRejectsIsRefusedWithTheServersReason() {
    assertThatThrownBy(
            () ->
                manifests.apply(
                    """
                    apiVersion: resource.k8s.io/v1
                    kind: ResourceSlice
                    metadata: {name: no-driver}
                    spec: {nodeName: node-1, pool: {name: p, generation: 1, resourceSliceCount: 1}}
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot apply ResourceSlice no-driver")
        .hasMessageContaining("HTTP 422")
        .hasMessageContaining("fix the object and apply it again");
  }

  @Test
  void aMisIndentedConstraintInATemplateIsRefusedNamingItsPath() {
    String template =
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaimTemplate
        metadata: {name: aligned}
        spec:
          spec:
            devices:
              requests:
              - name: neuron
                exactly: {deviceClassName: neuron.aws.com, count: 4}
              - name: efa
                exactly: {deviceClassName: efa.networking.k8s.aws, count: 4}
                constraints:
                - matchAttribute: resource.aws.com/devicegroup4_id
        """;

    assertThatThrownBy(() -> manifests.apply(template))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot apply ResourceClaimTemplate default/aligned")
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining(
            ".spec.spec.devices.requests[1].constraints: field not declared in schema");
    assertThat(api.get("resourceclaimtemplates", "default", "aligned")).isEmpty();

    // Indented under devices, where the API declares it, the same template is stored.
    manifests.apply(
        template.replace(
            "        constraints:\n        - matchAttribute",
            "      constraints:\n      - matchAttribute"));
    assertThat(api.get("resourceclaimtemplates", "default", "aligned")).isPresent();
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedOnEveryWayIn() {
    String claim =
        """
        {apiVersion: resource.k8s.io/v1, kind: ResourceClaim, metadata: {name: c},
         spec: {devices: {requests: [{name: g, exactly: {deviceClassName: gpu, count: four}}]}}}
        """;
    assertThatThrownBy(() -> manifests.apply(claim))
        .hasMessageContaining(
            ".spec.devices.requests[0].exactly.count: expected integer, got string \"four\"");
    assertThatThrownBy(() -> api.apply(claim))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("400 BadRequest")
        .hasMessageContaining(".spec.devices.requests[0].exactly.count: expected integer");
  }
}
