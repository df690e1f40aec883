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
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract kubectl relies on to write without {@code --validate=false}: the OpenAPI v3
 * documents that declare server-side field validation, a protobuf Namespace ({@code kubectl create
 * namespace}), and a clear refusal of what the server cannot do. {@link KubectlIT} runs the real
 * binary against the same server.
 */
class KubectlContractIT {
  private final FakeApiServer api = FakeApiServer.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create(api.url() + path));
  }

  @Test
  void openApiV3DeclaresFieldValidationOnThePatchOfEveryKind() throws Exception {
    HttpResponse<String> index = send(at("/openapi/v3"));
    assertThat(index.statusCode()).isEqualTo(200);
    JsonObject paths =
        JsonParser.parseString(index.body()).getAsJsonObject().get("paths").getAsJsonObject();
    assertThat(paths.keySet()).containsExactly("api/v1", "apis/resource.k8s.io/v1");

    String url =
        paths.getAsJsonObject("apis/resource.k8s.io/v1").get("serverRelativeURL").getAsString();
    JsonObject doc =
        JsonParser.parseString(send(at(url)).body()).getAsJsonObject().getAsJsonObject("paths");
    JsonObject patch =
        doc.getAsJsonObject("/apis/resource.k8s.io/v1/namespaces/{namespace}/resourceclaims/{name}")
            .getAsJsonObject("patch");
    assertThat(patch.getAsJsonObject("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"resource.k8s.io\",\"version\":\"v1\",\"kind\":\"ResourceClaim\"}");
    JsonObject param = patch.getAsJsonArray("parameters").get(0).getAsJsonObject();
    assertThat(param.get("name").getAsString()).isEqualTo("fieldValidation");
    assertThat(param.get("in").getAsString()).isEqualTo("query");

    JsonObject core =
        JsonParser.parseString(send(at("/openapi/v3/api/v1")).body())
            .getAsJsonObject()
            .getAsJsonObject("paths");
    assertThat(core.keySet())
        .contains("/api/v1/namespaces/{name}", "/api/v1/namespaces/{namespace}/pods/{name}");
  }

  @Test
  void openApiV3FollowsTheServedResourceVersions() throws Exception {
    api.servedResourceVersions(java.util.List.of("v1beta2"));
    JsonObject paths =
        JsonParser.parseString(send(at("/openapi/v3")).body())
            .getAsJsonObject()
            .getAsJsonObject("paths");
    assertThat(paths.keySet()).containsExactly("api/v1", "apis/resource.k8s.io/v1beta2");
    assertThat(send(at("/openapi/v3/apis/resource.k8s.io/v1")).statusCode()).isEqualTo(404);
  }

  @Test
  void aProtobufNamespaceIsCreatedAsKubectlCreateNamespaceSendsIt() throws Exception {
    HttpResponse<String> created =
        send(
            at("/api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict")
                .header("Content-Type", ProtobufBodies.CONTENT_TYPE)
                .header("Accept", "application/vnd.kubernetes.protobuf,application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope("v1", "Namespace"))));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).contains("application/json");
    JsonObject ns = api.get("namespaces", "", "team-a").orElseThrow();
    assertThat(ns.getAsJsonObject("metadata").getAsJsonObject("labels").get("team").getAsString())
        .isEqualTo("a");
  }

  @Test
  void aProtobufBodyOfAnotherKindIsRefusedWithTheFix() throws Exception {
    HttpResponse<String> refused =
        send(
            at("/api/v1/namespaces/default/pods")
                .header("Content-Type", ProtobufBodies.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope("v1", "Pod"))));

    assertThat(refused.statusCode()).isEqualTo(415);
    assertThat(refused.body())
        .contains("UnsupportedMediaType")
        .contains(
            "reads protobuf bodies only for a v1 Namespace (kubectl create namespace), not v1 Pod:"
                + " send it as application/json");
  }

  @Test
  void aStrategicMergePatchWithAListDirectiveIsRefusedWithTheFix() throws Exception {
    api.apply(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\n"
            + "spec: {containers: [{name: a, image: x}, {name: b, image: x}]}\n");
    HttpResponse<String> refused =
        send(
            at("/api/v1/namespaces/default/pods/p")
                .header("Content-Type", "application/strategic-merge-patch+json")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"a\"},"
                            + "{\"name\":\"b\"}],\"containers\":[{\"name\":\"a\",\"image\":"
                            + "\"y\"}]}}")));

    assertThat(refused.statusCode()).isEqualTo(415);
    assertThat(refused.body())
        .contains("cannot honour its directive $setElementOrder/containers")
        .contains("kubectl replace --force -f <file>");
    assertThat(api.get("pods", "default", "p").orElseThrow().toString()).doesNotContain("\"y\"");
  }

  /** What client-go sends: {@code k8s\0} and a runtime.Unknown holding the object's protobuf. */
  private static byte[] envelope(String apiVersion, String kind) throws IOException {
    ByteString meta =
        message(
            out -> {
              out.writeString(1, "team-a");
              out.writeBytes(
                  11,
                  message(
                      e -> {
                        e.writeString(1, "team");
                        e.writeString(2, "a");
                      }));
              out.writeBytes(8, ByteString.EMPTY); // creationTimestamp: skipped
            });
    ByteString object = message(out -> out.writeBytes(1, meta));
    ByteString typeMeta =
        message(
            out -> {
              out.writeString(1, apiVersion);
              out.writeString(2, kind);
            });
    ByteString unknown =
        message(
            out -> {
              out.writeBytes(1, typeMeta);
              out.writeBytes(2, object);
              out.writeString(4, "application/vnd.kubernetes.protobuf");
            });
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {'k', '8', 's', 0});
    unknown.writeTo(bytes);
    return bytes.toByteArray();
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static ByteString message(Fields fields) throws IOException {
    ByteString.Output buf = ByteString.newOutput();
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    fields.write(out);
    out.flush();
    return buf.toByteString();
  }
}
