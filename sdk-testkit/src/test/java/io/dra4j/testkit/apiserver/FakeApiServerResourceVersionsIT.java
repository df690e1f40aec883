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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeApiServerResourceVersionsIT {
  private static final String SLICE =
      """
      {"apiVersion":"%s","kind":"ResourceSlice","metadata":{"name":"node-a-gpu"},
       "spec":{"driver":"gpu.example.com","nodeName":"node-a",
        "pool":{"name":"node-a","generation":0,"resourceSliceCount":1},
        "devices":[{"name":"gpu-0","attributes":{"index":{"int":0}}}]}}
      """;

  private final FakeApiServer api = FakeApiServer.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(api.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(api.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(HttpResponse<String> r) {
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  @Test
  void servesV1OnlyByDefault() throws Exception {
    assertThat(api.servedResourceVersions()).containsExactly("v1");
    assertThat(get("/apis/resource.k8s.io/v1beta2/resourceslices").statusCode()).isEqualTo(404);
    assertThat(get("/apis/resource.k8s.io/v1/resourceslices").statusCode()).isEqualTo(200);
  }

  @Test
  void discoveryListsTheServedVersionsPreferredFirst() throws Exception {
    api.servedResourceVersions(List.of("v1beta2", "v1"));

    JsonObject group = json(get("/apis/resource.k8s.io"));

    assertThat(group.getAsJsonArray("versions").toString())
        .contains("resource.k8s.io/v1beta2")
        .contains("resource.k8s.io/v1\"");
    assertThat(group.getAsJsonObject("preferredVersion").get("version").getAsString())
        .isEqualTo("v1beta2");
    assertThat(json(get("/apis/resource.k8s.io/v1beta2")).get("groupVersion").getAsString())
        .isEqualTo("resource.k8s.io/v1beta2");
  }

  @Test
  void aGroupServedInNoVersionIsAbsentFromDiscovery() throws Exception {
    api.servedResourceVersions(List.of());

    assertThat(get("/apis/resource.k8s.io").statusCode()).isEqualTo(404);
    assertThat(json(get("/apis")).getAsJsonArray("groups")).isEmpty();
    assertThat(get("/apis/resource.k8s.io/v1/resourceslices").statusCode()).isEqualTo(404);
  }

  @Test
  void v1beta2ObjectsAreStoredOnceAndReadInTheRequestedVersion() throws Exception {
    api.servedResourceVersions(List.of("v1beta2", "v1"));

    HttpResponse<String> created =
        post(
            "/apis/resource.k8s.io/v1beta2/resourceslices",
            SLICE.formatted("resource.k8s.io/v1beta2"));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).get("apiVersion").getAsString()).isEqualTo("resource.k8s.io/v1beta2");
    JsonObject asV1 = json(get("/apis/resource.k8s.io/v1/resourceslices/node-a-gpu"));
    assertThat(asV1.get("apiVersion").getAsString()).isEqualTo("resource.k8s.io/v1");
    JsonObject list = json(get("/apis/resource.k8s.io/v1beta2/resourceslices"));
    assertThat(list.get("apiVersion").getAsString()).isEqualTo("resource.k8s.io/v1beta2");
    assertThat(
            list.getAsJsonArray("items").get(0).getAsJsonObject().get("apiVersion").getAsString())
        .isEqualTo("resource.k8s.io/v1beta2");
    assertThat(api.list("resourceslices")).hasSize(1);
  }

  @Test
  void v1beta1SlicesAreStoredAsV1AndReadBackWithBasic() throws Exception {
    api.servedResourceVersions(List.of("v1", "v1beta1"));
    String v1beta1 =
        """
        {"apiVersion":"resource.k8s.io/v1beta1","kind":"ResourceSlice",
         "metadata":{"name":"node-a-gpu"},
         "spec":{"driver":"gpu.example.com","nodeName":"node-a",
          "pool":{"name":"node-a","generation":0,"resourceSliceCount":1},
          "devices":[{"name":"gpu-0","basic":{"attributes":{"index":{"int":0}}}}]}}
        """;

    HttpResponse<String> created = post("/apis/resource.k8s.io/v1beta1/resourceslices", v1beta1);

    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject stored = api.get("resourceslices", "", "node-a-gpu").orElseThrow();
    JsonObject device =
        stored.getAsJsonObject("spec").getAsJsonArray("devices").get(0).getAsJsonObject();
    assertThat(device.has("basic")).isFalse();
    assertThat(device.getAsJsonObject("attributes").has("index")).isTrue();
    JsonObject readBack = json(get("/apis/resource.k8s.io/v1beta1/resourceslices/node-a-gpu"));
    assertThat(
            readBack
                .getAsJsonObject("spec")
                .getAsJsonArray("devices")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("basic")
                .getAsJsonObject("attributes")
                .has("index"))
        .isTrue();
  }

  @Test
  void v1beta1ClaimsAppliedByATestAreStoredAsV1() {
    api.apply(
        """
        apiVersion: resource.k8s.io/v1beta1
        kind: ResourceClaim
        metadata: {name: train, namespace: team-a}
        spec:
          devices:
            requests:
            - {name: gpus, deviceClassName: gpu.example.com, count: 2}
        """);

    JsonObject request =
        api.get("resourceclaims", "team-a", "train")
            .orElseThrow()
            .getAsJsonObject("spec")
            .getAsJsonObject("devices")
            .getAsJsonArray("requests")
            .get(0)
            .getAsJsonObject();
    assertThat(request.getAsJsonObject("exactly").get("count").getAsInt()).isEqualTo(2);
    assertThat(
            api.get("resourceclaims", "team-a", "train")
                .orElseThrow()
                .get("apiVersion")
                .getAsString())
        .isEqualTo("resource.k8s.io/v1");
  }

  @Test
  void aBodyOfAnotherVersionThanTheUrlIsABadRequest() throws Exception {
    api.servedResourceVersions(List.of("v1beta2"));

    HttpResponse<String> r =
        post("/apis/resource.k8s.io/v1beta2/resourceslices", SLICE.formatted("resource.k8s.io/v1"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("message").getAsString())
        .contains("(resource.k8s.io/v1)")
        .contains("expected API version (resource.k8s.io/v1beta2)");
    assertThat(api.list("resourceslices")).isEmpty();
  }

  @Test
  void watchEventsCarryTheWatchedVersion() throws Exception {
    api.servedResourceVersions(List.of("v1beta2"));
    HttpResponse<InputStream> watch =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        api.url() + "/apis/resource.k8s.io/v1beta2/resourceslices?watch=true"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      post(
          "/apis/resource.k8s.io/v1beta2/resourceslices",
          SLICE.formatted("resource.k8s.io/v1beta2"));

      JsonObject event = JsonParser.parseString(lines.readLine()).getAsJsonObject();

      assertThat(event.get("type").getAsString()).isEqualTo("ADDED");
      assertThat(event.getAsJsonObject("object").get("apiVersion").getAsString())
          .isEqualTo("resource.k8s.io/v1beta2");
    }
  }

  @Test
  void objectsAppliedAsV1beta2AreAccepted() {
    api.servedResourceVersions(List.of("v1beta2"));

    api.apply(
        """
        apiVersion: resource.k8s.io/v1beta2
        kind: DeviceClass
        metadata: {name: gpu.example.com}
        spec: {}
        """);

    assertThat(api.get("deviceclasses", "", "gpu.example.com")).isPresent();
  }

  @Test
  void unsupportedVersionsAreRefusedNamingTheSupportedOnes() {
    assertThatThrownBy(() -> api.servedResourceVersions(List.of("v1alpha3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resource.k8s.io/v1alpha3")
        .hasMessageContaining("[v1, v1beta2, v1beta1]");
    assertThat(api.servedResourceVersions()).containsExactly("v1");
  }
}
