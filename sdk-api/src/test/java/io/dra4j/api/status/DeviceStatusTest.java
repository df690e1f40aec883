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
package io.dra4j.api.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.device.ValidationException;
import io.dra4j.api.status.DeviceCondition.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceStatusTest {

  @Test
  void dataIsCopiedDeeplyWithSortedKeysAndWrittenAsCompactJson() {
    Map<String, Object> nested = new HashMap<>();
    nested.put("b", List.of(1, 2.5, true));
    nested.put("a", "x\"y\\z\n");
    DeviceStatus status =
        DeviceStatus.builder().data("z", 1).data("rdma", nested).data("d", 1.0e10).build();
    nested.put("c", "later");

    assertThat(status.dataJson())
        .isEqualTo("{\"d\":1.0E10,\"rdma\":{\"a\":\"x\\\"y\\\\z\\n\",\"b\":[1,2.5,true]},\"z\":1}");
    assertThatThrownBy(() -> status.data().put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void noneIsEmptyAndReportsNothing() {
    assertThat(DeviceStatus.none().isEmpty()).isTrue();
    assertThat(DeviceStatus.none().dataJson()).isEqualTo("{}");
    assertThat(
            DeviceStatus.builder().networkData(NetworkData.ofInterface("efa0")).build().isEmpty())
        .isFalse();
  }

  @Test
  void dataOverTenKibibytesIsRefusedWithItsSize() {
    String big = "x".repeat(DeviceStatus.DATA_MAX_LENGTH);
    assertThatThrownBy(() -> DeviceStatus.builder().data("k", big).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("data")
        .hasMessageContaining("at most 10240 bytes of JSON");
    // 10240 bytes exactly is accepted: {"k":"..."} is 8 bytes of framing.
    assertThat(DeviceStatus.builder().data("k", "x".repeat(10240 - 8)).build().dataJson())
        .hasSize(10240);
  }

  @Test
  void dataRefusesValuesThatAreNotJson() {
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("k", null);
    assertThatThrownBy(() -> new DeviceStatus(List.of(), withNull, Optional.empty()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("data.k")
        .hasMessageContaining("must not be null");
    assertThatThrownBy(() -> DeviceStatus.builder().data("k", Instant.EPOCH).build())
        .hasMessageContaining("must be a JSON value");
    assertThatThrownBy(() -> DeviceStatus.builder().data("k", Double.NaN).build())
        .hasMessageContaining("must be a finite number");
    assertThatThrownBy(() -> DeviceStatus.builder().data("k", Map.of(1, "v")).build())
        .hasMessageContaining("must have string keys");
  }

  @Test
  void atMostEightConditionsWithDistinctTypes() {
    List<DeviceCondition> nine = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      nine.add(DeviceCondition.of("c" + i, Status.TRUE, "R", ""));
    }
    assertThatThrownBy(() -> new DeviceStatus(nine, Map.of(), Optional.empty()))
        .hasMessageContaining("at most 8 conditions");
    DeviceCondition ready = DeviceCondition.of("Ready", Status.TRUE, "R", "");
    assertThatThrownBy(() -> DeviceStatus.builder().condition(ready).condition(ready).build())
        .hasMessageContaining("'Ready' must not hold two conditions of one type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-Ready", "a/b/c", "Ready!", "dra.example.com/"})
  void conditionTypeMustBeALabelKey(String type) {
    assertThatThrownBy(() -> DeviceCondition.of(type, Status.TRUE, "R", ""))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("type")
        .hasMessageContaining("must be a label key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1Reason", "Reason-With-Dash", "Ends,", "has space"})
  void conditionReasonMustBeAReasonWord(String reason) {
    assertThatThrownBy(() -> DeviceCondition.of("Ready", Status.TRUE, reason, ""))
        .hasMessageContaining("reason")
        .hasMessageContaining("must start with a letter");
  }

  @Test
  void conditionLimitsAndStatusSpelling() {
    assertThat(DeviceCondition.of("dra.example.com/attached", Status.FALSE, "A:B,C_d", "m").type())
        .isEqualTo("dra.example.com/attached");
    assertThatThrownBy(() -> DeviceCondition.of("Ready", Status.TRUE, "R".repeat(1025), ""))
        .hasMessageContaining("at most 1024 bytes");
    assertThatThrownBy(() -> DeviceCondition.of("Ready", Status.TRUE, "R", "m".repeat(32769)))
        .hasMessageContaining("at most 32768 bytes");
    assertThatThrownBy(
            () -> new DeviceCondition("Ready", Status.TRUE, "R", "", -1, Optional.empty()))
        .hasMessageContaining("observedGeneration");
    assertThat(Status.fromWire("Unknown")).isEqualTo(Status.UNKNOWN);
    assertThatThrownBy(() -> Status.fromWire("true"))
        .hasMessageContaining("True, False or Unknown");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.0.2.5/24",
        "10.0.0.1/32",
        "2001:db8::5/64",
        "::1/128",
        "fe80::1:0:0:1/10",
        "2001:db8:0:1:1:1:1:1/64",
        "::/0"
      })
  void canonicalInterfaceAddressesAreAccepted(String ip) {
    assertThat(new NetworkData("efa0", List.of(ip), "").ips()).containsExactly(ip);
  }

  @ParameterizedTest
  @CsvSource({
    "192.0.2.5, CIDR form",
    "192.0.2.256/24, CIDR form",
    "192.0.2.5/33, CIDR form",
    "not-an-ip/24, CIDR form",
    "1:2:3:4:5:6:7:8:9/64, CIDR form",
    "192.000.2.5/24, canonical form: 192.0.2.5/24",
    "2001:DB8::5/64, canonical form: 2001:db8::5/64",
    "2001:0db8:0:0:0:0:0:5/64, canonical form: 2001:db8::5/64",
    "2001:db8:0:1:1:1:1:1/64x, CIDR form",
    "2001:db8::1:0:0:1/64, canonical form: 2001:db8::1:0:0:1/64x",
    "::ffff:192.0.2.5/120, canonical form: 192.0.2.5/24",
    "2001:db8:0:0:1:0:0:1/64, canonical form: 2001:db8::1:0:0:1/64"
  })
  void nonCanonicalOrBrokenAddressesAreRefusedWithTheCanonicalForm(String ip, String expected) {
    if (expected.endsWith("x")) {
      // A valid canonical address: the row checks that it is accepted.
      assertThat(new NetworkData("", List.of(ip.replace("x", "")), "").ips()).hasSize(1);
      return;
    }
    assertThatThrownBy(() -> new NetworkData("", List.of(ip), ""))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("ips")
        .hasMessageContaining(expected);
  }

  @Test
  void networkDataLimits() {
    assertThatThrownBy(() -> NetworkData.ofInterface("e".repeat(257)))
        .hasMessageContaining("interfaceName")
        .hasMessageContaining("at most 256 bytes");
    assertThatThrownBy(() -> new NetworkData("", List.of(), "m".repeat(129)))
        .hasMessageContaining("hardwareAddress");
    List<String> seventeen = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      seventeen.add("10.0.0." + i + "/24");
    }
    assertThatThrownBy(() -> new NetworkData("", seventeen, ""))
        .hasMessageContaining("at most 16 addresses");
    assertThatThrownBy(() -> new NetworkData("", List.of("10.0.0.1/24", "10.0.0.1/24"), ""))
        .hasMessageContaining("must not be listed twice");
  }

  @Test
  void unavailableWriterFailsSayingWhy() {
    ClaimStatusWriter writer = ClaimStatusWriter.unavailable("no API server in this test");
    assertThatThrownBy(
            () ->
                writer.setCondition(
                    new io.dra4j.api.prepare.ClaimRef("ns", "c", "u1"),
                    io.dra4j.api.prepare.AllocatedDevice.of("r", "p", "d"),
                    DeviceCondition.of("Ready", Status.TRUE, "R", "")))
        .isInstanceOf(ClaimStatusException.class)
        .hasMessageContaining("ns/c (uid u1)")
        .hasMessageContaining("no API server in this test");
  }
}
