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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Strict field validation over HTTP, with the {@code fieldValidation} parameter. */
class StrictFieldsIT {
  private static final String CLAIMS = "/apis/resource.k8s.io/v1/namespaces/default/resourceclaims";
  private static final String CLAIM =
      """
      {"apiVersion":"resource.k8s.io/v1","kind":"ResourceClaim","metadata":{"name":"%s"},
       "spec":{"devices":{"requests":[{"name":"g","exactly":{"deviceClassName":"gpu",
         "selectorz":[{"cel":{"expression":"true"}}]}}]}}}
      """;

  private FakeApiServer api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    api = FakeApiServer.start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> send(String method, String path, String type, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(api.url() + path))
            .header("Content-Type", type)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnknownFieldIsRefusedWithItsPathAndNothingIsStored() throws Exception {
    HttpResponse<String> r = send("POST", CLAIMS, "application/json", CLAIM.formatted("a"));

    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject status = JsonParser.parseString(r.body()).getAsJsonObject();
    assertThat(status.get("reason").getAsString()).isEqualTo("BadRequest");
    assertThat(status.get("message").getAsString())
        .isEqualTo(
            "ResourceClaim in version \"v1\" cannot be handled as a ResourceClaim: strict decoding"
                + " error: .spec.devices.requests[0].exactly.selectorz: field not declared in"
                + " schema");
    assertThat(api.get("resourceclaims", "default", "a")).isEmpty();
  }

  @Test
  void warnStoresTheObjectAndAnswersWithAWarningIgnoreStoresItSilently() throws Exception {
    HttpResponse<String> warned =
        send("POST", CLAIMS + "?fieldValidation=Warn", "application/json", CLAIM.formatted("w"));
    HttpResponse<String> ignored =
        send("POST", CLAIMS + "?fieldValidation=Ignore", "application/json", CLAIM.formatted("i"));
    HttpResponse<String> bogus =
        send("POST", CLAIMS + "?fieldValidation=Loose", "application/json", CLAIM.formatted("b"));

    assertThat(warned.statusCode()).isEqualTo(201);
    assertThat(warned.headers().allValues("Warning"))
        .containsExactly(
            "299 - \".spec.devices.requests[0].exactly.selectorz: field not declared in schema\"");
    assertThat(ignored.statusCode()).isEqualTo(201);
    assertThat(ignored.headers().allValues("Warning")).isEmpty();
    assertThat(bogus.statusCode()).isEqualTo(400);
    assertThat(bogus.body()).contains("fieldValidation must be one of Ignore, Warn or Strict");
  }

  @Test
  void aPatchAndAStatusWriteAreCheckedToo() throws Exception {
    String valid =
        """
        {"apiVersion":"resource.k8s.io/v1","kind":"ResourceClaim","metadata":{"name":"c"},
         "spec":{"devices":{"requests":[{"name":"g","exactly":{"deviceClassName":"gpu"}}]}}}
        """;
    assertThat(send("POST", CLAIMS, "application/json", valid).statusCode()).isEqualTo(201);

    HttpResponse<String> patch =
        send(
            "PATCH",
            CLAIMS + "/c",
            "application/merge-patch+json",
            "{\"spec\":{\"devices\":{\"constraints\":[{\"matchAttribute\":\"d/x\",\"requestz\":[]}]}}}");
    HttpResponse<String> status =
        send(
            "PATCH",
            CLAIMS + "/c/status",
            "application/merge-patch+json",
            "{\"status\":{\"reservedFor\":[{\"resource\":\"pods\",\"name\":\"p\",\"uid\":7}]}}");

    assertThat(patch.statusCode()).isEqualTo(400);
    assertThat(patch.body())
        .contains(".spec.devices.constraints[0].requestz: field not declared in schema");
    assertThat(status.statusCode()).isEqualTo(400);
    assertThat(status.body()).contains(".status.reservedFor[0].uid: expected string, got number 7");
  }
}
