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

import io.dra4j.api.NodeUnreadableException;
import io.dra4j.api.device.Quantity;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.testkit.apiserver.FakeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the runtime reads its Node for the device-plugin guard. */
class NodeReadIT {
  private static final String NODE_OF_A_NEWER_SERVER =
      """
      apiVersion: v1
      kind: Node
      metadata: {name: node-a}
      status:
        allocatable: {cpu: "8", aws.amazon.com/neuron: "16"}
        capacity: {cpu: "8", aws.amazon.com/neuron: "16"}
        nodeInfo:
          kubeletVersion: v1.37.2
          runningInUserNamespace: false
          aFieldOfKubernetes199: {nested: [1, 2]}
      """;

  private final FakeApiServer api = FakeApiServer.start();
  private final KubeBackend kube =
      KubeBackend.connectOwned(api.client(), "neuron.aws.com", "node-a");

  @AfterEach
  void stop() {
    kube.close();
    api.close();
  }

  @Test
  void aNodeWithFieldsTheClientDoesNotKnowIsRead() {
    api.apply(NODE_OF_A_NEWER_SERVER);

    assertThat(kube.nodeAllocatable())
        .containsEntry("aws.amazon.com/neuron", Quantity.of(16))
        .containsEntry("cpu", Quantity.of(8));
  }

  @Test
  void aNodeReadThatFailsBrieflyIsRetried() {
    api.apply(NODE_OF_A_NEWER_SERVER);
    api.faults().failNext("get", "nodes", 503, 2);

    assertThat(kube.nodeAllocatable()).containsEntry("aws.amazon.com/neuron", Quantity.of(16));
    assertThat(api.requests().count("get", "nodes")).isEqualTo(3);
  }

  @Test
  void aNodeReadThatKeepsFailingIsReportedAfterBoundedRetries() {
    api.apply(NODE_OF_A_NEWER_SERVER);
    api.faults().failNext("get", "nodes", 500, 100);

    assertThatThrownBy(kube::nodeAllocatable)
        .isInstanceOf(NodeUnreadableException.class)
        .hasMessageContaining("cannot read Node node-a for driver neuron.aws.com")
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("failed 5 times")
        .hasMessageContaining("Check that the API server is reachable")
        .satisfies(e -> assertThat(((NodeUnreadableException) e).nodeName()).isEqualTo("node-a"));
    assertThat(api.requests().count("get", "nodes")).isEqualTo(5);
  }

  @Test
  void aForbiddenNodeReadIsReportedAtOnceWithTheRbacFix() {
    api.apply(NODE_OF_A_NEWER_SERVER);
    api.faults().failNext("get", "nodes", 403, 1);

    assertThatThrownBy(kube::nodeAllocatable)
        .isInstanceOf(NodeUnreadableException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("get on nodes");
    assertThat(api.requests().count("get", "nodes")).isEqualTo(1);
  }

  @Test
  void aNodeThatDoesNotExistAdvertisesNothing() {
    assertThat(kube.nodeAllocatable()).isEmpty();
    assertThat(api.requests().count("get", "nodes")).isEqualTo(1);
  }
}
