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
package io.dra4j.runtime.internal.claimstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.api.device.ValidationException;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.status.DeviceCondition;
import io.dra4j.api.status.DeviceCondition.Status;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.api.status.NetworkData;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceEntriesTest {
  private static final String ME = "efa.example.com";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T01:00:00Z");
  private static final AllocatedDevice DEV = AllocatedDevice.of("r", "node-a", "dev0");

  private static JsonArray devices(String json) {
    return JsonParser.parseString(json).getAsJsonArray();
  }

  private static final String OTHERS =
      "[{\"driver\":\"gpu.example.com\",\"pool\":\"node-a\",\"device\":\"dev0\","
          + "\"data\":{\"x\":1}},"
          + "{\"driver\":\"efa.example.com\",\"pool\":\"node-a\",\"device\":\"dev1\"}]";

  private static DeviceStatus ready(String reason) {
    return DeviceStatus.builder()
        .condition(DeviceCondition.of("Ready", Status.TRUE, reason, ""))
        .data("rdmaDevice", "rdmap0")
        .networkData(new NetworkData("eth1", List.of("10.0.0.5/24"), "02:00:00:00:00:01"))
        .build();
  }

  @Test
  void mergeAppendsTheDeviceEntryAndLeavesOtherDriversEntriesAsTheyWere() {
    JsonArray before = devices(OTHERS);
    JsonArray after = DeviceEntries.merge(ME, DEV, ready("Prepared")).apply(before, T0);

    assertThat(after).hasSize(3);
    assertThat(after.get(0)).isEqualTo(before.get(0));
    assertThat(after.get(1)).isEqualTo(before.get(1));
    JsonObject mine = after.get(2).getAsJsonObject();
    assertThat(JsonFields.string(mine, "driver")).isEqualTo(ME);
    assertThat(JsonFields.string(mine, "device")).isEqualTo("dev0");
    assertThat(JsonFields.string(mine, "networkData", "interfaceName")).isEqualTo("eth1");
    assertThat(JsonFields.strings(mine, "networkData", "ips")).containsExactly("10.0.0.5/24");
    assertThat(JsonFields.string(mine, "data", "rdmaDevice")).isEqualTo("rdmap0");
    JsonObject c = JsonFields.objects(mine, "conditions").get(0);
    assertThat(JsonFields.string(c, "lastTransitionTime")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(before).as("the input stays unchanged").hasSize(2);
  }

  @Test
  void mergeKeepsConditionsSetByOthersAndTheTransitionTimeOfAnUnchangedStatus() {
    JsonArray bound =
        DeviceEntries.condition(
                ME,
                DEV,
                DeviceCondition.of("dra.example.com/attached", Status.TRUE, "Attached", ""))
            .apply(new JsonArray(), T0);
    JsonArray first = DeviceEntries.merge(ME, DEV, ready("Prepared")).apply(bound, T0);
    JsonArray second = DeviceEntries.merge(ME, DEV, ready("PreparedAgain")).apply(first, T1);

    List<JsonObject> conditions = JsonFields.objects(second.get(0).getAsJsonObject(), "conditions");
    assertThat(conditions)
        .extracting(c -> JsonFields.string(c, "type"))
        .containsExactly("dra.example.com/attached", "Ready");
    assertThat(JsonFields.string(conditions.get(1), "reason")).isEqualTo("PreparedAgain");
    assertThat(JsonFields.string(conditions.get(1), "lastTransitionTime"))
        .as("status unchanged: the first transition time stays")
        .isEqualTo("2026-01-01T00:00:00Z");

    JsonArray flipped =
        DeviceEntries.condition(ME, DEV, DeviceCondition.of("Ready", Status.FALSE, "Lost", ""))
            .apply(second, T1);
    JsonObject ready = JsonFields.objects(flipped.get(0).getAsJsonObject(), "conditions").get(1);
    assertThat(JsonFields.string(ready, "lastTransitionTime")).isEqualTo("2026-01-01T01:00:00Z");
  }

  @Test
  void anEmptyStatusChangesNothingOnMergeAndRemovesTheEntryOnReplace() {
    JsonArray before = devices(OTHERS);
    assertThat(DeviceEntries.merge(ME, DEV, DeviceStatus.none()).apply(before, T0))
        .isEqualTo(before);
    AllocatedDevice dev1 = AllocatedDevice.of("r", "node-a", "dev1");
    JsonArray after = DeviceEntries.replace(ME, dev1, DeviceStatus.none()).apply(before, T0);
    assertThat(after).singleElement().isEqualTo(before.get(0));
  }

  @Test
  void replaceDropsConditionsAndDataNotGivenAgain() {
    JsonArray first = DeviceEntries.merge(ME, DEV, ready("Prepared")).apply(new JsonArray(), T0);
    JsonArray replaced =
        DeviceEntries.replace(
                ME,
                DEV,
                DeviceStatus.builder()
                    .condition(DeviceCondition.of("Healthy", Status.TRUE, "Ok", ""))
                    .build())
            .apply(first, T1);
    JsonObject entry = replaced.get(0).getAsJsonObject();
    assertThat(JsonFields.objects(entry, "conditions"))
        .extracting(c -> JsonFields.string(c, "type"))
        .containsExactly("Healthy");
    assertThat(entry.has("data")).isFalse();
    assertThat(entry.has("networkData")).isFalse();
  }

  @Test
  void clearRemovesOnlyThisDriversEntries() {
    JsonArray after = DeviceEntries.clear(ME).apply(devices(OTHERS), T0);
    assertThat(after)
        .singleElement()
        .satisfies(
            e ->
                assertThat(JsonFields.string(e.getAsJsonObject(), "driver"))
                    .isEqualTo("gpu.example.com"));
  }

  @Test
  void theShareIdIsPartOfTheKey() {
    AllocatedDevice shareA =
        new AllocatedDevice("r", "node-a", "dev0", false, Optional.of("a"), java.util.Map.of());
    AllocatedDevice shareB =
        new AllocatedDevice("r", "node-a", "dev0", false, Optional.of("b"), java.util.Map.of());
    JsonArray both =
        DeviceEntries.merge(ME, shareB, ready("B"))
            .apply(DeviceEntries.merge(ME, shareA, ready("A")).apply(new JsonArray(), T0), T0);
    assertThat(both).hasSize(2);
    assertThat(JsonFields.string(both.get(1).getAsJsonObject(), "shareID")).isEqualTo("b");
  }

  @Test
  void readingAnEntryChecksItAsTheApiServerDoes() {
    JsonObject entry =
        DeviceEntries.merge(ME, DEV, ready("Prepared"))
            .apply(new JsonArray(), T0)
            .get(0)
            .getAsJsonObject();
    assertThat(DeviceStatusJson.read(entry))
        .satisfies(
            s -> {
              assertThat(s.data()).containsEntry("rdmaDevice", "rdmap0");
              assertThat(s.conditions().get(0).lastTransitionTime()).contains(T0);
            });

    JsonObject badIp = entry.deepCopy();
    badIp.getAsJsonObject("networkData").add("ips", devices("[\"10.0.0.05/24\"]"));
    assertThatThrownBy(() -> DeviceStatusJson.read(badIp))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("canonical form: 10.0.0.5/24");

    JsonObject noTime = entry.deepCopy();
    JsonFields.objects(noTime, "conditions").get(0).remove("lastTransitionTime");
    assertThatThrownBy(() -> DeviceStatusJson.read(noTime))
        .hasMessageContaining("lastTransitionTime: must be set");

    JsonObject arrayData = entry.deepCopy();
    arrayData.add("data", devices("[1]"));
    assertThatThrownBy(() -> DeviceStatusJson.read(arrayData))
        .hasMessageContaining("data: must be a valid JSON object");
  }
}
