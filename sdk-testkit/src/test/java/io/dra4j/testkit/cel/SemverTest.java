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
package io.dra4j.testkit.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemverTest {

  @Test
  void precedenceFollowsSemver2() {
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.10.0",
            "2.0.0");
    List<Semver> shuffled = new ArrayList<>(ordered.stream().map(Semver::parse).toList());
    Collections.reverse(shuffled);
    Collections.sort(shuffled);
    assertThat(shuffled.stream().map(Semver::toString)).containsExactlyElementsOf(ordered);
  }

  @Test
  void buildMetadataIsIgnoredForPrecedence() {
    assertThat(Semver.parse("1.2.3+a").compareTo(Semver.parse("1.2.3+b"))).isZero();
  }

  @Test
  void invalidVersionsAreRejectedWithTheRule() {
    assertThat(Semver.isValid("1.2")).isFalse();
    assertThat(Semver.isValid("01.2.3")).isFalse();
    assertThat(Semver.isValid("1.2.3-01")).isFalse();
    assertThat(Semver.isValid("v1.2.3")).isFalse();
    assertThatThrownBy(() -> Semver.parse("1.2.x"))
        .hasMessageContaining("1.2.x")
        .hasMessageContaining("MAJOR, MINOR and PATCH must be numbers");
  }
}
