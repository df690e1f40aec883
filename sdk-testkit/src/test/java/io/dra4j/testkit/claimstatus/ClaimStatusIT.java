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
package io.dra4j.testkit.claimstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.status.ClaimStatusException;
import io.dra4j.api.status.ClaimStatusWriter;
import io.dra4j.api.status.DeviceCondition;
import io.dra4j.api.status.DeviceCondition.Status;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.api.status.NetworkData;
import io.dra4j.runtime.internal.claimstatus.ClaimStatusPatcher;
import io.dra4j.runtime.internal.claimstatus.DeviceEntries;
import io.dra4j.runtime.internal.claimstatus.PreparedStatusReporter;
import io.dra4j.runtime.internal.kube.ApiClients;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime's claim status writer against the in-memory API server: prepare writes this driver's
 * entries, unprepare removes them, other drivers' entries are never touched, conflicts are read
 * again and re-applied, and failures never fail the claim.
 */
class ClaimStatusIT {
  private static final String ME = "efa.example.com";
  private static final String OTHER = "gpu.example.com";
  private static final AllocatedDevice DEV0 = AllocatedDevice.of("nics", "node-a", "dev0");
  private static final AllocatedDevice DEV1 = AllocatedDevice.of("nics", "node-a", "dev1");

  private FakeApiServer api;
  private ApiClient client;
  private ClaimStatusPatcher patcher;
  private ClaimRef claim;

  @BeforeEach
  void start() {
    api = FakeApiServer.start();
    client = api.client();
    patcher = new ClaimStatusPatcher(KubeClient.of(client), ME, Clock.systemUTC());
    JsonObject stored =
        api.apply(
                """
                apiVersion: resource.k8s.io/v1
                kind: ResourceClaim
                metadata: {name: nics, namespace: default}
                spec:
                  devices:
                    requests:
                    - {name: nics, exactly: {deviceClassName: efa, count: 2}}
                    - {name: gpu, exactly: {deviceClassName: gpu}}
                status:
                  allocation:
                    devices:
                      results:
                      - {request: nics, driver: efa.example.com, pool: node-a, device: dev0}
                      - {request: nics, driver: efa.example.com, pool: node-a, device: dev1}
                      - {request: gpu, driver: gpu.example.com, pool: node-a, device: gpu0}
                  devices:
                  - {driver: gpu.example.com, pool: node-a, device: gpu0, data: {model: x}}
                """)
            .get(0);
    claim = new ClaimRef("default", "nics", JsonFields.string(stored, "metadata", "uid"));
  }

  @AfterEach
  void stop() {
    ApiClients.release(client);
    api.close();
  }

  private List<JsonObject> entries() {
    return JsonFields.objects(
        api.get("resourceclaims", "default", "nics").orElseThrow(), "status", "devices");
  }

  private static DeviceStatus nic(String name) {
    return DeviceStatus.builder()
        .condition(DeviceCondition.of("Ready", Status.TRUE, "Prepared", ""))
        .data("rdmaDevice", "rdmap-" + name)
        .networkData(new NetworkData(name, List.of("10.0.0.5/24", "2001:db8::5/64"), ""))
        .build();
  }

  private static Preparation prepared() {
    return Preparation.builder()
        .device(DEV0, ContainerEdits.none(), nic("efa0"))
        .device(DEV1, ContainerEdits.none())
        .build();
  }

  @Test
  void prepareWritesOwnEntriesAndUnprepareRemovesThemLeavingOtherDrivers() {
    PreparedStatusReporter reporter = PreparedStatusReporter.of(patcher);

    reporter.prepared(claim, prepared());

    assertThat(entries()).hasSize(2);
    assertThat(JsonFields.string(entries().get(0), "driver")).isEqualTo(OTHER);
    JsonObject mine = entries().get(1);
    assertThat(JsonFields.string(mine, "device")).isEqualTo("dev0");
    assertThat(JsonFields.string(mine, "networkData", "interfaceName")).isEqualTo("efa0");
    assertThat(JsonFields.string(mine, "data", "rdmaDevice")).isEqualTo("rdmap-efa0");
    assertThat(api.requests().count("patch", "resourceclaims/status")).isEqualTo(1);

    reporter.unprepared(claim);

    assertThat(entries())
        .singleElement()
        .satisfies(e -> assertThat(JsonFields.string(e, "data", "model")).isEqualTo("x"));
    assertThat(reporter.failures()).isZero();
  }

  @Test
  void aPreparationWithoutStatusSendsNothing() {
    PreparedStatusReporter.of(patcher)
        .prepared(claim, Preparation.builder().device(DEV0, ContainerEdits.none()).build());
    assertThat(api.requests().count("get", "resourceclaims")).isZero();
    assertThat(api.requests().writeCount("resourceclaims/status")).isZero();
  }

  @Test
  void unprepareOfAClaimPreparedHereWithoutStatusSendsNothing() {
    PreparedStatusReporter reporter = PreparedStatusReporter.of(patcher);
    reporter.prepared(claim, Preparation.builder().device(DEV0, ContainerEdits.none()).build());

    reporter.unprepared(claim);

    assertThat(api.requests().count("get", "resourceclaims")).isZero();
    assertThat(api.requests().writeCount("resourceclaims/status")).isZero();
  }

  @Test
  void unprepareAfterARestartOrASetConditionClearsTheEntries() throws Exception {
    // Prepared with status by an earlier process: this one has no record of it.
    PreparedStatusReporter.of(new ClaimStatusPatcher(KubeClient.of(client), ME, Clock.systemUTC()))
        .prepared(claim, prepared());
    PreparedStatusReporter restarted = PreparedStatusReporter.of(patcher);
    restarted.unprepared(claim);
    assertThat(entries()).singleElement();

    // Prepared here without status, then a condition set through the writer.
    restarted.prepared(claim, Preparation.builder().device(DEV0, ContainerEdits.none()).build());
    patcher.setCondition(claim, DEV0, DeviceCondition.of("Ready", Status.TRUE, "Bound", ""));
    assertThat(entries()).hasSize(2);
    restarted.unprepared(claim);
    assertThat(entries()).singleElement();
  }

  @Test
  void injectedConflictsAreReadAgainAndReapplied() {
    api.faults().failNext("patch", "resourceclaims/status", 409, 3);

    PreparedStatusReporter.of(patcher).prepared(claim, prepared());

    assertThat(entries()).hasSize(2);
    assertThat(api.requests().count("patch", "resourceclaims/status")).isEqualTo(4);
    assertThat(api.requests().count("get", "resourceclaims")).isEqualTo(4);
  }

  @Test
  void aConcurrentWriterBetweenReadAndPatchIsNotLost() throws Exception {
    AtomicBoolean raced = new AtomicBoolean();
    DeviceEntries.Change mine = DeviceEntries.merge(ME, DEV0, nic("efa0"));
    DeviceEntries.Change racing =
        (devices, now) -> {
          if (raced.compareAndSet(false, true)) {
            // Another driver writes after this writer read the claim: its patch must conflict.
            JsonObject stored = api.get("resourceclaims", "default", "nics").orElseThrow();
            JsonObject data = new JsonObject();
            data.addProperty("model", "y");
            JsonArray list = stored.getAsJsonObject("status").getAsJsonArray("devices");
            list.get(0).getAsJsonObject().add("data", data);
            api.update("resourceclaims", stored);
          }
          return mine.apply(devices, now);
        };

    assertThat(patcher.apply(claim, List.of(DEV0), racing)).isTrue();

    assertThat(entries()).hasSize(2);
    assertThat(JsonFields.string(entries().get(0), "data", "model"))
        .as("the other driver's write survives")
        .isEqualTo("y");
    assertThat(JsonFields.string(entries().get(1), "device")).isEqualTo("dev0");
    assertThat(api.requests().count("patch", "resourceclaims/status")).isEqualTo(2);
  }

  @Test
  void conflictsBeyondTheLimitAreReported() {
    api.faults().failNext("patch", "resourceclaims/status", 409, ClaimStatusPatcher.MAX_ATTEMPTS);
    assertThatThrownBy(
            () ->
                patcher.setCondition(
                    claim, DEV0, DeviceCondition.of("Ready", Status.TRUE, "R", "")))
        .isInstanceOf(ClaimStatusException.class)
        .hasMessageContaining("default/nics")
        .hasMessageContaining("HTTP 409")
        .hasMessageContaining("kept changing");
  }

  @Test
  void serverErrorsAreRetriedAndAPersistentFailureNeverThrows() {
    PreparedStatusReporter reporter = PreparedStatusReporter.of(patcher);
    api.faults().failNext("patch", "resourceclaims/status", 500, 1);
    reporter.prepared(claim, prepared());
    assertThat(entries()).hasSize(2);
    assertThat(reporter.failures()).isZero();

    api.faults().failNext("patch", "resourceclaims/status", 503, PreparedStatusReporter.ATTEMPTS);
    reporter.unprepared(claim);
    assertThat(reporter.failures()).isEqualTo(1);
    assertThat(entries()).as("nothing written").hasSize(2);

    api.faults().failNext("patch", "resourceclaims/status", 403, 1);
    reporter.unprepared(claim);
    assertThat(reporter.failures()).as("403 is not retried").isEqualTo(2);
    assertThat(api.requests().count("patch", "resourceclaims/status")).isEqualTo(2 + 3 + 1);
  }

  @Test
  void setConditionKeepsTheEntryAndRefusesDevicesNotAllocatedToTheDriver() throws Exception {
    PreparedStatusReporter.of(patcher).prepared(claim, prepared());
    ClaimStatusWriter writer = patcher; // what DriverContext.claimStatus() returns in a driver
    // snippet:binding-condition
    writer.setCondition(
        claim,
        DEV0,
        DeviceCondition.of(
            "efa.example.com/attached", DeviceCondition.Status.TRUE, "Attached", "fabric ready"));
    // end:binding-condition

    JsonObject mine = entries().get(1);
    assertThat(JsonFields.objects(mine, "conditions"))
        .extracting(c -> JsonFields.string(c, "type"))
        .containsExactly("Ready", "efa.example.com/attached");
    assertThat(JsonFields.string(mine, "data", "rdmaDevice")).isEqualTo("rdmap-efa0");

    AllocatedDevice gpu = AllocatedDevice.of("gpu", "node-a", "gpu0");
    assertThatThrownBy(
            () ->
                patcher.setCondition(claim, gpu, DeviceCondition.of("Ready", Status.TRUE, "R", "")))
        .isInstanceOf(ClaimStatusException.class)
        .hasMessageContaining("node-a/gpu0 is not allocated to driver efa.example.com");

    ClaimRef replaced = new ClaimRef("default", "nics", "another-uid");
    assertThatThrownBy(() -> patcher.setStatus(replaced, DEV0, DeviceStatus.none()))
        .hasMessageContaining("was replaced");
    ClaimRef gone = new ClaimRef("default", "gone", "u");
    assertThatThrownBy(() -> patcher.setStatus(gone, DEV0, DeviceStatus.none()))
        .hasMessageContaining("no longer exists");
  }

  @Test
  void theApiServerRefusesInvalidDeviceStatus() throws Exception {
    JsonArray devices = new JsonArray();
    JsonObject wrong = new JsonObject();
    wrong.addProperty("driver", ME);
    wrong.addProperty("pool", "node-a");
    wrong.addProperty("device", "dev7");
    devices.add(wrong);
    JsonObject badIp = new JsonObject();
    badIp.addProperty("driver", ME);
    badIp.addProperty("pool", "node-a");
    badIp.addProperty("device", "dev0");
    JsonObject net = new JsonObject();
    JsonArray ips = new JsonArray();
    ips.add("10.0.0.5");
    net.add("ips", ips);
    badIp.add("networkData", net);
    devices.add(badIp);

    DeviceEntries.Change replaceAll = (before, now) -> devices;
    assertThatThrownBy(() -> patcher.apply(claim, List.of(), replaceAll))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getResponseBody())
                  .contains("status.devices[0]")
                  .contains("must be an allocated device in the claim")
                  .contains("status.devices[1]")
                  .contains("CIDR form");
            });
    assertThat(entries()).hasSize(1);
  }
}
