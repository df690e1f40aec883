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
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.ResourceV1Api;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1DeviceAttribute;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Preconditions;
import io.kubernetes.client.openapi.models.V1ResourcePool;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import io.kubernetes.client.openapi.models.V1ResourceSliceList;
import io.kubernetes.client.openapi.models.V1ResourceSliceSpec;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeApiServerIT {
  private final FakeApiServer api = FakeApiServer.start();
  private final ApiClient client = api.client();
  private final ResourceV1Api resource = new ResourceV1Api(client);

  @AfterEach
  void stop() {
    api.close();
  }

  private static V1ResourceSlice slice(String name, String node, int devices) {
    List<V1Device> list = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      list.add(
          new V1Device()
              .name("dev-" + i)
              .putAttributesItem("index", new V1DeviceAttribute()._int((long) i)));
    }
    return new V1ResourceSlice()
        .metadata(new V1ObjectMeta().name(name))
        .spec(
            new V1ResourceSliceSpec()
                .driver("gpu.example.com")
                .nodeName(node)
                .pool(new V1ResourcePool().name(node).generation(0L).resourceSliceCount(1L))
                .devices(list));
  }

  @Test
  void clientJavaCreatesListsGetsAndDeletesSlices() throws ApiException {
    V1ResourceSlice created = resource.createResourceSlice(slice("a", "node-a", 2)).execute();
    resource.createResourceSlice(slice("b", "node-b", 1)).execute();

    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(created.getMetadata().getCreationTimestamp()).isNotNull();
    V1ResourceSliceList onA =
        resource.listResourceSlice().fieldSelector("spec.nodeName=node-a").execute();
    assertThat(onA.getItems()).extracting(s -> s.getMetadata().getName()).containsExactly("a");
    assertThat(onA.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(resource.readResourceSlice("b").execute().getSpec().getDevices()).hasSize(1);

    resource.deleteResourceSlice("a").execute();
    assertThatThrownBy(() -> resource.readResourceSlice("a").execute())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    assertThat(api.requests().count("create", "resourceslices")).isEqualTo(2);
    assertThat(api.requests().writeCount("resourceslices")).isEqualTo(3);
  }

  @Test
  void sliceCreatedWithGenerateNameGetsAGeneratedName() throws ApiException {
    V1ResourceSlice s = slice("", "node-a", 1);
    s.getMetadata().name(null).generateName("node-a-gpu.example.com-");

    V1ResourceSlice created = resource.createResourceSlice(s).execute();

    assertThat(created.getMetadata().getName()).matches("node-a-gpu\\.example\\.com-[a-z0-9]+");
    assertThat(api.get("resourceslices", "", created.getMetadata().getName())).isPresent();
  }

  @Test
  void staleUpdateIsAConflictAndDuplicateCreateAlreadyExists() throws ApiException {
    V1ResourceSlice created = resource.createResourceSlice(slice("a", "node-a", 1)).execute();
    V1ResourceSlice fresh = resource.readResourceSlice("a").execute();
    fresh.getSpec().getPool().setGeneration(1L);
    resource.replaceResourceSlice("a", fresh).execute();

    created.getSpec().getPool().setGeneration(2L);
    assertThatThrownBy(() -> resource.replaceResourceSlice("a", created).execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getResponseBody()).contains("\"reason\":\"Conflict\"");
            });
    assertThatThrownBy(() -> resource.createResourceSlice(slice("a", "node-a", 1)).execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.getResponseBody()).contains("\"reason\":\"AlreadyExists\""));
  }

  @Test
  void deleteWithStalePreconditionIsAConflict() throws ApiException {
    V1ResourceSlice created = resource.createResourceSlice(slice("a", "node-a", 1)).execute();
    V1DeleteOptions stale =
        new V1DeleteOptions()
            .preconditions(
                new V1Preconditions().uid(created.getMetadata().getUid()).resourceVersion("1"));
    assertThatThrownBy(() -> resource.deleteResourceSlice("a").body(stale).execute())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(api.get("resourceslices", "", "a")).isPresent();
  }

  @Test
  void validationRejectsTooManyDevicesWithTheApiFieldPath() {
    assertThatThrownBy(() -> resource.createResourceSlice(slice("big", "node-a", 129)).execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getResponseBody())
                  .contains("\"reason\":\"Invalid\"")
                  .contains("spec.devices: Too many: 129: must have at most 128 items");
            });
    assertThat(api.list("resourceslices")).isEmpty();
  }

  @Test
  void validationRejectsBadNamesVersionsAndNodeSelection() throws Exception {
    String bad =
        """
        {"apiVersion":"resource.k8s.io/v1","kind":"ResourceSlice",
         "metadata":{"name":"bad"},
         "spec":{"driver":"gpu.example.com","nodeName":"n","allNodes":true,
           "pool":{"name":"p","generation":0,"resourceSliceCount":1},
           "devices":[{"name":"Dev_0","attributes":{"v":{"version":"1.2"},
             "s":{"string":"%s"},"two":{"int":1,"bool":true}},
             "taints":[{"key":"k","effect":"Sometimes"}]}]}}
        """
            .formatted("x".repeat(65));
    HttpResponse<String> r = post("/apis/resource.k8s.io/v1/resourceslices", bad);

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body())
        .contains("exactly one of `nodeName`, `nodeSelector`, `allNodes`")
        .contains("spec.devices[0].name")
        .contains("spec.devices[0].attributes[v].version")
        .contains("spec.devices[0].attributes[s].string: Too long")
        .contains("spec.devices[0].attributes[two]: Invalid value: exactly one value")
        .contains("spec.devices[0].taints[0].effect: Unsupported value");
  }

  @Test
  void taintedDevicesLimitASliceTo64() {
    V1ResourceSlice s = slice("t", "node-a", 65);
    s.getSpec()
        .getDevices()
        .get(0)
        .addTaintsItem(
            new io.kubernetes.client.openapi.models.V1DeviceTaint().key("k").effect("NoSchedule"));
    assertThatThrownBy(() -> resource.createResourceSlice(s).execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.getResponseBody()).contains("must have at most 64 items"));
  }

  @Test
  void watchStreamsChangesFromAResourceVersion() throws Exception {
    resource.createResourceSlice(slice("a", "node-a", 1)).execute();
    String rv = resource.listResourceSlice().execute().getMetadata().getResourceVersion();
    resource.createResourceSlice(slice("b", "node-b", 1)).execute();
    resource.deleteResourceSlice("a").execute();

    try (Watch<V1ResourceSlice> watch =
        Watch.createWatch(
            client,
            resource.listResourceSlice().watch(true).resourceVersion(rv).buildCall(null),
            new TypeToken<Watch.Response<V1ResourceSlice>>() {}.getType())) {
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 2 && watch.hasNext(); i++) {
        Watch.Response<V1ResourceSlice> e = watch.next();
        seen.add(e.type + " " + e.object.getMetadata().getName());
      }
      assertThat(seen).containsExactly("ADDED b", "DELETED a");
    }
  }

  @Test
  void injectedFaultsAndDowntimeAnswerWithStatus() throws ApiException {
    api.faults().failNext("create", "resourceslices", 500, 1);
    assertThatThrownBy(() -> resource.createResourceSlice(slice("a", "n", 1)).execute())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(500));
    resource.createResourceSlice(slice("a", "n", 1)).execute();

    api.faults().failNext("list", "resourceslices", 403, 1);
    assertThatThrownBy(() -> resource.listResourceSlice().execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                assertThat(e.getResponseBody())
                    .contains("cannot list resource \\\"resourceslices\\\""));

    api.faults().outage(Outage.UNAVAILABLE);
    assertThatThrownBy(() -> resource.listResourceSlice().execute())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(503));
    api.faults().outage(Outage.NONE);
    assertThat(resource.listResourceSlice().execute().getItems()).hasSize(1);
  }

  @Test
  void applyStoresMultiDocumentYamlWithStatusAndGenerateName() throws ApiException {
    List<JsonObject> stored =
        api.apply(
            """
            apiVersion: v1
            kind: Node
            metadata:
              name: node-a
              labels: {zone: a}
            ---
            apiVersion: resource.k8s.io/v1
            kind: ResourceClaim
            metadata:
              generateName: claim-
              namespace: ns1
            spec: {}
            status:
              allocation:
                devices:
                  results:
                  - {request: r, driver: gpu.example.com, pool: node-a, device: dev-0}
            """);

    assertThat(stored).hasSize(2);
    V1Node node = new CoreV1Api(client).readNode("node-a").execute();
    assertThat(node.getMetadata().getUid()).isNotBlank();
    assertThat(new CoreV1Api(client).listNode().labelSelector("zone=a").execute().getItems())
        .hasSize(1);
    String claimName = ObjectStore.nameOf(stored.get(1));
    assertThat(claimName).startsWith("claim-").hasSize(11);
    assertThat(
            resource
                .readNamespacedResourceClaim(claimName, "ns1")
                .execute()
                .getStatus()
                .getAllocation()
                .getDevices()
                .getResults())
        .hasSize(1);
  }

  @Test
  void applyRejectsAnInvalidSliceAsAnHttpCreateDoes() {
    assertThatThrownBy(() -> api.apply(slice("big", "node-a", 129)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ResourceSlice.resource.k8s.io \"big\" is invalid")
        .hasMessageContaining("spec.devices: Too many: 129: must have at most 128 items")
        .hasMessageContaining("rejects it on apply")
        .hasMessageContaining("422 Invalid");
    assertThatThrownBy(() -> resource.createResourceSlice(slice("big", "node-a", 129)).execute())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    assertThat(api.list("resourceslices")).isEmpty();
  }

  @Test
  void applyOfAnInvalidReplacementKeepsTheStoredObject() {
    api.apply(slice("s", "node-a", 1));

    assertThatThrownBy(() -> api.apply(slice("s", "node-a", 129)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.devices: Too many: 129");
    assertThat(
            api.get("resourceslices", "", "s")
                .orElseThrow()
                .getAsJsonObject("spec")
                .getAsJsonArray("devices"))
        .hasSize(1);
  }

  @Test
  void applyValidatesAnotherServedVersionAfterConversion() {
    api.servedResourceVersions(List.of("v1beta2", "v1"));

    assertThatThrownBy(
            () ->
                api.apply(
                    """
                    apiVersion: resource.k8s.io/v1beta2
                    kind: ResourceSlice
                    metadata: {name: beta}
                    spec:
                      driver: gpu.example.com
                      nodeName: n
                      allNodes: true
                      pool: {name: p, generation: 0, resourceSliceCount: 1}
                      devices: [{name: Dev_0}]
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one of `nodeName`, `nodeSelector`, `allNodes`")
        .hasMessageContaining("spec.devices[0].name");
  }

  @Test
  void applyFollowsTheEmulatedReleasesCounterRules() {
    String both =
        """
        {apiVersion: resource.k8s.io/v1, kind: ResourceSlice, metadata: {name: both},
         spec: {driver: gpu.example.com, nodeName: n,
          pool: {name: p, generation: 0, resourceSliceCount: 1},
          sharedCounters: [{name: s, counters: {c: {value: '1'}}}],
          devices: [{name: a, consumesCounters: [{counterSet: s, counters: {c: {value: '1'}}}]}]}}
        """;

    assertThatThrownBy(() -> api.apply(both))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one of `devices` or `sharedCounters`");
    api.emulateMinorVersion(34);
    assertThat(api.apply(both)).hasSize(1);
  }

  @Test
  void applyWithoutANameIsRejectedWithTheRule() {
    assertThatThrownBy(() -> api.apply("{apiVersion: v1, kind: Node, metadata: {labels: {a: b}}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metadata.name: Required value: name or generateName is required");
  }

  @Test
  void updateRejectsAnInvalidSliceAndKeepsTheStoredOne() {
    JsonObject stored = api.apply(slice("s", "node-a", 1));
    JsonObject bad = stored.deepCopy();
    bad.getAsJsonObject("spec").addProperty("allNodes", true);

    assertThatThrownBy(() -> api.update("resourceslices", bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ResourceSlice.resource.k8s.io \"s\" is invalid")
        .hasMessageContaining("rejects it on update");
    assertThat(api.get("resourceslices", "", "s").orElseThrow()).isEqualTo(stored);
  }

  @Test
  void updateWithAStaleResourceVersionIsRejectedAsAConflict() {
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: n1}}");
    JsonObject changed = api.get("nodes", "", "n1").orElseThrow();
    changed.getAsJsonObject("metadata").add("labels", new JsonObject());
    api.update("nodes", changed);

    assertThatThrownBy(() -> api.update("nodes", changed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the object has been modified")
        .hasMessageContaining("409 Conflict");
  }

  @Test
  void typedModelsCanBeAppliedWithoutApiVersionAndKind() throws ApiException {
    api.apply(
        new V1Node()
            .metadata(new V1ObjectMeta().name("typed"))
            .status(
                new io.kubernetes.client.openapi.models.V1NodeStatus()
                    .putAllocatableItem(
                        "cpu", io.kubernetes.client.custom.Quantity.fromString("4"))));

    V1Node node = new CoreV1Api(client).readNode("typed").execute();
    assertThat(node.getKind()).isEqualTo("Node");
    assertThat(node.getStatus().getAllocatable()).containsKey("cpu");
  }

  @Test
  void deletingANodeDeletesTheSlicesItOwns() throws ApiException {
    JsonObject node = api.apply("{apiVersion: v1, kind: Node, metadata: {name: n1}}").get(0);
    V1ResourceSlice s = slice("owned", "n1", 1);
    s.getMetadata()
        .addOwnerReferencesItem(
            new io.kubernetes.client.openapi.models.V1OwnerReference()
                .apiVersion("v1")
                .kind("Node")
                .name("n1")
                .uid(node.getAsJsonObject("metadata").get("uid").getAsString())
                .controller(true));
    resource.createResourceSlice(s).execute();

    api.delete("nodes", "", "n1");

    assertThat(api.list("resourceslices")).isEmpty();
  }

  @Test
  void mergePatchChangesOnlyTheGivenFields() throws Exception {
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: n1, labels: {a: '1', b: '2'}}}");
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/nodes/n1"))
                .header("Content-Type", "application/merge-patch+json")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"metadata\":{\"labels\":{\"a\":null,\"c\":\"3\"}}}"))
                .build());

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject labels =
        api.get("nodes", "", "n1")
            .orElseThrow()
            .getAsJsonObject("metadata")
            .getAsJsonObject("labels");
    assertThat(labels.keySet()).containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void kubectlListsSlicesThroughTheWrittenKubeconfig(@TempDir Path dir) throws Exception {
    Path kubectl = Path.of("/usr/bin/kubectl");
    assumeThat(Files.isExecutable(kubectl)).as("kubectl installed").isTrue();
    resource.createResourceSlice(slice("node-a-slice", "node-a", 1)).execute();
    Path config = api.writeKubeconfig(dir.resolve("kubeconfig"));

    Process p =
        new ProcessBuilder(
                kubectl.toString(),
                "--kubeconfig",
                config.toString(),
                "get",
                "resourceslices",
                "-o",
                "name")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(out).contains("resourceslice.resource.k8s.io/node-a-slice");
    assertThat(p.exitValue()).isZero();
  }

  private HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(api.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
