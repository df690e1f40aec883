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
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.ServerVersion;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.apiserver.Outage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A control plane upgraded from Kubernetes 1.34 to 1.35 while the driver runs: the publisher
 * re-lays its counter sets out for 1.35 without a restart.
 */
class ServerVersionChangeIT {
  private static final String DRIVER = "gpu.example.com";
  // A ceiling, not a delay: awaits return as soon as their condition holds.
  private static final Duration WAIT = Duration.ofSeconds(30);

  private FakeApiServer api;
  private KubeBackend kube;
  private SlicePublisher publisher;

  @BeforeEach
  void startOn134() throws InterruptedException {
    api = FakeApiServer.start().emulateMinorVersion(34);
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-a");
    publisher = kube.publisher();
    publisher.publish(SlicePublisherIT.partitionedGpus(2));
    assertThat(publisher.awaitSynced(WAIT)).as("synced on 1.34").isTrue();
    assertThat(kube.serverVersion()).isEqualTo(ServerVersion.of(34));
    assertThat(countersBesideDevices()).as("1.34 layout").isTrue();
  }

  @AfterEach
  void stop() {
    kube.close();
    api.close();
  }

  @Test
  void anUpgradeThatBreaksTheWatchReLaysTheSlicesOutWithoutANewPublish() {
    api.faults().outage(Outage.UNAVAILABLE);
    api.emulateMinorVersion(35);
    api.faults().outage(Outage.NONE);

    await().atMost(WAIT).untilAsserted(() -> assertThat(countersAlone()).isTrue());
    assertThat(countersBesideDevices()).isFalse();
    assertThat(kube.serverVersion()).isEqualTo(ServerVersion.of(35));
    assertThat(devicesPublished()).isEqualTo(9);
  }

  @Test
  void aSliceRejectedAsInvalidMakesThePublisherReadTheVersionAgain() throws Exception {
    api.emulateMinorVersion(35);

    publisher.publish(SlicePublisherIT.partitionedGpus(3));

    assertThat(publisher.awaitSynced(WAIT)).as("synced on 1.35").isTrue();
    assertThat(countersAlone()).isTrue();
    assertThat(countersBesideDevices()).isFalse();
    assertThat(kube.serverVersion()).isEqualTo(ServerVersion.of(35));
    assertThat(devicesPublished()).isEqualTo(13);
  }

  private List<JsonObject> specs() {
    return api.list("resourceslices").stream().map(s -> s.getAsJsonObject("spec")).toList();
  }

  private boolean countersBesideDevices() {
    return specs().stream().anyMatch(s -> s.has("sharedCounters") && s.has("devices"));
  }

  private boolean countersAlone() {
    List<JsonObject> specs = specs();
    return specs.stream().anyMatch(s -> s.has("sharedCounters"))
        && specs.stream().noneMatch(s -> s.has("sharedCounters") && s.has("devices"));
  }

  private int devicesPublished() {
    return specs().stream()
        .mapToInt(s -> s.has("devices") ? s.getAsJsonArray("devices").size() : 0)
        .sum();
  }
}
