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

import org.junit.jupiter.api.Test;

class ApiPathsTest {

  @Test
  void aNamespacedResourceOfAnyDraVersionIsFoundAndAddressedInThatVersion() {
    ApiPaths.Resource claims =
        ApiPaths.resource("resource.k8s.io/v1beta2", "ResourceClaim").orElseThrow();

    assertThat(claims.hasStatus()).isTrue();
    assertThat(claims.collection("resource.k8s.io/v1beta2", "ml"))
        .isEqualTo("/apis/resource.k8s.io/v1beta2/namespaces/ml/resourceclaims");
  }

  @Test
  void aClusterScopedCoreResourceHasNoNamespaceInItsPath() {
    assertThat(ApiPaths.resource("v1", "Node").orElseThrow().collection("v1", ""))
        .isEqualTo(ApiPaths.NODES);
  }

  @Test
  void aKindOfAnotherGroupIsNotFound() {
    assertThat(ApiPaths.resource("apps/v1", "Pod")).isEmpty();
    assertThat(ApiPaths.resource("resource.k8s.io/v1", "Node")).isEmpty();
  }
}
