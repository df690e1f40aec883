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

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceNodeTest {

  @Test
  void aMappedNodeKeepsTheHostPathApartFromTheContainerPath() {
    DeviceNode node = DeviceNode.mapped("/dev/neuron3", "/dev/neuron0");

    assertThat(node.path()).isEqualTo("/dev/neuron0");
    assertThat(node.hostPath()).contains("/dev/neuron3");
    assertThat(node.permissions()).isEmpty();
  }

  @Test
  void aMappedNodeAtTheSamePathIsAPlainNode() {
    assertThat(DeviceNode.mapped("/dev/neuron0", "/dev/neuron0"))
        .isEqualTo(DeviceNode.of("/dev/neuron0"));
  }

  @Test
  void aRelativeContainerPathIsRefused() {
    assertThatThrownBy(() -> DeviceNode.mapped("/dev/neuron3", "neuron0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'neuron0'")
        .hasMessageContaining("must be absolute");
  }

  @Test
  void aRelativeHostPathIsRefusedNamingTheNode() {
    assertThatThrownBy(() -> DeviceNode.mapped("dev/neuron3", "/dev/neuron0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("device node /dev/neuron0")
        .hasMessageContaining("host path 'dev/neuron3'")
        .hasMessageContaining("must be absolute");
    assertThatThrownBy(
            () -> new DeviceNode("/dev/neuron0", Optional.of("neuron3"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host path 'neuron3'");
  }

  @Test
  void missingPathsAreRefused() {
    assertThatThrownBy(() -> DeviceNode.mapped(null, "/dev/neuron0"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("hostPath");
    assertThatThrownBy(() -> DeviceNode.mapped("/dev/neuron0", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("containerPath");
  }
}
