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

import static io.dra4j.conformance.TestObjects.string;

import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.AuthenticationV1TokenRequest;
import io.kubernetes.client.openapi.models.V1BoundObjectReference;
import io.kubernetes.client.openapi.models.V1TokenRequestSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A driver chart's RBAC objects as helm renders them, and tokens of its service account. */
final class ChartRbac {
  private static final Set<String> KINDS =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding");

  private ChartRbac() {}

  /**
   * The ServiceAccount, ClusterRole and ClusterRoleBinding of {@code drivers/<driver>/chart},
   * rendered for the cluster's Kubernetes version with {@code nameOverride=name}; without the
   * DaemonSet, which no kubelet would run here.
   */
  static List<JsonObject> render(
      Clusters clusters, ControlPlane cluster, String driver, String ns, String name)
      throws Exception {
    String manifests =
        clusters
            .helm()
            .template(
                Clusters.repoRoot().resolve("drivers/" + driver + "/chart"),
                driver + "-rbac",
                ns,
                cluster.binaries().kubernetesVersion(),
                Map.of("nameOverride", name));
    List<JsonObject> rbac =
        KubeObjects.parse(manifests).stream()
            .filter(o -> KINDS.contains(string(o, "kind")))
            .toList();
    if (rbac.size() != KINDS.size()) {
      throw new IllegalStateException(
          "the " + driver + " chart renders " + rbac.size() + " RBAC objects");
    }
    return rbac;
  }

  /**
   * A one-hour token of the service account; bound to {@code pod} when given, so that it carries
   * the pod's node as a DaemonSet pod's token does.
   */
  static String token(
      ControlPlane cluster, String ns, String serviceAccount, Optional<JsonObject> pod)
      throws Exception {
    V1TokenRequestSpec spec =
        new V1TokenRequestSpec().audiences(List.of()).expirationSeconds(3600L);
    pod.ifPresent(
        p ->
            spec.boundObjectRef(
                new V1BoundObjectReference()
                    .apiVersion("v1")
                    .kind("Pod")
                    .name(TestObjects.name(p))
                    .uid(TestObjects.uid(p))));
    return new CoreV1Api(cluster.adminClient())
        .createNamespacedServiceAccountToken(
            serviceAccount, ns, new AuthenticationV1TokenRequest().spec(spec))
        .execute()
        .getStatus()
        .getToken();
  }
}
