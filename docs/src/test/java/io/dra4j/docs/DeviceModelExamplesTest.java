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
package io.dra4j.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The device model examples of the SPI guide, compiled and checked. */
class DeviceModelExamplesTest {

  static Device fabricPort() {
    // snippet:binding-conditions
    // The scheduler waits with binding the pod until a controller has attached the port and
    // set the condition "fabric.example.com/attached" to True in the claim's device status; it
    // gives up when "AttachFailed" turns True. The allocation stays on the chosen node.
    return Device.builder("port-0")
        .attribute("fabric", "rack-7")
        .bindingConditions(List.of("fabric.example.com/attached"), List.of("AttachFailed"))
        .bindsToNode(true)
        .build();
    // end:binding-conditions
  }

  static Device nic() {
    // snippet:list-attributes
    // Kubernetes 1.36+ with the alpha gate DRAListTypeAttributes: one device, several values.
    return Device.builder("nic-0")
        .attribute("numaNodes", AttributeValue.ints(List.of(0L, 1L)))
        .attribute("linkModes", AttributeValue.strings(List.of("100G", "200G")))
        .build();
    // end:list-attributes
  }

  @Test
  void fabricPortWaitsForItsConditions() {
    Device d = fabricPort();

    assertThat(d.binding().conditions()).containsExactly("fabric.example.com/attached");
    assertThat(d.binding().bindsToNode()).isTrue();
  }

  @Test
  void nicHasListAttributes() {
    Device d = nic();

    assertThat(d.hasListAttributes()).isTrue();
    assertThat(d.attributes().get(QualifiedName.of("numaNodes")).valueCount()).isEqualTo(2);
  }

  @Test
  void aBindingFailureConditionWithoutConditionsIsRejected() {
    assertThatThrownBy(() -> Device.builder("port-0").bindingConditions(List.of(), List.of("X")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("device port-0");
  }
}
