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
package io.dra4j.runtime.internal.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceVersionTranslatorTest {
  private static JsonObject json(String s) {
    return JsonParser.parseString(s).getAsJsonObject();
  }

  @Test
  void v1PathsOfTheResourceGroupMoveToTheServedVersion() {
    assertThat(
            ResourceVersionTranslator.toServedPath(
                "/apis/resource.k8s.io/v1/resourceslices/node-a-gpu-0", "v1beta2"))
        .isEqualTo("/apis/resource.k8s.io/v1beta2/resourceslices/node-a-gpu-0");
    assertThat(
            ResourceVersionTranslator.toServedPath(
                "/apis/resource.k8s.io/v1/namespaces/team-a/resourceclaims/train", "v1beta2"))
        .isEqualTo("/apis/resource.k8s.io/v1beta2/namespaces/team-a/resourceclaims/train");
    assertThat(ResourceVersionTranslator.toServedPath("/apis/resource.k8s.io/v1", "v1beta2"))
        .isEqualTo("/apis/resource.k8s.io/v1beta2");
  }

  @Test
  void pathsBehindAProxyPrefixAreTranslatedToo() {
    assertThat(
            ResourceVersionTranslator.toServedPath(
                "/k8s/clusters/c-1/apis/resource.k8s.io/v1/resourceslices", "v1beta2"))
        .isEqualTo("/k8s/clusters/c-1/apis/resource.k8s.io/v1beta2/resourceslices");
  }

  @Test
  void otherPathsAreLeftAlone() {
    for (String path :
        List.of(
            "/api/v1/nodes/node-a",
            "/apis/resource.k8s.io",
            "/apis/resource.k8s.io/v1beta1/resourceslices",
            "/apis/resource.k8s.io/v1alpha3/devicetaintrules",
            "/apis/apps/v1/deployments")) {
      assertThat(ResourceVersionTranslator.toServedPath(path, "v1beta2")).isEqualTo(path);
    }
  }

  @Test
  void requestBodiesSayTheServedVersion() {
    String body =
        "{\"apiVersion\":\"resource.k8s.io/v1\",\"kind\":\"ResourceSlice\","
            + "\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"Node\"}]},"
            + "\"spec\":{\"driver\":\"gpu.example.com\"}}";

    JsonObject out =
        json(ResourceVersionTranslator.toServedBody(body, "v1beta2", "resourceslices"));

    assertThat(out.get("apiVersion").getAsString()).isEqualTo("resource.k8s.io/v1beta2");
    assertThat(
            out.getAsJsonObject("metadata")
                .getAsJsonArray("ownerReferences")
                .get(0)
                .getAsJsonObject()
                .get("apiVersion")
                .getAsString())
        .as("the Node owner reference keeps core v1")
        .isEqualTo("v1");
    assertThat(out.getAsJsonObject("spec").get("driver").getAsString())
        .isEqualTo("gpu.example.com");
  }

  @Test
  void bodiesOfOtherGroupsAndNonJsonBodiesAreLeftAlone() {
    String options = "{\"apiVersion\":\"v1\",\"kind\":\"DeleteOptions\"}";
    assertThat(json(ResourceVersionTranslator.toServedBody(options, "v1beta2", "resourceslices")))
        .isEqualTo(json(options));
    assertThat(ResourceVersionTranslator.toServedBody("not json {", "v1beta2", "resourceslices"))
        .isEqualTo("not json {");
  }

  @Test
  void responseObjectsAndListItemsReadAsV1() {
    String list =
        "{\"apiVersion\":\"resource.k8s.io/v1beta2\",\"kind\":\"ResourceSliceList\","
            + "\"metadata\":{\"resourceVersion\":\"42\"},\"items\":["
            + "{\"apiVersion\":\"resource.k8s.io/v1beta2\",\"kind\":\"ResourceSlice\"},"
            + "{\"kind\":\"ResourceSlice\"}]}";

    JsonObject out =
        json(ResourceVersionTranslator.fromServedBody(list, "v1beta2", "resourceslices"));

    assertThat(out.get("apiVersion").getAsString()).isEqualTo("resource.k8s.io/v1");
    assertThat(out.getAsJsonArray("items").get(0).getAsJsonObject().get("apiVersion").getAsString())
        .isEqualTo("resource.k8s.io/v1");
    assertThat(out.getAsJsonArray("items").get(1).getAsJsonObject().has("apiVersion")).isFalse();
    assertThat(out.getAsJsonObject("metadata").get("resourceVersion").getAsString())
        .isEqualTo("42");
  }

  @Test
  void errorStatusResponsesAreLeftAlone() {
    String status =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":409,"
            + "\"details\":{\"group\":\"resource.k8s.io\",\"kind\":\"resourceslices\"}}";

    assertThat(json(ResourceVersionTranslator.fromServedBody(status, "v1beta2", "resourceslices")))
        .isEqualTo(json(status));
  }

  @Test
  void watchEventLinesCarryV1Objects() {
    String line =
        "{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"resource.k8s.io/v1beta2\","
            + "\"kind\":\"ResourceClaim\",\"metadata\":{\"name\":\"train\"}}}";

    JsonObject event =
        json(ResourceVersionTranslator.fromServedWatchLine(line, "v1beta2", "resourceclaims"));

    assertThat(event.get("type").getAsString()).isEqualTo("MODIFIED");
    assertThat(event.getAsJsonObject("object").get("apiVersion").getAsString())
        .isEqualTo("resource.k8s.io/v1");
    assertThat(
            event.getAsJsonObject("object").getAsJsonObject("metadata").get("name").getAsString())
        .isEqualTo("train");
  }

  @Test
  void watchBookmarksErrorsAndBlankLinesPassThrough() {
    String error =
        "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"code\":410}}";
    assertThat(
            json(ResourceVersionTranslator.fromServedWatchLine(error, "v1beta2", "resourceclaims")))
        .isEqualTo(json(error));
    assertThat(ResourceVersionTranslator.fromServedWatchLine("", "v1beta2", "resourceclaims"))
        .isEmpty();
  }

  @Test
  void largeIntegersKeepTheirDigits() {
    String body =
        "{\"apiVersion\":\"resource.k8s.io/v1beta2\",\"spec\":{\"devices\":[{\"attributes\":"
            + "{\"serial\":{\"int\":9007199254740993}}}]}}";

    assertThat(ResourceVersionTranslator.fromServedBody(body, "v1beta2", "resourceslices"))
        .contains("9007199254740993");
  }

  @Test
  void v1IsPreferredThenV1beta2ThenV1beta1() {
    assertThat(ResourceVersionTranslator.choose(List.of("v1beta1", "v1beta2", "v1"), "s", "d"))
        .isEqualTo("v1");
    assertThat(ResourceVersionTranslator.choose(List.of("v1beta1", "v1beta2"), "s", "d"))
        .isEqualTo("v1beta2");
    assertThat(ResourceVersionTranslator.choose(List.of("v1alpha3", "v1beta1"), "s", "d"))
        .isEqualTo("v1beta1");
  }

  @Test
  void aServerWithOnlyAnAlphaVersionIsRejectedNamingTheVersionsAndTheKubernetesNeeded() {
    assertThatThrownBy(
            () ->
                ResourceVersionTranslator.choose(
                    List.of("v1alpha3"), "https://10.0.0.1:6443", "gpu.example.com"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("https://10.0.0.1:6443")
        .hasMessageContaining("tried v1, v1beta2, v1beta1")
        .hasMessageContaining("serves only resource.k8s.io/v1alpha3")
        .hasMessageContaining("gpu.example.com")
        .hasMessageContaining("Kubernetes 1.34 or newer")
        .hasMessageContaining("--runtime-config=resource.k8s.io/v1beta1=true");
  }

  @Test
  void theResourceIsReadFromThePath() {
    assertThat(ResourceVersionTranslator.pluralOf("/apis/resource.k8s.io/v1/resourceslices"))
        .isEqualTo("resourceslices");
    assertThat(
            ResourceVersionTranslator.pluralOf(
                "/apis/resource.k8s.io/v1/namespaces/team-a/resourceclaims/train/status"))
        .isEqualTo("resourceclaims");
    assertThat(ResourceVersionTranslator.pluralOf("/apis/resource.k8s.io/v1/namespaces"))
        .isEqualTo("namespaces");
    assertThat(ResourceVersionTranslator.pluralOf("/apis/resource.k8s.io/v1")).isEmpty();
    assertThat(ResourceVersionTranslator.pluralOf("/api/v1/nodes")).isEmpty();
  }

  @Test
  void v1beta1RequestBodiesWrapDeviceFieldsInBasic() {
    String body =
        "{\"apiVersion\":\"resource.k8s.io/v1\",\"kind\":\"ResourceSlice\",\"spec\":{\"devices\":"
            + "[{\"name\":\"gpu-0\",\"attributes\":{\"index\":{\"int\":0}}}]}}";

    JsonObject out =
        json(ResourceVersionTranslator.toServedBody(body, "v1beta1", "resourceslices"));

    assertThat(out.get("apiVersion").getAsString()).isEqualTo("resource.k8s.io/v1beta1");
    assertThat(out.getAsJsonObject("spec").getAsJsonArray("devices").get(0))
        .isEqualTo(json("{\"name\":\"gpu-0\",\"basic\":{\"attributes\":{\"index\":{\"int\":0}}}}"));
  }

  @Test
  void v1beta1WatchLinesOfClaimsGetV1Requests() {
    String line =
        "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"resource.k8s.io/v1beta1\","
            + "\"kind\":\"ResourceClaim\",\"spec\":{\"devices\":{\"requests\":[{\"name\":\"gpus\","
            + "\"deviceClassName\":\"gpu.example.com\",\"count\":2}]}}}}";

    JsonObject event =
        json(ResourceVersionTranslator.fromServedWatchLine(line, "v1beta1", "resourceclaims"));

    assertThat(event.getAsJsonObject("object").get("apiVersion").getAsString())
        .isEqualTo("resource.k8s.io/v1");
    assertThat(
            event
                .getAsJsonObject("object")
                .getAsJsonObject("spec")
                .getAsJsonObject("devices")
                .getAsJsonArray("requests")
                .get(0))
        .isEqualTo(
            json(
                "{\"name\":\"gpus\",\"exactly\":{\"deviceClassName\":\"gpu.example.com\","
                    + "\"count\":2}}"));
  }

  @Test
  void discoveryDocumentVersionsAreReadInOrder() {
    JsonObject group =
        json(
            "{\"kind\":\"APIGroup\",\"name\":\"resource.k8s.io\",\"versions\":["
                + "{\"groupVersion\":\"resource.k8s.io/v1beta2\",\"version\":\"v1beta2\"},"
                + "{\"groupVersion\":\"resource.k8s.io/v1beta1\",\"version\":\"v1beta1\"}]}");

    assertThat(ResourceVersionTranslator.versionsOf(group)).containsExactly("v1beta2", "v1beta1");
    assertThat(ResourceVersionTranslator.versionsOf(json("{}"))).isEmpty();
  }

  @Test
  void onlySupportedVersionsCanBeUsed() {
    ResourceVersionTranslator t = new ResourceVersionTranslator("gpu.example.com");
    assertThat(t.served()).isEmpty();

    t.use("v1beta2");

    assertThat(t.served()).contains("v1beta2");
    assertThatThrownBy(() -> t.use("v1alpha3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[v1, v1beta2, v1beta1]");
  }
}
