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
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.dra4j.runtime.internal.kube.ApiClients;
import io.dra4j.runtime.internal.kube.JsonInformer;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.apiserver.Outage;
import io.dra4j.testkit.apiserver.RequestRecord;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ResourceV1Api;
import java.time.Duration;
import java.util.List;
import okhttp3.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A watch that ends, breaks or fails resumes from the last resourceVersion it saw; only a
 * resourceVersion the server no longer has (410 Gone) makes the informer list again. Asserted on
 * the fake API server's request log.
 */
class WatchResumeIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FakeApiServer api = FakeApiServer.start();
  private final ApiClient client = api.client();
  private final ResourceV1Api resource = new ResourceV1Api(client);
  private final JsonInformer informer =
      new JsonInformer(
          "resourceclaims",
          KubeClient.of(client),
          new JsonInformer.Calls() {
            @Override
            public Call list() throws ApiException {
              return resource.listResourceClaimForAllNamespaces().buildCall(null);
            }

            @Override
            public Call watch(String rv) throws ApiException {
              return resource
                  .listResourceClaimForAllNamespaces()
                  .watch(true)
                  .allowWatchBookmarks(true)
                  .resourceVersion(rv)
                  .buildCall(null);
            }
          },
          o -> true,
          (type, object) -> {});

  @BeforeEach
  void start() throws InterruptedException {
    informer.start();
    assertThat(informer.awaitSynced(WAIT)).isTrue();
  }

  @AfterEach
  void stop() {
    informer.close();
    ApiClients.release(client);
    api.close();
  }

  /** Stores a claim; returns its resourceVersion. */
  private String claim(String name) {
    return api.apply(
            "{apiVersion: resource.k8s.io/v1, kind: ResourceClaim,"
                + " metadata: {name: "
                + name
                + ", namespace: team-a}, spec: {}}")
        .get(0)
        .getAsJsonObject("metadata")
        .get("resourceVersion")
        .getAsString();
  }

  private void awaitCached(String name) {
    await().atMost(WAIT).until(() -> informer.get("team-a/" + name).isPresent());
  }

  private List<RequestRecord> claimRequests() {
    return api.requests().all().stream()
        .filter(r -> r.resource().equals("resourceclaims"))
        .toList();
  }

  @Test
  void aDroppedWatchResumesFromTheLastResourceVersionWithoutListing() {
    String seen = claim("a");
    awaitCached("a");
    api.requests().clear();

    api.faults().outage(Outage.UNREACHABLE);
    claim("b");
    api.faults().outage(Outage.NONE);

    awaitCached("b");
    assertThat(claimRequests())
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.verb()).isEqualTo("watch");
              assertThat(r.resourceVersion()).isEqualTo(seen);
            })
        .anySatisfy(r -> assertThat(r.code()).isEqualTo(200));
  }

  @Test
  void aWatchThatFailsIsRetriedFromTheLastResourceVersionWithoutListing() {
    String seen = claim("a");
    awaitCached("a");
    api.requests().clear();

    api.faults().failNext("watch", "resourceclaims", 500, 2);
    api.faults().outage(Outage.UNAVAILABLE);
    claim("b");
    api.faults().outage(Outage.NONE);

    awaitCached("b");
    assertThat(claimRequests())
        .allSatisfy(
            r -> {
              assertThat(r.verb()).isEqualTo("watch");
              assertThat(r.resourceVersion()).isEqualTo(seen);
            })
        .anySatisfy(r -> assertThat(r.code()).isEqualTo(500))
        .anySatisfy(r -> assertThat(r.code()).isEqualTo(200));
  }

  @Test
  void anExpiredResourceVersionIsListedAgainAndWatchedFromTheList() {
    String seen = claim("a");
    awaitCached("a");
    api.requests().clear();

    api.faults().outage(Outage.UNREACHABLE);
    String latest = claim("b");
    api.expireResourceVersions();
    api.faults().outage(Outage.NONE);

    awaitCached("b");
    await()
        .atMost(WAIT)
        .until(
            () ->
                claimRequests().stream()
                    .anyMatch(r -> r.verb().equals("watch") && r.resourceVersion().equals(latest)));
    List<RequestRecord> log = claimRequests();
    int gone = indexOf(log, "watch", 410);
    assertThat(gone).as("a watch answered 410 Gone in %s", log).isNotNegative();
    assertThat(log.get(gone).resourceVersion()).isEqualTo(seen);
    assertThat(log.subList(0, gone))
        .as("requests before the 410")
        .allSatisfy(r -> assertThat(r.verb()).isEqualTo("watch"));
    assertThat(log.subList(gone + 1, log.size()))
        .extracting(RequestRecord::verb, RequestRecord::resourceVersion, RequestRecord::code)
        .startsWith(tuple("list", "", 200), tuple("watch", latest, 200));
  }

  private static int indexOf(List<RequestRecord> log, String verb, int code) {
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).verb().equals(verb) && log.get(i).code() == code) {
        return i;
      }
    }
    return -1;
  }
}
