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

import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.kubernetes.client.openapi.apis.ResourceV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.V1APIResource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ControlPlaneE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();

  static java.util.stream.Stream<String> versions() {
    return Clusters.versions();
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void controlPlaneServesThePinnedVersionWithResourceV1(String version) throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    System.out.printf(
        "Kubernetes %s control plane started in %d ms%n",
        cluster.binaries().kubernetesVersion(), cluster.startupTime().toMillis());

    var info = new VersionApi(cluster.adminClient()).getCode().execute();
    assertThat(info.getGitVersion()).isEqualTo("v" + cluster.binaries().kubernetesVersion());
    assertThat(info.getMajor() + "." + info.getMinor()).isEqualTo(version);

    var resources = new ResourceV1Api(cluster.adminClient()).getAPIResources().execute();
    assertThat(resources.getGroupVersion()).isEqualTo("resource.k8s.io/v1");
    assertThat(resources.getResources())
        .extracting(V1APIResource::getName)
        .contains("resourceslices", "resourceclaims", "resourceclaimtemplates", "deviceclasses");
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void adminKubeconfigVerifiesTheServerAndWritesObjects(String version) {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String ns = "cp-" + version.replace('.', '-');
    objects.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");

    JsonObject stored = objects.get("v1", "Namespace", "", ns);

    assertThat(stored.getAsJsonObject("metadata").get("uid").getAsString()).isNotBlank();
    assertThat(cluster.kubeconfig()).content().contains("certificate-authority:");
  }
}
