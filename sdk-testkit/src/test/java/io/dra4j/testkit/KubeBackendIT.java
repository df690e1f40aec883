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

import com.sun.net.httpserver.HttpServer;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.kube.ApiClients;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

// Looks for the threads of closed backends in the whole JVM: nothing may run beside it.
@Isolated
class KubeBackendIT {
  private final FakeApiServer api = FakeApiServer.start();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void explicitKubeconfigIsUsed(@TempDir Path dir) throws Exception {
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    KubeClient client = KubeBackend.client(Optional.of(api.writeKubeconfig(dir.resolve("cfg"))));

    assertThat(client.basePath()).isEqualTo(api.url());
    assertThat(
            JsonFields.string(
                client.execute(client.get("/api/v1/nodes/node-a")), "metadata", "name"))
        .isEqualTo("node-a");
    client.release();
  }

  @Test
  void unreadableKubeconfigNamesTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(() -> KubeBackend.client(Optional.of(missing)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("--kubeconfig");
  }

  /** Connects to a server that gives every request the same answer; returns the error. */
  private static IllegalStateException connectToServerAnswering(int code, String json)
      throws Exception {
    HttpServer old =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    old.createContext(
        "/",
        ex -> {
          byte[] body = json.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(code, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    old.start();
    try {
      ApiClient client = new ApiClient();
      client.setBasePath("http://127.0.0.1:" + old.getAddress().getPort());
      try {
        KubeBackend.connectOwned(client, "gpu.example.com", "node-a").close();
      } catch (IllegalStateException e) {
        return e;
      }
      throw new AssertionError("connect succeeded against a server answering " + json);
    } finally {
      old.stop(0);
    }
  }

  @Test
  void clusterWithoutResourceV1IsRejectedNamingTheVersionNeeded() throws Exception {
    IllegalStateException e =
        connectToServerAnswering(
            404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}");

    assertThat(e)
        .hasMessageContaining("does not serve resource.k8s.io/v1")
        .hasMessageContaining("tried v1, v1beta2, v1beta1")
        .hasMessageContaining("Kubernetes 1.34 or newer");
  }

  @Test
  void clusterWithOnlyAnAlphaVersionIsRejectedNamingWhatItServes() throws Exception {
    IllegalStateException e =
        connectToServerAnswering(
            200,
            "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\"resource.k8s.io\","
                + "\"versions\":[{\"groupVersion\":\"resource.k8s.io/v1alpha3\","
                + "\"version\":\"v1alpha3\"}]}");

    assertThat(e)
        .hasMessageContaining("serves only resource.k8s.io/v1alpha3")
        .hasMessageContaining("Kubernetes 1.34 or newer")
        .hasMessageContaining("--runtime-config=resource.k8s.io/v1beta1=true");
  }

  @Test
  void forbiddenDiscoveryFailsConnectWithTheServersReason() {
    api.faults().failNext("get", "discovery", 403, 1);

    assertThatThrownBy(() -> KubeBackend.connectOwned(api.client(), "gpu.example.com", "node-a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("cannot get path")
        .hasMessageContaining("gpu.example.com");
  }

  @Test
  void nodeAllocatableIsReadFromTheNodeAndEmptyWithoutIt() {
    try (KubeBackend kube = KubeBackend.connectOwned(api.client(), "gpu.example.com", "node-a")) {
      assertThat(kube.nodeAllocatable()).isEmpty();

      api.apply(
          """
          apiVersion: v1
          kind: Node
          metadata: {name: node-a}
          status:
            allocatable: {cpu: 7910m, memory: 30Gi, pods: "110"}
          """);

      assertThat(kube.nodeAllocatable())
          .containsEntry("cpu", Quantity.parse("7910m"))
          .containsEntry("memory", Quantity.parse("30Gi"))
          .containsEntry("pods", Quantity.of(110));
    }
  }

  @Test
  void closingABackendThatOwnsItsClientReleasesConnectionsAndThreads() throws Exception {
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    ApiClient client = api.client();
    KubeBackend kube = KubeBackend.connectOwned(client, "gpu.example.com", "node-a");
    assertThat(kube.claimLookup().awaitSynced(Duration.ofSeconds(10))).isTrue();
    kube.publisher()
        .publish(
            Resources.of(Pool.builder("node-a").device(Device.builder("dev-0").build()).build()));
    assertThat(kube.publisher().awaitSynced(Duration.ofSeconds(10))).isTrue();
    assertThat(client.getHttpClient().connectionPool().connectionCount()).isPositive();

    kube.close();

    assertThat(client.getHttpClient().connectionPool().connectionCount()).isZero();
    assertThat(client.getHttpClient().dispatcher().executorService().isTerminated()).isTrue();
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(n -> n.startsWith("informer ") || n.startsWith("slice-publisher "));
  }

  @Test
  void closingABackendLeavesAClientGivenToConnectUsable() throws Exception {
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    ApiClient client = api.client();
    try (KubeBackend kube = KubeBackend.connect(client, "gpu.example.com", "node-a")) {
      assertThat(kube.claimLookup().awaitSynced(Duration.ofSeconds(10))).isTrue();
    }

    assertThat(new CoreV1Api(client).readNode("node-a").execute().getMetadata().getName())
        .isEqualTo("node-a");
    assertThat(client.getHttpClient().connectionPool().connectionCount()).isPositive();
    ApiClients.release(client);
    assertThat(client.getHttpClient().connectionPool().connectionCount()).isZero();
  }

  @Test
  void aBackendThatFailsToConnectReleasesTheClientItWasGiven() {
    api.faults().failNext("get", "discovery", 403, 1);
    ApiClient client = api.client();

    assertThatThrownBy(() -> KubeBackend.connectOwned(client, "gpu.example.com", "node-a"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(client.getHttpClient().connectionPool().connectionCount()).isZero();
    assertThat(client.getHttpClient().dispatcher().executorService().isShutdown()).isTrue();
  }
}
