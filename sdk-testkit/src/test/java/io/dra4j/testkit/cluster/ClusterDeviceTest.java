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
package io.dra4j.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterDeviceTest {
  private static final ClusterDevice GPU =
      new ClusterDevice(
          "gpu.example.com",
          "node-1",
          "gpu-0",
          Optional.of("node-1"),
          Optional.empty(),
          Map.of(
              "index", AttributeValue.of(0),
              "model", AttributeValue.of("a100"),
              "ecc", AttributeValue.of(true),
              "driverVersion", AttributeValue.version("550.54.15"),
              "numaNodes", AttributeValue.ints(List.of(0L, 1L)),
              "resource.aws.com/devicegroup4_id", AttributeValue.of("g0")),
          Map.of("memory", Quantity.parse("40Gi")));

  @Test
  void anUnqualifiedNameMeansTheDriversDomain() {
    assertThat(GPU.intAttribute("index")).contains(0L);
    assertThat(GPU.intAttribute("gpu.example.com/index")).contains(0L);
    assertThat(GPU.stringAttribute("resource.aws.com/devicegroup4_id")).contains("g0");
    assertThat(GPU.boolAttribute("ecc")).contains(true);
    assertThat(GPU.versionAttribute("gpu.example.com/driverVersion")).contains("550.54.15");
    assertThat(GPU.attribute("numaNodes")).contains(AttributeValue.ints(List.of(0L, 1L)));
    assertThat(GPU.attributeText("numaNodes")).contains("0,1");
    assertThat(GPU.capacity("memory")).contains(Quantity.parse("40Gi"));
    assertThat(GPU.capacity("gpu.example.com/memory")).contains(Quantity.parse("40Gi"));
  }

  @Test
  void anAttributeTheDeviceDoesNotPublishIsEmpty() {
    assertThat(GPU.intAttribute("cores")).isEmpty();
    assertThat(GPU.attribute("other.example.com/cores")).isEmpty();
    assertThat(GPU.capacity("cores")).isEmpty();
  }

  @Test
  void theSameNameInAnotherDomainIsAnErrorNamingTheQualifiedName() {
    assertThatThrownBy(() -> GPU.stringAttribute("devicegroup4_id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "device gpu.example.com/node-1/gpu-0 has no attribute gpu.example.com/devicegroup4_id"
                + " (an unqualified name means the driver's domain) but has"
                + " resource.aws.com/devicegroup4_id: use the qualified name"
                + " resource.aws.com/devicegroup4_id");
  }

  @Test
  void aQualifiedNameInAnotherDomainNamesTheDriversOwn() {
    assertThatThrownBy(() -> GPU.intAttribute("other.example.com/index"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "device gpu.example.com/node-1/gpu-0 has no attribute other.example.com/index but has"
                + " index: use the qualified name gpu.example.com/index");
  }

  @Test
  void bothFormsPublishedAreAmbiguous() {
    ClusterDevice twice =
        new ClusterDevice(
            "gpu.example.com",
            "p",
            "gpu-1",
            Optional.empty(),
            Optional.of("gpu"),
            Map.of("index", AttributeValue.of(1), "gpu.example.com/index", AttributeValue.of(2)),
            Map.of());

    assertThatThrownBy(() -> twice.intAttribute("index"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attribute index of device gpu -> gpu.example.com/p/gpu-1")
        .hasMessageContaining("is ambiguous: the device publishes both gpu.example.com/index and")
        .hasMessageContaining("the driver should publish only one of them");
  }

  @Test
  void aMalformedNameIsAnErrorWithTheForms() {
    assertThatThrownBy(() -> GPU.attribute("not a name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'not a name' is not a valid attribute name (")
        .hasMessageEndingWith(
            "use the driver's own name such as index, or domain/name such as"
                + " resource.aws.com/devicegroup4_id");
  }

  @Test
  void aTypedLookupOfAnotherTypeNamesTheAccessorToUse() {
    assertThatThrownBy(() -> GPU.stringAttribute("index"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "attribute index of device gpu.example.com/node-1/gpu-0 is an int, not string:"
                + " read it with intAttribute(\"index\")");
    assertThatThrownBy(() -> GPU.intAttribute("numaNodes"))
        .hasMessageContaining("is a list of ints, not int: read it with attribute(\"numaNodes\")");
  }
}
