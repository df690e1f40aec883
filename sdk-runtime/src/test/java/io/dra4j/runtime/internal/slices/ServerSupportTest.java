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
package io.dra4j.runtime.internal.slices;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerSupportTest {

  private static V1ResourceSlice slice(AttributeValue value) {
    Pool pool =
        Pool.builder("node-a")
            .device(Device.builder("nic-0").attribute("numaNodes", value).build())
            .build();
    PlannedSlice p = SliceLayout.plan("nic.example.com", "node-a", pool).get(0);
    return SliceRenderer.render(
        "nic.example.com", "node-a", p, 0, 1, Optional.empty(), (d, t) -> java.time.Instant.EPOCH);
  }

  private static ApiException rejected(String message) {
    return new ApiException(
        422, Map.of(), "{\"kind\":\"Status\",\"message\":\"" + message + "\",\"code\":422}");
  }

  @Test
  void aRejectedListAttributeNamesTheGateThatDroppedIt() {
    Optional<String> hint =
        ServerSupport.rejectionHint(
            slice(AttributeValue.ints(List.of(0L, 1L))),
            rejected(
                "ResourceSlice.resource.k8s.io \\\"x\\\" is invalid:"
                    + " spec.devices[0].attributes[numaNodes]: Invalid value: \\\"\\\": exactly one"
                    + " value must be specified"));

    assertThat(hint)
        .hasValueSatisfying(
            h ->
                assertThat(h)
                    .contains("device nic-0: list attribute numaNodes was dropped")
                    .contains(
                        "DRAListTypeAttributes off (the default in Kubernetes 1.36 and 1.37)"));
  }

  @Test
  void theKubernetes137WordingGetsTheSameHint() {
    assertThat(
            ServerSupport.rejectionHint(
                slice(AttributeValue.strings(List.of("a"))),
                rejected(
                    "[spec.devices[0].attributes[numaNodes]: Invalid value: \\\"\\\": must specify"
                        + " one of: `int`, `bool`, `string`, `version`, `ints`]")))
        .isPresent();
  }

  @Test
  void otherRejectionsGetNoHint() {
    assertThat(
            ServerSupport.rejectionHint(
                slice(AttributeValue.of(1)),
                rejected("spec.devices[0].attributes[numaNodes]: Invalid value: \\\"\\\": no")))
        .isEmpty();
    assertThat(
            ServerSupport.rejectionHint(
                slice(AttributeValue.ints(List.of(1L))), rejected("something else")))
        .isEmpty();
  }

  @Test
  void anUnknownServerVersionRefusesNothing() {
    new ServerSupport("test")
        .check(
            Pool.builder("node-a")
                .device(
                    Device.builder("nic-0")
                        .attribute("numaNodes", AttributeValue.ints(List.of(0L)))
                        .build())
                .build(),
            ServerVersion.UNKNOWN);
  }
}
