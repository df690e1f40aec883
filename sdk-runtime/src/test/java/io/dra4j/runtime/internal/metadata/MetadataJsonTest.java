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
package io.dra4j.runtime.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonStreamParser;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.prepare.ClaimRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetadataJsonTest {
  private static final ClaimRef CLAIM = new ClaimRef("default", "my-claim", "uid-1234");

  private static MetadataDevice gpu0() {
    Map<QualifiedName, AttributeValue> attrs = new LinkedHashMap<>();
    attrs.put(QualifiedName.of("type"), AttributeValue.of("gpu"));
    attrs.put(QualifiedName.of("model"), AttributeValue.of("LATEST-GPU-MODEL"));
    attrs.put(QualifiedName.of("driverVersion"), AttributeValue.version("1.0.0"));
    attrs.put(QualifiedName.of("resource.aws.com/devicegroup4_id"), AttributeValue.of(3));
    attrs.put(QualifiedName.of("healthy"), AttributeValue.of(true));
    return new MetadataDevice("worker-0", "gpu-0", attrs);
  }

  private static List<JsonObject> stream(byte[] bytes) {
    List<JsonObject> objects = new ArrayList<>();
    new JsonStreamParser(new String(bytes, StandardCharsets.UTF_8))
        .forEachRemaining(e -> objects.add(e.getAsJsonObject()));
    return objects;
  }

  @Test
  void aMetadataFileIsTheUpstreamV1alpha1ObjectWithAttributesInSliceForm() {
    byte[] bytes =
        MetadataJson.metadata("gpu.example.com", CLAIM, Optional.empty(), "gpu", List.of(gpu0()));

    // The document of the Go helper's decoder example, plus the attributes this test adds.
    JsonObject expected =
        JsonParser.parseString(
                "{\"kind\":\"DeviceMetadata\","
                    + "\"apiVersion\":\"metadata.resource.k8s.io/v1alpha1\","
                    + "\"metadata\":{\"name\":\"my-claim\",\"namespace\":\"default\","
                    + "\"uid\":\"uid-1234\",\"generation\":1},"
                    + "\"requests\":[{\"name\":\"gpu\",\"devices\":[{\"driver\":\"gpu.example.com\","
                    + "\"pool\":\"worker-0\",\"name\":\"gpu-0\",\"attributes\":{"
                    + "\"driverVersion\":{\"version\":\"1.0.0\"},\"healthy\":{\"bool\":true},"
                    + "\"model\":{\"string\":\"LATEST-GPU-MODEL\"},"
                    + "\"resource.aws.com/devicegroup4_id\":{\"int\":3},"
                    + "\"type\":{\"string\":\"gpu\"}}}]}]}")
            .getAsJsonObject();
    assertThat(stream(bytes)).containsExactly(expected);
  }

  @Test
  void theFileIsAStreamOfIndentedObjectsEachEndingInANewline() {
    String text =
        new String(
            MetadataJson.metadata("d.example.com", CLAIM, Optional.empty(), "r", List.of(gpu0())),
            StandardCharsets.UTF_8);

    assertThat(text).startsWith("{\n  \"kind\": \"DeviceMetadata\",\n  \"apiVersion\": ");
    assertThat(text).endsWith("}\n");
  }

  @Test
  void attributesAreSortedByNameAsGoWritesMapKeys() {
    String text =
        new String(
            MetadataJson.metadata("d.example.com", CLAIM, Optional.empty(), "r", List.of(gpu0())),
            StandardCharsets.UTF_8);

    assertThat(text.indexOf("\"driverVersion\""))
        .isLessThan(text.indexOf("\"healthy\""))
        .isLessThan(text.indexOf("\"model\""))
        .isLessThan(text.indexOf("\"resource.aws.com/devicegroup4_id\""))
        .isLessThan(text.indexOf("\"type\""));
  }

  @Test
  void aTemplateClaimRecordsItsPodClaimNameAndTheFullRequestName() {
    JsonObject o =
        stream(
                MetadataJson.metadata(
                    "d.example.com",
                    CLAIM,
                    Optional.of("my-gpu"),
                    "gpu/high-memory",
                    List.of(new MetadataDevice("p", "x", Map.of()))))
            .get(0);

    assertThat(o.get("podClaimName").getAsString()).isEqualTo("my-gpu");
    JsonObject request = o.getAsJsonArray("requests").get(0).getAsJsonObject();
    assertThat(request.get("name").getAsString()).isEqualTo("gpu/high-memory");
    JsonObject device = request.getAsJsonArray("devices").get(0).getAsJsonObject();
    assertThat(device.has("attributes")).as("no empty attributes object").isFalse();
  }

  @Test
  void theSameInputGivesTheSameBytes() {
    assertThat(MetadataJson.metadata("d", CLAIM, Optional.empty(), "r", List.of(gpu0())))
        .isEqualTo(MetadataJson.metadata("d", CLAIM, Optional.empty(), "r", List.of(gpu0())));
  }

  @Test
  void theCdiSpecBindMountsTheHostFileReadOnlyAtCdiVersion050() {
    byte[] spec =
        MetadataJson.cdiSpec(
            "gpu.example.com/metadata",
            "uid-1234_gpu",
            Path.of("/var/lib/kubelet/plugins/gpu.example.com/dra-device-metadata/f.json"),
            "/var/run/kubernetes.io/dra-device-attributes/resourceclaims/c/gpu/x-metadata.json");

    JsonObject expected =
        JsonParser.parseString(
                "{\"cdiVersion\":\"0.5.0\",\"kind\":\"gpu.example.com/metadata\",\"devices\":[{"
                    + "\"name\":\"uid-1234_gpu\",\"containerEdits\":{\"mounts\":[{"
                    + "\"hostPath\":\"/var/lib/kubelet/plugins/gpu.example.com/dra-device-metadata"
                    + "/f.json\",\"containerPath\":\"/var/run/kubernetes.io/dra-device-attributes"
                    + "/resourceclaims/c/gpu/x-metadata.json\",\"options\":[\"ro\",\"bind\"]}]}}]}")
            .getAsJsonObject();
    assertThat(stream(spec)).containsExactly(expected);
  }
}
