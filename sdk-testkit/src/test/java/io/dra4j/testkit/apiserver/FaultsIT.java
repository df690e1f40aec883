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

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsIT {
  private static final String NODES = "/api/v1/nodes";

  private final FakeApiServer api = FakeApiServer.start();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(api.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aNewServerHasNoOutage() throws Exception {
    assertThat(api.faults().outage()).isEqualTo(Outage.NONE);
    assertThat(get(NODES).statusCode()).isEqualTo(200);
  }

  @Test
  void unavailableAnswersEveryRequestWith503AndKeepsTheObjects() throws Exception {
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: n1}}");

    api.faults().outage(Outage.UNAVAILABLE);

    HttpResponse<String> r = get(NODES);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("\"reason\":\"ServiceUnavailable\"");
    assertThat(get("/version").statusCode()).isEqualTo(503);
    assertThat(api.faults().outage()).isEqualTo(Outage.UNAVAILABLE);
    api.faults().outage(Outage.NONE);
    assertThat(get(NODES + "/n1").statusCode()).isEqualTo(200);
  }

  @Test
  void unreachableRefusesConnectionsAndListensOnTheSamePortAfterwards() throws Exception {
    int port = api.port();

    api.faults().outage(Outage.UNREACHABLE);

    assertThatThrownBy(() -> get(NODES)).isInstanceOf(ConnectException.class);
    assertThat(api.port()).isEqualTo(port);
    api.faults().outage(Outage.NONE);
    assertThat(get(NODES).statusCode()).isEqualTo(200);
  }

  @Test
  void unreachableThenUnavailableListensAgainButAnswers503() throws Exception {
    api.faults().outage(Outage.UNREACHABLE).outage(Outage.UNAVAILABLE);

    assertThat(get(NODES).statusCode()).isEqualTo(503);
  }

  @Test
  void enteringAnOutageClosesOpenWatches() throws Exception {
    for (Outage outage : new Outage[] {Outage.UNAVAILABLE, Outage.UNREACHABLE}) {
      HttpResponse<InputStream> watch =
          http.send(
              HttpRequest.newBuilder(URI.create(api.url() + NODES + "?watch=true")).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      CompletableFuture<byte[]> rest =
          CompletableFuture.supplyAsync(
              () -> {
                try (InputStream in = watch.body()) {
                  return in.readAllBytes();
                } catch (IOException e) {
                  return new byte[0];
                }
              });

      api.faults().outage(outage);

      assertThat(rest.get(10, TimeUnit.SECONDS)).as("watch ended by %s", outage).isNotNull();
      api.faults().outage(Outage.NONE);
    }
  }

  @Test
  void failNextFailsExactlyThatManyMatchingRequests() throws Exception {
    api.faults().failNext("list", "nodes", 500, 2);

    assertThat(get(NODES).statusCode()).isEqualTo(500);
    assertThat(get(NODES).statusCode()).isEqualTo(500);
    assertThat(get(NODES).statusCode()).isEqualTo(200);
  }

  @Test
  void failNextOnDiscoveryFailsTheDiscoveryDocuments() throws Exception {
    api.faults().failNext("get", Faults.DISCOVERY, 403, 1);

    HttpResponse<String> r = get("/apis");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("system:anonymous");
    assertThat(get(NODES).statusCode()).isEqualTo(200);
  }

  @Test
  void anyMatchesEveryVerbAndResource() throws Exception {
    api.faults().failNext(Faults.ANY, Faults.ANY, 429, 1);

    assertThat(get(NODES).statusCode()).isEqualTo(429);
    assertThat(get(NODES).statusCode()).isEqualTo(200);
  }

  @Test
  void clearEndsTheOutageAndDropsQueuedFailures() throws Exception {
    api.faults().failNext("list", "nodes", 500, 5).outage(Outage.UNREACHABLE);

    api.faults().clear();

    assertThat(api.faults().outage()).isEqualTo(Outage.NONE);
    assertThat(get(NODES).statusCode()).isEqualTo(200);
  }

  @Test
  void failNextRejectsACodeThatIsNoErrorAndACountBelowOne() {
    assertThatThrownBy(() -> api.faults().failNext("get", "nodes", 200, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTP error status (400-599), not 200");
    assertThatThrownBy(() -> api.faults().failNext("get", "nodes", 500, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive count");
  }
}
