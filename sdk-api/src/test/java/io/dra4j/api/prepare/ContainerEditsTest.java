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
package io.dra4j.api.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerEditsTest {

  @Test
  void builderKeepsEveryEditInOrder() {
    Hook hook =
        new Hook(
            "createContainer",
            "/usr/bin/setup",
            List.of("setup", "-v"),
            List.of("A=1"),
            Optional.of(5));
    ContainerEdits edits =
        ContainerEdits.builder()
            .env("NEURON_RT_VISIBLE_CORES", "0-7")
            .env("A", "1")
            .deviceNode("/dev/neuron0")
            .deviceNode(
                new DeviceNode(
                    "/dev/infiniband/uverbs0",
                    Optional.of("/dev/infiniband/uverbs3"),
                    Optional.of("rw")))
            .mount(Mount.bindReadOnly("/opt/aws", "/opt/aws"))
            .hook(hook)
            .build();

    assertThat(edits.env().keySet()).containsExactly("NEURON_RT_VISIBLE_CORES", "A");
    assertThat(edits.deviceNodes())
        .extracting(DeviceNode::path)
        .containsExactly("/dev/neuron0", "/dev/infiniband/uverbs0");
    assertThat(edits.deviceNodes().get(1).hostPath()).contains("/dev/infiniband/uverbs3");
    assertThat(edits.mounts().get(0).options()).contains("ro", "bind");
    assertThat(edits.hooks()).containsExactly(hook);
    assertThat(edits.isEmpty()).isFalse();
    assertThat(ContainerEdits.none().isEmpty()).isTrue();
  }

  @Test
  void editsAreImmutable() {
    ContainerEdits edits = ContainerEdits.builder().env("A", "1").build();

    assertThatThrownBy(() -> edits.env().put("B", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> edits.deviceNodes().add(DeviceNode.of("/dev/x")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void environmentNamesMustBeNonEmptyWithoutEquals() {
    assertThatThrownBy(() -> ContainerEdits.builder().env("A=B", "1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'A=B'");
    assertThatThrownBy(() -> ContainerEdits.builder().env("", "1").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deviceNodePathsAreAbsolute() {
    assertThat(DeviceNode.of("/dev/neuron0").permissions()).isEmpty();
    assertThatThrownBy(() -> DeviceNode.of("dev/neuron0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be absolute");
  }

  @Test
  void deviceNodePermissionsAreASubsetOfRwm() {
    assertThat(new DeviceNode("/dev/x", Optional.empty(), Optional.of("rw")).permissions())
        .contains("rw");
    assertThat(new DeviceNode("/dev/x", Optional.empty(), Optional.of("m")).permissions())
        .contains("m");
    assertThatThrownBy(() -> new DeviceNode("/dev/x", Optional.empty(), Optional.of("wr")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subset of \"rwm\"");
    assertThatThrownBy(() -> new DeviceNode("/dev/x", Optional.empty(), Optional.of("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "prestart",
        "createRuntime",
        "createContainer",
        "startContainer",
        "poststart",
        "poststop"
      })
  void everyOciHookStageIsAccepted(String stage) {
    assertThat(new Hook(stage, "/bin/true", List.of(), List.of(), Optional.empty()).stage())
        .isEqualTo(stage);
  }

  @Test
  void otherHookStagesAreRejectedWithTheAllowedOnes() {
    assertThatThrownBy(
            () -> new Hook("preStart", "/bin/true", List.of(), List.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'preStart'")
        .hasMessageContaining("createContainer");
  }

  @Test
  void hookPathIsAbsoluteAndTimeoutPositive() {
    assertThatThrownBy(() -> new Hook("poststop", "true", List.of(), List.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be absolute");
    assertThatThrownBy(
            () -> new Hook("poststop", "/bin/true", List.of(), List.of(), Optional.of(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
  }

  @Test
  void preparationPairsDevicesWithEdits() {
    AllocatedDevice d = AllocatedDevice.of("gpu", "node-a", "gpu-0");
    ContainerEdits edits = ContainerEdits.builder().deviceNode("/dev/gpu0").build();
    ContainerEdits common = ContainerEdits.builder().env("DRIVER", "x").build();

    Preparation p = Preparation.builder().device(d, edits).common(common).build();

    assertThat(p.devices()).containsExactly(new PreparedDevice(d, edits));
    assertThat(p.common()).isEqualTo(common);
    assertThat(Preparation.builder().build().common().isEmpty()).isTrue();
    assertThat(new PreparedClaim(new ClaimRef("ns", "c", "u"), p).preparation()).isEqualTo(p);
  }
}
