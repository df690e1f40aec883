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
package io.dra4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.runtime.ConfigurationException;
import io.dra4j.runtime.internal.kube.ApiClients;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.dra4j.runtime.internal.rbac.ApiPermission;
import io.dra4j.runtime.internal.rbac.PermissionCheck;
import io.dra4j.runtime.internal.rbac.RuntimePermissions;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.apiserver.Outage;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ResourceV1Api;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime's start-up RBAC check against the in-memory API server's authorization. */
class PermissionCheckIT {
  private static final String DRIVER = "gpu.example.com";

  private FakeApiServer api;
  private ApiClient client;

  @BeforeEach
  void start() {
    api = FakeApiServer.start();
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    client = api.client();
  }

  @AfterEach
  void stop() {
    ApiClients.release(client);
    api.close();
  }

  @Test
  void everythingAllowedStarts() {
    try (KubeBackend kube = KubeBackend.connect(client, DRIVER, "node-a")) {
      assertThat(kube.resourceApiVersion()).contains("v1");
    }
  }

  @Test
  void missingPermissionsAreOneErrorNamingEachAndTheRulesToAdd() {
    api.authorization().deny("delete", "resourceslices").deny("get", "nodes");

    assertThatThrownBy(() -> KubeBackend.connect(client, DRIVER, "node-a"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("driver gpu.example.com lack 2 permissions")
        .hasMessageContaining("get nodes (node-a)")
        .hasMessageContaining("delete resourceslices.resource.k8s.io")
        .hasMessageContaining(
            "  - apiGroups: [\"\"]\n    resources: [\"nodes\"]\n    verbs: [get]\n")
        .hasMessageContaining(
            "  - apiGroups: [\"resource.k8s.io\"]\n"
                + "    resources: [\"resourceslices\"]\n"
                + "    verbs: [delete]\n");
  }

  @Test
  void aMissingOptionalPermissionOnlyWarns() {
    api.authorization().deny("patch", "resourceclaims/status");
    List<ApiPermission> needed = new ArrayList<>(RuntimePermissions.of("node-a"));
    needed.add(
        ApiPermission.optional("resource.k8s.io", "resourceclaims/status", "patch", "status"));

    PermissionCheck.Outcome outcome =
        PermissionCheck.enforce(KubeClient.of(client), DRIVER, needed);

    assertThat(outcome.missingRequired()).isEmpty();
    assertThat(outcome.missingOptional())
        .extracting(ApiPermission::describe)
        .containsExactly("patch resourceclaims.resource.k8s.io --subresource=status");
  }

  @Test
  void aServerThatCannotAnswerSkipsTheCheck() {
    api.authorization().deny("list", "resourceslices");
    api.faults().outage(Outage.UNAVAILABLE);

    PermissionCheck.Outcome outcome =
        PermissionCheck.enforce(KubeClient.of(client), DRIVER, RuntimePermissions.of("node-a"));

    assertThat(outcome.missingRequired()).isEmpty();
  }

  @Test
  void aDeniedRequestGetsForbidden() {
    api.authorization().deny("list", "resourceslices");

    assertThatThrownBy(() -> new ResourceV1Api(client).listResourceSlice().execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(403);
              assertThat(e.getResponseBody())
                  .contains("cannot list resource \\\"resourceslices\\\"");
            });
    api.authorization().allowAll();
    assertThat(
            PermissionCheck.enforce(KubeClient.of(client), DRIVER, RuntimePermissions.of("node-a")))
        .isEqualTo(new PermissionCheck.Outcome(List.of(), List.of()));
  }
}
