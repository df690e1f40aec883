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
import static org.assertj.core.api.Assertions.tuple;

import com.google.gson.reflect.TypeToken;
import io.dra4j.runtime.internal.kube.ApiClients;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.util.Watch;
import java.lang.reflect.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Watch bookmarks, expired resourceVersions and the resourceVersion in the request log. */
class FakeApiServerWatchIT {
  private static final Type NODE_EVENT = new TypeToken<Watch.Response<V1Node>>() {}.getType();

  private final FakeApiServer api = FakeApiServer.start();
  private final ApiClient client = api.client();
  private final CoreV1Api core = new CoreV1Api(client);

  @AfterEach
  void stop() {
    ApiClients.release(client);
    api.close();
  }

  private String node(String name) {
    return api.apply("{apiVersion: v1, kind: Node, metadata: {name: " + name + "}}")
        .get(0)
        .getAsJsonObject("metadata")
        .get("resourceVersion")
        .getAsString();
  }

  private Watch<V1Node> watch(String rv, boolean bookmarks) throws ApiException {
    return Watch.createWatch(
        client,
        core.listNode()
            .watch(true)
            .resourceVersion(rv)
            .allowWatchBookmarks(bookmarks)
            .buildCall(null),
        NODE_EVENT);
  }

  @Test
  void anIdleWatchThatAllowsBookmarksGetsOneWithTheCurrentResourceVersion() throws Exception {
    String rv = node("a");
    node("b");
    String latest = node("c");

    try (Watch<V1Node> w = watch(rv, true)) {
      assertThat(w.next().object.getMetadata().getName()).isEqualTo("b");
      assertThat(w.next().object.getMetadata().getName()).isEqualTo("c");
      Watch.Response<V1Node> bookmark = w.next();

      assertThat(bookmark.type).isEqualTo("BOOKMARK");
      assertThat(bookmark.object.getKind()).isEqualTo("Node");
      assertThat(bookmark.object.getMetadata().getResourceVersion()).isEqualTo(latest);
    }
  }

  @Test
  void aWatchWithoutBookmarksGetsOnlyChanges() throws Exception {
    String rv = node("a");

    try (Watch<V1Node> w = watch(rv, false)) {
      Thread.sleep(1500); // longer than the idle time after which bookmarks are sent
      node("b");

      Watch.Response<V1Node> next = w.next();
      assertThat(next.type).isEqualTo("ADDED");
      assertThat(next.object.getMetadata().getName()).isEqualTo("b");
    }
  }

  @Test
  void expiredResourceVersionsAnswer410AndTheCurrentOneStillWorks() throws Exception {
    String old = node("a");
    String latest = node("b");

    api.expireResourceVersions();

    assertThatThrownBy(() -> watch(old, false))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(410));
    try (Watch<V1Node> w = watch(latest, false)) {
      node("c");
      assertThat(w.next().object.getMetadata().getName()).isEqualTo("c");
    }
    assertThat(api.requests().all())
        .extracting(RequestRecord::verb, RequestRecord::resourceVersion, RequestRecord::code)
        .containsExactly(tuple("watch", old, 410), tuple("watch", latest, 200));
  }
}
