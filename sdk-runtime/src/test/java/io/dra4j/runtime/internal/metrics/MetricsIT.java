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
package io.dra4j.runtime.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.FakeKubelet;
import io.dra4j.runtime.NodeFixture;
import io.dra4j.runtime.TestProvider;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsIT {
  private static final String D = "driver=\"" + TestProvider.DRIVER + "\"";
  private final NodeFixture node = new NodeFixture();
  private final HttpClient http = HttpClient.newHttpClient();
  private DriverRuntime runtime;
  private FakeKubelet kubelet;
  private int port;

  @BeforeEach
  void start() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    runtime = node.runtime(new TestProvider()).metricsPort(port).build().start();
    kubelet = new FakeKubelet(runtime);
  }

  @AfterEach
  void tearDown() throws Exception {
    kubelet.close();
    runtime.close();
    node.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsCountPreparedClaimsErrorsAndRpcLatencyByMethodAndResult() throws Exception {
    ClaimRef ok = node.claims.allocate("ns", "a", "uid-a", TestProvider.DRIVER, "dev-0");
    kubelet.prepare(ok, new ClaimRef("ns", "missing", "uid-missing"));
    kubelet.notify(true, "");

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
    assertThat(response.body())
        .contains("# TYPE dra4j_rpc_duration_seconds histogram")
        .contains(
            "dra4j_rpc_duration_seconds_count{"
                + D
                + ",method=\"v1.NodePrepareResources\",result=\"OK\"} 1")
        .contains(
            "dra4j_rpc_duration_seconds_bucket{"
                + D
                + ",method=\"v1.NodePrepareResources\",result=\"OK\",le=\"+Inf\"} 1")
        .contains("dra4j_claims_prepared_total{" + D + "} 1")
        .contains(
            "dra4j_claim_errors_total{"
                + D
                + ",operation=\"prepare\",reason=\"claim_not_found\"} 1")
        .contains("dra4j_claim_errors_total{" + D + ",operation=\"prepare\",reason=\"timeout\"} 0")
        .contains("dra4j_prepared_claims{" + D + "} 1")
        .contains("dra4j_registration_status{" + D + ",status=\"registered\"} 1")
        .contains("dra4j_registration_status{" + D + ",status=\"not_yet\"} 0");

    RuntimeMetricsTest.assertValidExposition(response.body());

    kubelet.unprepare(ok);
    assertThat(get("/metrics").body())
        .contains("dra4j_claims_unprepared_total{" + D + "} 1")
        .contains("dra4j_prepared_claims{" + D + "} 0");
  }

  @Test
  void livenessAnswersOnceStarted() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void readinessWaitsForTheKubeletRegistration() throws Exception {
    HttpResponse<String> before = get("/readyz");
    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).contains("not_yet");

    kubelet.notify(true, "");

    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void readinessFailsWhenTheKubeletRejectedThePlugin() throws Exception {
    kubelet.notify(false, "bad versions");

    HttpResponse<String> response = get("/readyz");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("failed");
  }

  @Test
  void readinessNamesACdiDirectoryThatCannotBeCreatedAgainAndRecoversWhenItCan() throws Exception {
    kubelet.notify(true, "");
    Files.delete(node.cdi);
    Files.writeString(node.cdi, "a file where the directory should be");

    HttpResponse<String> broken = get("/readyz");

    assertThat(broken.statusCode()).isEqualTo(503);
    assertThat(broken.body()).contains(node.cdi.toString(), "cannot be created");

    Files.delete(node.cdi);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(node.cdi).isDirectory();
  }
}
