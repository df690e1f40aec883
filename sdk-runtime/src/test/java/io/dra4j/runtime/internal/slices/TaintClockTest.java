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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.TaintEffect;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaintClockTest {
  private static final Instant START = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final Device GPU = Device.builder("gpu-0").build();
  private static final DeviceTaint ECC =
      DeviceTaint.of("unhealthy", "ecc", TaintEffect.NO_SCHEDULE);

  private Instant now = START;
  private final TaintClock taints = new TaintClock(() -> now);

  private static JsonObject sliceWithTaint(String device, String effect, String timeAdded) {
    return JsonParser.parseString(
            "{\"spec\":{\"devices\":[{\"name\":\""
                + device
                + "\",\"taints\":[{\"key\":\"unhealthy\",\"value\":\"ecc\",\"effect\":\""
                + effect
                + "\",\"timeAdded\":\""
                + timeAdded
                + "\"}]}]}}")
        .getAsJsonObject();
  }

  private Instant time(String pool, List<JsonObject> observed, Device device, DeviceTaint taint) {
    return taints.forPool(pool, observed).apply(device, taint);
  }

  @Test
  void aNewTaintIsStampedNowInWholeSeconds() {
    assertThat(time("p", List.of(), GPU, ECC)).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
  }

  @Test
  void aRepublishedTaintKeepsItsFirstTime() {
    Instant first = time("p", List.of(), GPU, ECC);
    now = now.plus(Duration.ofMinutes(5));

    assertThat(time("p", List.of(), GPU, ECC)).isEqualTo(first);
  }

  @Test
  void theTimeTheClusterShowsWinsAndIsRemembered() {
    List<JsonObject> observed =
        List.of(sliceWithTaint("gpu-0", "NoSchedule", "2025-06-07T08:09:10Z"));

    assertThat(time("p", observed, GPU, ECC)).isEqualTo(Instant.parse("2025-06-07T08:09:10Z"));
    now = now.plus(Duration.ofMinutes(5));
    // The slice is gone (deleted by someone else): the time stays.
    assertThat(time("p", List.of(), GPU, ECC)).isEqualTo(Instant.parse("2025-06-07T08:09:10Z"));
  }

  @Test
  void aTimeTheDriverSetWins() {
    DeviceTaint set =
        new DeviceTaint(
            "unhealthy",
            Optional.of("ecc"),
            TaintEffect.NO_SCHEDULE,
            Optional.of(Instant.parse("2024-01-01T00:00:00.999Z")));
    List<JsonObject> observed =
        List.of(sliceWithTaint("gpu-0", "NoSchedule", "2025-06-07T08:09:10Z"));

    assertThat(time("p", observed, GPU, set)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void anotherEffectDeviceOrPoolIsAnotherTaint() {
    Instant first = time("p", List.of(), GPU, ECC);
    now = now.plus(Duration.ofMinutes(5));
    Instant later = now.truncatedTo(ChronoUnit.SECONDS);

    assertThat(
            time(
                "p",
                List.of(),
                GPU,
                new DeviceTaint(
                    "unhealthy", Optional.of("ecc"), TaintEffect.NO_EXECUTE, Optional.empty())))
        .isEqualTo(later);
    assertThat(time("p", List.of(), Device.builder("gpu-1").build(), ECC)).isEqualTo(later);
    assertThat(time("q", List.of(), GPU, ECC)).isEqualTo(later);
    assertThat(time("p", List.of(), GPU, ECC)).isEqualTo(first);
  }

  @Test
  void anObservedTimeOfAnotherEffectIsNotUsed() {
    List<JsonObject> observed =
        List.of(sliceWithTaint("gpu-0", "NoExecute", "2025-06-07T08:09:10Z"));

    assertThat(time("p", observed, GPU, ECC)).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
  }

  @Test
  void anUnparsableObservedTimeIsStampedAnew() {
    List<JsonObject> observed = List.of(sliceWithTaint("gpu-0", "NoSchedule", "yesterday"));

    assertThat(time("p", observed, GPU, ECC)).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
  }
}
