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
package io.dra4j.runtime.internal.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RbacRulesTest {

  @Test
  void verbsOfOneResourceShareOneRule() {
    String yaml =
        RbacRules.yaml(
            List.of(
                ApiPermission.required("resource.k8s.io", "resourceslices", "create", "x"),
                ApiPermission.required("resource.k8s.io", "resourceslices", "delete", "x"),
                ApiPermission.required("", "nodes", "get", "x").on("node-a")));

    assertThat(yaml)
        .isEqualTo(
            "  - apiGroups: [\"resource.k8s.io\"]\n"
                + "    resources: [\"resourceslices\"]\n"
                + "    verbs: [create, delete]\n"
                + "  - apiGroups: [\"\"]\n"
                + "    resources: [\"nodes\"]\n"
                + "    verbs: [get]\n");
  }

  @Test
  void subresourcesAndNamedObjectsAreWrittenAsRbacWantsThem() {
    String yaml =
        RbacRules.yaml(
            List.of(
                ApiPermission.optional("resource.k8s.io", "resourceclaims/status", "patch", "x"),
                ApiPermission.required("coordination.k8s.io", "leases", "update", "x")
                    .onlyOn("gpu-leader")));

    assertThat(yaml)
        .contains("    resources: [\"resourceclaims/status\"]\n    verbs: [patch]\n")
        .contains(
            "    resources: [\"leases\"]\n"
                + "    resourceNames: [\"gpu-leader\"]\n"
                + "    verbs: [update]\n");
  }

  @Test
  void aSubresourceIsSplitFromItsResource() {
    ApiPermission p =
        ApiPermission.optional("resource.k8s.io", "resourceclaims/status", "patch", "x");

    assertThat(p.resource()).isEqualTo("resourceclaims");
    assertThat(p.subresource()).isEqualTo("status");
    assertThat(p.describe()).isEqualTo("patch resourceclaims.resource.k8s.io --subresource=status");
  }

  @Test
  void theRefusalNamesEveryMissingPermissionAndTheRules() {
    String message =
        PermissionCheck.refusal(
            "gpu.example.com",
            List.of(
                ApiPermission.required("resource.k8s.io", "resourceslices", "delete", "publishing"),
                ApiPermission.required("", "nodes", "get", "owner").on("node-a")));

    assertThat(message)
        .startsWith("the Kubernetes credentials of driver gpu.example.com lack 2 permissions")
        .contains("delete resourceslices.resource.k8s.io [publishing]")
        .contains("get nodes (node-a) [owner]")
        .contains("Add these rules to the ClusterRole")
        .contains("verbs: [delete]");
  }

  @Test
  void aDriverOnANodeNeedsItsNodeAndAClusterPublisherDoesNot() {
    assertThat(RuntimePermissions.of("node-a"))
        .anySatisfy(
            p -> {
              assertThat(p.resource()).isEqualTo("nodes");
              assertThat(p.name()).contains("node-a");
              assertThat(p.nameInRule()).isFalse();
            });
    assertThat(RuntimePermissions.of("")).noneMatch(p -> p.resource().equals("nodes"));
    assertThat(RuntimePermissions.of(""))
        .extracting(ApiPermission::describe)
        .contains("watch resourceclaims.resource.k8s.io", "update resourceslices.resource.k8s.io");
  }

  @Test
  void aPermissionNeedsEveryPart() {
    assertThatThrownBy(() -> ApiPermission.required(null, "nodes", "get", "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("group");
  }
}
