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
package io.dra4j.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginValidationTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final UnixChannels channels = new UnixChannels();
  private final DraPlugins plugins =
      new DraPlugins(
          channels,
          "node-1",
          Clock.systemUTC(),
          new EventLog(Clock.systemUTC()),
          scheduler,
          (driver, node) -> {},
          Duration.ofSeconds(30),
          new HealthCache(),
          Duration.ofSeconds(5));

  @AfterEach
  void close() {
    plugins.close();
    channels.close();
    scheduler.shutdownNow();
  }

  private DraPlugins.Choice validate(String versions) {
    return plugins.validate(
        "gpu.example.com", Path.of("/tmp/gpu.sock"), Arrays.asList(versions.split(" ")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "v1.DRAPlugin v1beta1.DRAPlugin, V1",
    "v1beta1.DRAPlugin v1.DRAPlugin, V1BETA1",
    "v1alpha4.DRAPlugin v1.DRAPlugin, V1",
    "v1alpha1.DRAResourceHealth v1beta1.DRAPlugin, V1BETA1",
  })
  void draVersionIsTheFirstKnownOneInThePluginsOrder(String versions, DraServiceVersion chosen) {
    assertThat(validate(versions).dra()).isEqualTo(chosen);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "v1.DRAPlugin v1alpha1.DRAResourceHealth v1.DRAResourceHealth, V1",
    "v1.DRAPlugin v1alpha1.DRAResourceHealth, V1ALPHA1",
    "v1.DRAPlugin v1.DRAResourceHealth, V1",
  })
  void healthVersionPrefersV1(String versions, HealthServiceVersion chosen) {
    assertThat(validate(versions).health()).contains(chosen);
  }

  @Test
  void noHealthVersionWhenNoneIsAdvertised() {
    assertThat(validate("v1.DRAPlugin").health()).isEqualTo(Optional.empty());
  }

  @Test
  void unknownVersionsOnlyAreRejectedNamingWhatIsSupported() {
    assertThatThrownBy(() -> validate("v1alpha4.DRAPlugin v1alpha1.DRAResourceHealth"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[v1alpha4.DRAPlugin, v1alpha1.DRAResourceHealth]")
        .hasMessageContaining("the kubelet supports v1.DRAPlugin and v1beta1.DRAPlugin");
  }

  @Test
  void emptyVersionListIsRejected() {
    assertThatThrownBy(
            () -> plugins.validate("gpu.example.com", Path.of("/tmp/gpu.sock"), List.of()))
        .hasMessageStartingWith("empty list for supported versions");
  }

  @Test
  void emptyDriverNameIsRejected() {
    assertThatThrownBy(
            () -> plugins.validate("", Path.of("/tmp/gpu.sock"), List.of("v1.DRAPlugin")))
        .hasMessageContaining("empty driver name");
  }
}
