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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ServerVersionTest {

  @Test
  void parsesTheMinorVersionAndIgnoresAManagedClustersSuffix() {
    assertThat(ServerVersion.parse("1", "35")).isEqualTo(ServerVersion.of(35));
    assertThat(ServerVersion.parse("1", "34+")).isEqualTo(ServerVersion.of(34));
    assertThat(ServerVersion.parse("1+", "37")).isEqualTo(ServerVersion.of(37));
  }

  @Test
  void anythingButKubernetes1WithANumericMinorIsUnknown() {
    assertThat(ServerVersion.parse("2", "0")).isEqualTo(ServerVersion.UNKNOWN);
    assertThat(ServerVersion.parse("1", "")).isEqualTo(ServerVersion.UNKNOWN);
    assertThat(ServerVersion.parse("", "")).isEqualTo(ServerVersion.UNKNOWN);
    assertThat(ServerVersion.parse("1", "x")).isEqualTo(ServerVersion.UNKNOWN);
    assertThat(ServerVersion.parse("1", "123456789012")).isEqualTo(ServerVersion.UNKNOWN);
    assertThat(ServerVersion.UNKNOWN.known()).isFalse();
    assertThat(ServerVersion.UNKNOWN).hasToString("unknown");
    assertThat(ServerVersion.of(36)).hasToString("1.36");
  }

  @Test
  void countersGoBesideTheirDevicesUpTo134Only() {
    assertThat(ServerVersion.of(33).countersBesideDevices()).isTrue();
    assertThat(ServerVersion.of(34).countersBesideDevices()).isTrue();
    assertThat(ServerVersion.of(34).counterLayout()).isEqualTo(CounterLayout.WITH_DEVICES);
    assertThat(ServerVersion.of(35).countersBesideDevices()).isFalse();
    assertThat(ServerVersion.of(37).counterLayout()).isEqualTo(CounterLayout.SEPARATE_SLICES);
    assertThat(ServerVersion.UNKNOWN.counterLayout()).isEqualTo(CounterLayout.SEPARATE_SLICES);
  }

  @Test
  void theSixtyFourDeviceRuleCoversListAttributesFrom136AndWhenUnknown() {
    assertThat(ServerVersion.of(35).sixtyFourDeviceRuleCoversListAttributes()).isFalse();
    assertThat(ServerVersion.of(36).sixtyFourDeviceRuleCoversListAttributes()).isTrue();
    assertThat(ServerVersion.of(37).sixtyFourDeviceRuleCoversListAttributes()).isTrue();
    assertThat(ServerVersion.UNKNOWN.sixtyFourDeviceRuleCoversListAttributes()).isTrue();
  }

  @Test
  void listAttributesFrom136AndSharingAndBindingAlphaBefore() {
    assertThat(ServerVersion.of(35).hasListAttributes()).isFalse();
    assertThat(ServerVersion.of(36).hasListAttributes()).isTrue();
    assertThat(ServerVersion.UNKNOWN.hasListAttributes()).isTrue();
    assertThat(ServerVersion.of(35).sharingAndBindingAlpha()).isTrue();
    assertThat(ServerVersion.of(36).sharingAndBindingAlpha()).isFalse();
    assertThat(ServerVersion.UNKNOWN.sharingAndBindingAlpha()).isFalse();
  }

  @Test
  void aNegativeMinorVersionIsRefused() {
    assertThatThrownBy(() -> new ServerVersion(OptionalInt.of(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not negative");
  }
}
