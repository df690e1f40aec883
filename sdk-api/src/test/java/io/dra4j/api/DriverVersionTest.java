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
package io.dra4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DriverVersionTest {

  @Test
  void currentIsTheFilteredProjectVersion() {
    assertThat(DriverVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void aDriverReadsItsOwnVersionFileNextToItsClass() {
    assertThat(DriverVersion.of(DriverVersionTest.class, "test-version.properties"))
        .isEqualTo("2.3.4-rc.1");
  }

  @Test
  void aMissingFileNamesTheFileAndHowToAddIt() {
    assertThatThrownBy(() -> DriverVersion.of(DriverVersionTest.class, "absent.properties"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("absent.properties next to io.dra4j.api.DriverVersionTest")
        .hasMessageContaining("version=${project.version}");
  }

  @Test
  void anUnfilteredFileIsRejected() {
    assertThatThrownBy(() -> DriverVersion.of(DriverVersionTest.class, "unfiltered.properties"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds no filtered version (found '${project.version}')")
        .hasMessageContaining("resource filtering");
  }
}
