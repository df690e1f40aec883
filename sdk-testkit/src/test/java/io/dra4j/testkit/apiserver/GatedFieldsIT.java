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
package io.dra4j.testkit.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import org.junit.jupiter.api.Test;

/**
 * What kube-apiserver does with DRA fields whose feature gate is off, and its refusals of admin
 * access and empty constraints, as the differential suite found them on the real server.
 */
class GatedFieldsIT {
  private static final String SLICE =
      """
      apiVersion: resource.k8s.io/v1
      kind: ResourceSlice
      metadata: {name: s}
      spec:
        driver: gpu.example.com
        nodeName: node-1
        pool: {name: node-1, generation: 1, resourceSliceCount: 1}
        devices:
        - name: dev-0
          taints: [{key: example.com/broken, effect: NoSchedule}]
          bindingConditions: [attached]
          bindingFailureConditions: [attach-failed]
          allowMultipleAllocations: true
          capacity:
            memory: {value: 40Gi, requestPolicy: {default: 8Gi}}
      """;

  private static final String CLAIM =
      """
      apiVersion: resource.k8s.io/v1
      kind: ResourceClaim
      metadata: {name: c, namespace: default}
      spec:
        devices:
          requests:
          - name: gpu
            exactly:
              deviceClassName: gpu
              tolerations: [{key: example.com/broken, operator: Exists}]
              capacity: {requests: {memory: 16Gi}}
      """;

  /** A ResourceClaimTemplate {@code t} in {@code namespace} with these {@code devices} lines. */
  private static String template(String namespace, String devices) {
    return """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaimTemplate
        metadata: {name: t, namespace: %s}
        spec:
          spec:
            devices:
        """
            .formatted(namespace)
        + devices.indent(6);
  }

  private static FakeApiServer allGatesOff() {
    return FakeApiServer.start()
        .emulateMinorVersion(35)
        .featureGate("DRADeviceTaints", false)
        .featureGate("DRAConsumableCapacity", false)
        .featureGate("DRADeviceBindingConditions", false)
        .featureGate("DRAExtendedResource", false);
  }

  @Test
  void fieldsOfGatesThatAreOffAreDroppedBeforeStoring() {
    try (FakeApiServer api = allGatesOff()) {
      api.apply(SLICE);
      api.apply(CLAIM);
      api.apply(
          "{apiVersion: resource.k8s.io/v1, kind: DeviceClass, metadata: {name: gpu},"
              + " spec: {extendedResourceName: example.com/gpu}}");

      JsonObject device =
          JsonFields.objects(api.get("resourceslices", "", "s").orElseThrow(), "spec", "devices")
              .get(0);
      assertThat(device.keySet()).containsExactlyInAnyOrder("name", "capacity");
      assertThat(JsonFields.object(device, "capacity", "memory").orElseThrow().keySet())
          .containsExactly("value");
      JsonObject exactly =
          JsonFields.objects(
                  api.get("resourceclaims", "default", "c").orElseThrow(),
                  "spec",
                  "devices",
                  "requests")
              .get(0)
              .getAsJsonObject("exactly");
      assertThat(exactly.keySet()).containsExactly("deviceClassName");
      assertThat(JsonFields.object(api.get("deviceclasses", "", "gpu").orElseThrow(), "spec"))
          .hasValueSatisfying(s -> assertThat(s.has("extendedResourceName")).isFalse());
    }
  }

  @Test
  void withTheGatesOnTheFieldsAreKept() {
    try (FakeApiServer api = FakeApiServer.start().emulateMinorVersion(36)) {
      api.apply(SLICE);
      JsonObject device =
          JsonFields.objects(api.get("resourceslices", "", "s").orElseThrow(), "spec", "devices")
              .get(0);
      assertThat(device.keySet())
          .contains(
              "taints",
              "bindingConditions",
              "bindingFailureConditions",
              "allowMultipleAllocations");
    }
  }

  @Test
  void anUpdateKeepsTheFieldsTheStoredObjectAlreadyUses() {
    try (FakeApiServer api = FakeApiServer.start().emulateMinorVersion(35)) {
      api.apply(SLICE);
      allOff(api);
      api.apply(SLICE.replace("generation: 1", "generation: 2"));
      JsonObject device =
          JsonFields.objects(api.get("resourceslices", "", "s").orElseThrow(), "spec", "devices")
              .get(0);
      assertThat(device.keySet())
          .contains("taints", "bindingConditions", "allowMultipleAllocations");
    }
  }

  private static void allOff(FakeApiServer api) {
    api.featureGate("DRADeviceTaints", false)
        .featureGate("DRAConsumableCapacity", false)
        .featureGate("DRADeviceBindingConditions", false);
  }

  @Test
  void adminAccessIsRefusedForTheFirstAdminRequestUnderTheInternalPath() {
    try (FakeApiServer api = FakeApiServer.start()) {
      api.apply("{apiVersion: v1, kind: Namespace, metadata: {name: plain}}");
      String template =
          template(
              "plain",
              """
                requests:
                - {name: a, exactly: {deviceClassName: gpu}}
                - {name: b, exactly: {deviceClassName: gpu, adminAccess: true}}
                - {name: c, exactly: {deviceClassName: gpu, adminAccess: true}}
              """);
      assertThatThrownBy(() -> api.apply(template))
          .hasMessageContaining(
              "ResourceClaimTemplate.resource.k8s.io \"t\" is invalid:"
                  + " spec.devices.requests[1].adminAccess: Forbidden: admin access to devices"
                  + " requires the `resource.kubernetes.io/admin-access: true` label on the"
                  + " containing namespace")
          .hasMessageNotContaining("requests[2]")
          .hasMessageNotContaining("exactly.adminAccess");
    }
  }

  @Test
  void aConstraintWithoutAttributeIsRefused() {
    String template =
        template(
            "default",
            """
              requests: [{name: a, exactly: {deviceClassName: gpu, count: 2}}]
              constraints: [{distinctAttribute: gpu.example.com/model}]
            """);
    try (FakeApiServer api = allGatesOff()) {
      // DRAConsumableCapacity off: distinctAttribute is dropped and the constraint left empty.
      assertThatThrownBy(() -> api.apply(template))
          .hasMessageContaining("spec.spec.devices.constraints[0].matchAttribute: Required value");
    }
    try (FakeApiServer api = FakeApiServer.start()) {
      assertThat(api.apply(template)).hasSize(1);
      String empty =
          template.replace("{distinctAttribute: gpu.example.com/model}", "{requests: [a]}");
      assertThatThrownBy(() -> api.apply(empty))
          .hasMessageContaining("spec.spec.devices.constraints[0]: Required value: exactly one of");
    }
  }

  @Test
  void aSelectorThatDoesNotCompileInTheReleaseIsRefusedOnCreate() {
    String template =
        template(
            "default",
            """
              requests:
              - name: nic
                exactly:
                  deviceClassName: nic
                  selectors:
                  - cel: {expression: 'device.attributes["nic.example.com"].numa.includes(1)'}
            """);
    try (FakeApiServer api =
        FakeApiServer.start().emulateMinorVersion(37).featureGate("DRAListTypeAttributes", false)) {
      assertThatThrownBy(() -> api.apply(template))
          .hasMessageContaining(
              "spec.spec.devices.requests[0].exactly.selectors[0].cel.expression: Invalid value:")
          .hasMessageContaining("compilation failed");
    }
    try (FakeApiServer api = FakeApiServer.start().emulateMinorVersion(37)) {
      assertThat(api.apply(template)).hasSize(1);
    }
  }
}
