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
package io.dra4j.api.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.RecordingContext;
import io.dra4j.api.device.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaintedPoolTest {
  private final RecordingContext ctx = new RecordingContext();
  private final TaintedPool pool =
      new TaintedPool(
          ctx,
          "node-1",
          "example.com/broken",
          List.of(Device.builder("a").build(), Device.builder("b").build()));

  private List<Device> lastDevices() {
    return ctx.lastPublished().pools().get(0).devices();
  }

  @Test
  void unknownFindingKeepsAnExistingTaint() {
    pool.publish();
    pool.apply(List.of(Finding.unhealthy("a", "bad", "a is bad"), Finding.healthy("b")));
    assertThat(lastDevices().get(0).taints()).hasSize(1);
    int publishes = ctx.published().size();

    var report = pool.apply(List.of(Finding.unknown("a", "unreadable"), Finding.healthy("b")));
    assertThat(ctx.published()).hasSize(publishes);
    assertThat(pool.tainted()).containsOnlyKeys("a");
    assertThat(report.get(0).status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(report.get(0).pool()).isEqualTo("node-1");
  }

  @Test
  void changedReasonRepublishesWithTheNewValue() {
    pool.apply(List.of(Finding.unhealthy("b", "first", "")));
    pool.apply(List.of(Finding.unhealthy("b", "second", "")));
    assertThat(ctx.published()).hasSize(2);
    assertThat(lastDevices().get(1).taints().get(0).value()).contains("second");
    assertThat(ctx.warnings()).hasSize(2);
  }

  @Test
  void aTaintThatCannotBePublishedIsTriedAgainByTheNextCheck() {
    pool.publish();

    assertThatThrownBy(
            () -> pool.apply(List.of(Finding.unhealthy("a", "not a label value!", "a is bad"))))
        .isInstanceOf(RuntimeException.class);
    assertThat(pool.tainted()).isEmpty();
    assertThat(ctx.published()).hasSize(1);

    pool.apply(List.of(Finding.unhealthy("a", "ecc-uncorrected", "a is bad")));
    assertThat(pool.tainted()).containsOnlyKeys("a");
    assertThat(lastDevices().get(0).taints()).hasSize(1);
  }

  @Test
  void replacingWithEqualDevicesDoesNotRepublish() {
    pool.publish();
    pool.replaceDevices(List.of(Device.builder("a").build(), Device.builder("b").build()));
    assertThat(ctx.published()).hasSize(1);
    pool.replaceDevices(
        List.of(Device.builder("a").attribute("x", 1).build(), Device.builder("b").build()));
    assertThat(ctx.published()).hasSize(2);
  }
}
