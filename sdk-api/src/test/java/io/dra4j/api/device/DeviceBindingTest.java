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
package io.dra4j.api.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceBindingTest {

  @Test
  void deviceKeepsConditionsAndBindsToNode() {
    Device d =
        Device.builder("fabric-0")
            .bindingConditions(List.of("fabric.example.com/attached"), List.of("AttachFailed"))
            .bindsToNode(true)
            .build();

    assertThat(d.binding().conditions()).containsExactly("fabric.example.com/attached");
    assertThat(d.binding().failureConditions()).containsExactly("AttachFailed");
    assertThat(d.binding().bindsToNode()).isTrue();
    assertThat(d.toBuilder().build()).isEqualTo(d);
  }

  @Test
  void bindsToNodeSurvivesSettingConditionsAfterIt() {
    Device d =
        Device.builder("fabric-0")
            .bindsToNode(true)
            .bindingConditions(List.of("Attached"), List.of("Failed"))
            .build();

    assertThat(d.binding().bindsToNode()).isTrue();
  }

  @Test
  void aPlainDeviceBindsImmediately() {
    assertThat(Device.builder("gpu-0").build().binding().isImmediate()).isTrue();
  }

  @Test
  void badConditionsAreRejectedNamingTheDeviceAndField() {
    assertThatThrownBy(
            () ->
                Device.builder("fabric-0")
                    .bindingConditions(List.of("a", "b", "c", "d", "e"), List.of("f")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("device fabric-0: bindingConditions '5' at most 4");
    assertThatThrownBy(
            () -> Device.builder("fabric-0").bindingConditions(List.of("not a type"), List.of("f")))
        .hasMessageContaining("bindingConditions 'not a type' must be a condition type");
    assertThatThrownBy(
            () -> Device.builder("fabric-0").bindingConditions(List.of("A", "A"), List.of("F")))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(
            () -> Device.builder("fabric-0").bindingConditions(List.of("A"), List.of("A")))
        .hasMessageContaining("bindingFailureConditions 'A' is also a binding condition");
    assertThatThrownBy(() -> Device.builder("fabric-0").bindingConditions(List.of("A"), List.of()))
        .hasMessageContaining("bindingFailureConditions '[]' must be set together with");
    assertThatThrownBy(() -> Device.builder("fabric-0").bindingConditions(List.of(), List.of("F")))
        .hasMessageContaining("bindingConditions '[]' must be set together with");
  }
}
