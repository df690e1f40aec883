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

import io.dra4j.testkit.junit.SampleDriver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** DeviceTaintRules, eviction and admin access through a whole cluster of each release. */
class ReleaseFeaturesIT {

  private static String rule(String apiVersion, String name, String device, String effect) {
    return """
        apiVersion: resource.k8s.io/%s
        kind: DeviceTaintRule
        metadata: {name: %s}
        spec:
          deviceSelector: {driver: sample.example.com, pool: node-1, device: %s}
          taint: {key: example.com/maintenance, effect: %s}
        """
        .formatted(apiVersion, name, device, effect);
  }

  private static int status(DraCluster cluster, String path)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    return http.send(
            HttpRequest.newBuilder(URI.create(cluster.api().url() + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static PodRun runOne(DraCluster cluster, String pod) {
    return cluster.runPod(PodSpec.pod(pod).claimFromTemplate("dev", "one-device").build());
  }

  @Test
  void noExecuteRuleEvictsTheRunningPodAndSteersNewOnes() throws Exception {
    try (DraCluster cluster =
        DraCluster.builder().provider(SampleDriver::new).kubernetesVersion("1.37").start()) {
      SampleDriver.applyClassAndTemplates(cluster);
      assertThat(status(cluster, "/apis/resource.k8s.io/v1/devicetaintrules")).isEqualTo(200);
      assertThat(status(cluster, "/apis/resource.k8s.io/v1alpha3/devicetaintrules")).isEqualTo(404);
      PodRun first = runOne(cluster, "first");
      assertThat(first.devices(SampleDriver.DRIVER).get(0).name()).isEqualTo("dev-0");

      cluster.apply(rule("v1", "drain-dev-0", "dev-0", "NoExecute"));

      assertThat(cluster.pod("default", "first")).isEmpty();
      assertThat(cluster.api().get("pods", "default", "first")).isEmpty();
      PodRun second = runOne(cluster, "second");
      assertThat(second.devices(SampleDriver.DRIVER).get(0).name()).isEqualTo("dev-1");
      PodRun third = runOne(cluster, "third");
      assertThat(third.running()).isFalse();
      assertThat(third.explainText()).contains("from DeviceTaintRule drain-dev-0");
    }
  }

  @Test
  void rulesAreServedInTheReleaseVersionAndHonouredOnlyWithTheirGates() throws Exception {
    try (DraCluster alpha =
        DraCluster.builder().provider(SampleDriver::new).kubernetesVersion("1.35").start()) {
      SampleDriver.applyClassAndTemplates(alpha);
      assertThat(status(alpha, "/apis/resource.k8s.io/v1alpha3/devicetaintrules")).isEqualTo(200);
      assertThat(status(alpha, "/apis/resource.k8s.io/v1/devicetaintrules")).isEqualTo(404);
      alpha.apply(rule("v1alpha3", "cordon-dev-0", "dev-0", "NoSchedule"));
      // DRADeviceTaints and DRADeviceTaintRules are alpha and off in 1.35: the rule is stored and
      // ignored.
      assertThat(runOne(alpha, "p").devices(SampleDriver.DRIVER).get(0).name()).isEqualTo("dev-0");
    }
    try (DraCluster beta =
        DraCluster.builder()
            .provider(SampleDriver::new)
            .kubernetesVersion("1.36")
            .featureGate("DRADeviceTaintRules", true)
            .start()) {
      SampleDriver.applyClassAndTemplates(beta);
      beta.apply(rule("v1beta2", "cordon-dev-0", "dev-0", "NoSchedule"));
      assertThat(runOne(beta, "p").devices(SampleDriver.DRIVER).get(0).name()).isEqualTo("dev-1");
    }
  }

  @Test
  void adminAccessNeedsTheNamespaceLabel() {
    String claim =
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaim
        metadata: {name: monitor, namespace: %s}
        spec:
          devices:
            requests:
            - name: all
              exactly: {deviceClassName: sample.example.com, allocationMode: All, adminAccess: true}
        """;
    try (DraCluster cluster = DraCluster.builder().provider(SampleDriver::new).start()) {
      SampleDriver.applyClassAndTemplates(cluster);
      cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: plain}\n");
      assertThatThrownBy(() -> cluster.apply(claim.formatted("plain")))
          .hasMessageContaining(
              "admin access to devices requires the `resource.kubernetes.io/admin-access: true`"
                  + " label");
      cluster.apply(
          """
          apiVersion: v1
          kind: Namespace
          metadata:
            name: ops
            labels: {resource.kubernetes.io/admin-access: "true"}
          """);
      assertThat(cluster.apply(claim.formatted("ops"))).hasSize(1);
      PodRun holder = runOne(cluster, "holder");
      PodRun monitor =
          cluster.runPod(
              """
              apiVersion: v1
              kind: Pod
              metadata: {name: monitor, namespace: ops}
              spec:
                containers: [{name: c, image: busybox}]
                resourceClaims: [{name: all, resourceClaimName: monitor}]
              """);
      assertThat(monitor.devices(SampleDriver.DRIVER)).hasSize(2);
      assertThat(holder.running()).isTrue();
    }
  }
}
