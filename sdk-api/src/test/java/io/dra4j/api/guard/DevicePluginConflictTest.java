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
package io.dra4j.api.guard;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.NodeUnreadableException;
import io.dra4j.api.RecordingContext;
import io.dra4j.api.device.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevicePluginConflictTest {
  private static final List<String> RESOURCES =
      List.of("vendor.example.com/gpu", "vendor.example.com/gpu-core");

  @Test
  void refusesWhenTheNodeAdvertisesAnyOfTheResources() {
    RecordingContext ctx =
        new RecordingContext(
            Map.of(
                "vendor.example.com/gpu-core", Quantity.parse("8"),
                "cpu", Quantity.parse("4")));

    assertThatThrownBy(
            () ->
                DevicePluginConflict.refuseIfAdvertised(
                    ctx, "gpu.example.com", "the GPU device plugin", RESOURCES))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("gpu.example.com will not start on node node-1")
        .hasMessageContaining("{vendor.example.com/gpu-core=8}")
        .hasMessageContaining("from the GPU device plugin")
        .hasMessageContaining("Remove the device plugin from this node");
  }

  @Test
  void startsWhenTheResourcesAreAbsentOrZero() {
    RecordingContext zero =
        new RecordingContext(Map.of("vendor.example.com/gpu", Quantity.parse("0")));

    assertThatCode(
            () ->
                DevicePluginConflict.refuseIfAdvertised(
                    zero, "gpu.example.com", "the GPU device plugin", RESOURCES))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                DevicePluginConflict.refuseIfAdvertised(
                    new RecordingContext(), "gpu.example.com", "the plugin", RESOURCES))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesWhenTheNodeCannotBeRead() {
    RecordingContext unreadable =
        RecordingContext.failingNodeRead(
            new NodeUnreadableException(
                "node-1", "cannot read Node node-1: HTTP 403; grant get on nodes"));

    assertThatThrownBy(
            () ->
                DevicePluginConflict.refuseIfAdvertised(
                    unreadable, "gpu.example.com", "the GPU device plugin", RESOURCES))
        .isInstanceOf(IllegalStateException.class)
        .hasCauseInstanceOf(NodeUnreadableException.class)
        .hasMessageStartingWith("gpu.example.com will not start on node node-1")
        .hasMessageContaining("cannot check whether the node still advertises")
        .hasMessageContaining("vendor.example.com/gpu")
        .hasMessageContaining("HTTP 403; grant get on nodes");
  }
}
