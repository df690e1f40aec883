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

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestLogIT {
  private final FakeApiServer api = FakeApiServer.start();
  private final CoreV1Api core = new CoreV1Api(api.client());

  @AfterEach
  void stop() {
    api.close();
  }

  private static V1Node node(String name) {
    return new V1Node().metadata(new V1ObjectMeta().name(name));
  }

  @Test
  void everyAnsweredRequestIsLoggedInOrderWithItsCode() throws ApiException {
    core.createNode(node("n1")).execute();
    core.readNode("n1").execute();
    assertThatThrownBy(() -> core.readNode("missing").execute()).isInstanceOf(ApiException.class);

    assertThat(api.requests().all())
        .containsExactly(
            new RequestRecord("create", "nodes", "", "", 201),
            new RequestRecord("get", "nodes", "", "n1", 200),
            new RequestRecord("get", "nodes", "", "missing", 404));
  }

  @Test
  void countsByVerbAndWritesOnAResource() throws ApiException {
    core.createNode(node("n1")).execute();
    core.replaceNode("n1", core.readNode("n1").execute()).execute();
    core.listNode().execute();
    core.deleteNode("n1").execute();

    assertThat(api.requests().count("get", "nodes")).isEqualTo(1);
    assertThat(api.requests().count("list", "nodes")).isEqualTo(1);
    assertThat(api.requests().writeCount("nodes")).isEqualTo(3);
    assertThat(api.requests().writeCount("pods")).isZero();
  }

  @Test
  void injectedFailuresAreLoggedButDirectWritesAndOutagesAreNot() throws ApiException {
    api.apply(node("direct"));
    api.faults().failNext("list", "nodes", 500, 1);
    assertThatThrownBy(() -> core.listNode().execute()).isInstanceOf(ApiException.class);
    api.faults().outage(Outage.UNAVAILABLE);
    assertThatThrownBy(() -> core.listNode().execute()).isInstanceOf(ApiException.class);

    assertThat(api.requests().all())
        .containsExactly(new RequestRecord("list", "nodes", "", "", 500));
  }

  @Test
  void clearRestartsTheCounts() throws ApiException {
    core.createNode(node("n1")).execute();

    api.requests().clear();

    assertThat(api.requests().all()).isEmpty();
    assertThat(api.requests().writeCount("nodes")).isZero();
    core.readNode("n1").execute();
    assertThat(api.requests().count("get", "nodes")).isEqualTo(1);
  }
}
