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
package io.dra4j.runtime.internal.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.api.prepare.ClaimRef;
import org.junit.jupiter.api.Test;

class ClaimMapperTest {
  private static final ClaimRef REF = new ClaimRef("ns", "c", "uid-1");

  private static JsonObject claim(String status) {
    return JsonParser.parseString(
            "{\"metadata\":{\"name\":\"c\",\"namespace\":\"ns\",\"uid\":\"uid-1\"},"
                + "\"status\":"
                + status
                + "}")
        .getAsJsonObject();
  }

  @Test
  void opaqueParametersKeepTheirExactJsonText() throws Exception {
    AllocatedClaim c =
        ClaimMapper.map(
            REF,
            claim(
                "{\"allocation\":{\"devices\":{\"results\":[{\"request\":\"r\",\"driver\":\"d\","
                    + "\"pool\":\"p\",\"device\":\"x\"}],\"config\":[{\"source\":\"FromClaim\","
                    + "\"opaque\":{\"driver\":\"d\",\"parameters\":{\"n\":10,\"f\":1.50}}}]}}}"),
            "d");

    assertThat(c.configs().get(0).parametersJson()).isEqualTo("{\"n\":10,\"f\":1.50}");
    assertThat(c.devices().get(0).device().shareId()).isEmpty();
    assertThat(c.devices().get(0).device().adminAccess()).isFalse();
  }

  @Test
  void aTemplateClaimCarriesItsPodClaimNameFromTheAnnotation() throws Exception {
    String status =
        "{\"allocation\":{\"devices\":{\"results\":[{\"request\":\"r\",\"driver\":\"d\","
            + "\"pool\":\"p\",\"device\":\"x\"}]}}}";
    JsonObject fromTemplate = claim(status);
    JsonObject annotations = new JsonObject();
    annotations.addProperty("resource.kubernetes.io/pod-claim-name", "accel");
    fromTemplate.getAsJsonObject("metadata").add("annotations", annotations);

    assertThat(ClaimMapper.map(REF, fromTemplate, "d").podClaimName()).contains("accel");
    assertThat(ClaimMapper.map(REF, claim(status), "d").podClaimName()).isEmpty();
  }

  @Test
  void consumedCapacityKeepsItsSpellingAndTheShareIdIsRead() throws Exception {
    AllocatedClaim c =
        ClaimMapper.map(
            REF,
            claim(
                "{\"allocation\":{\"devices\":{\"results\":[{\"request\":\"r\",\"driver\":\"d\","
                    + "\"pool\":\"p\",\"device\":\"x\",\"shareID\":\"s-1\","
                    + "\"consumedCapacity\":{\"memory\":\"8Gi\",\"d/cores\":\"2\"}}]}}}"),
            "d");

    io.dra4j.api.prepare.AllocatedDevice d = c.devices().get(0).device();
    assertThat(d.shareId()).contains("s-1");
    assertThat(d.consumedCapacity().get(io.dra4j.api.device.QualifiedName.of("memory")))
        .hasToString("8Gi");
    assertThat(d.consumedCapacity().get(io.dra4j.api.device.QualifiedName.of("d/cores")))
        .isEqualTo(io.dra4j.api.device.Quantity.of(2));
  }

  @Test
  void nonPodConsumersAreNotPods() throws Exception {
    AllocatedClaim c =
        ClaimMapper.map(
            REF,
            claim(
                "{\"allocation\":{\"devices\":{\"results\":[{\"request\":\"r\",\"driver\":\"d\","
                    + "\"pool\":\"p\",\"device\":\"x\"}]}},\"reservedFor\":["
                    + "{\"resource\":\"pods\",\"name\":\"p1\",\"uid\":\"u1\"},"
                    + "{\"apiGroup\":\"batch\",\"resource\":\"jobs\",\"name\":\"j\",\"uid\":\"u2\"}]}"),
            "d");

    assertThat(c.reservedFor())
        .singleElement()
        .satisfies(p -> assertThat(p.name()).isEqualTo("p1"));
  }

  @Test
  void missingAllocationNamesTheClaim() {
    assertThatThrownBy(() -> ClaimMapper.map(REF, claim("{}"), "d"))
        .isInstanceOf(ClaimLookupException.class)
        .hasMessageContaining("ns/c (uid uid-1) is not allocated");
  }
}
