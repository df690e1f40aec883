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
package io.dra4j.bench.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dra4j.api.device.Device;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.testkit.fixtures.RecordingDriverContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideBySideDriverTest {
  @TempDir Path dir;

  private RecordingDriverContext context(Path devices) {
    return RecordingDriverContext.builder()
        .nodeName("node-a")
        .setting(SideBySideDriver.DEVICES_FILE, devices.toString())
        .build();
  }

  private static List<String> names(RecordingDriverContext context) {
    return context.lastPool().devices().stream().map(Device::name).toList();
  }

  @Test
  void publishesTheDevicesTheFileCountsAndRepublishesWhenItChanges() throws Exception {
    Path devices = Files.writeString(dir.resolve("devices"), "3 1\n");
    RecordingDriverContext context = context(devices);
    SideBySideDriver driver = new SideBySideDriver();
    try {
      driver.start(context);
      assertThat(names(context)).containsExactly("dev-0", "dev-1", "dev-2");
      assertThat(context.lastPool().name()).isEqualTo(SideBySideDriver.POOL);

      Files.writeString(devices, "3 2\n");
      await().atMost(Duration.ofSeconds(10)).until(() -> context.published().size() == 2);
      assertThat(names(context)).containsExactly("dev-0", "dev-1", "dev-2");

      Files.writeString(devices, "4 3\n");
      await().atMost(Duration.ofSeconds(10)).until(() -> context.published().size() == 3);
      assertThat(names(context)).containsExactly("dev-0", "dev-1", "dev-2", "dev-3");
    } finally {
      driver.close();
    }
  }

  @Test
  void startWithoutTheDevicesFileSettingNamesTheSetting() {
    RecordingDriverContext context = RecordingDriverContext.builder().nodeName("node-a").build();
    assertThatThrownBy(() -> new SideBySideDriver().start(context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--set " + SideBySideDriver.DEVICES_FILE + "=");
  }

  @Test
  void badDevicesFileContentNamesTheFileAndTheFormat() {
    Path file = dir.resolve("devices");
    assertThatThrownBy(() -> SideBySideDriver.DevicesFile.count(file, "many 1"))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("'many 1'")
        .hasMessageContaining("'<count> <token>'");
    assertThatThrownBy(() -> SideBySideDriver.DevicesFile.count(file, "-1 1"))
        .hasMessageContaining("non-negative");
    assertThat(SideBySideDriver.DevicesFile.count(file, "16 7\n")).isEqualTo(16);
  }

  @Test
  void preparesEveryDeviceWithTheBenchmarkDriversEnvironmentVariable() {
    Preparation p =
        new SideBySideDriver()
            .prepare(
                new PrepareRequest(
                    new ClaimRef("ns", "c", "uid-1"),
                    List.of(
                        AllocatedDevice.of("dev", "pool", "dev-3"),
                        AllocatedDevice.of("dev", "pool", "dev-5")),
                    List.of(),
                    List.of()));
    assertThat(p.devices())
        .extracting(d -> d.edits().env().get("BENCH_DEVICE"))
        .containsExactly("dev-3", "dev-5");
  }
}
