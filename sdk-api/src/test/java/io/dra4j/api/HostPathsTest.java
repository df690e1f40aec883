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

import io.dra4j.api.config.ConfigKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostPathsTest {

  record NeuronConfig(int cores) {}

  @Test
  void hostUsesTheRealRoots() {
    assertThat(HostPaths.host())
        .isEqualTo(new HostPaths(Path.of("/sys"), Path.of("/dev"), Path.of("/proc")));
  }

  @Test
  void fixtureTreesLiveBelowOneRoot() {
    HostPaths p = HostPaths.under(Path.of("/tmp/trn1"));

    assertThat(p.sys()).isEqualTo(Path.of("/tmp/trn1/sys"));
    assertThat(p.dev()).isEqualTo(Path.of("/tmp/trn1/dev"));
    assertThat(p.proc()).isEqualTo(Path.of("/tmp/trn1/proc"));
  }

  @Test
  void configKindsNameTheirRecordType() {
    ConfigKind<NeuronConfig> kind =
        ConfigKind.of("neuron.aws.com/v1", "NeuronConfig", NeuronConfig.class);

    assertThat(kind.type()).isEqualTo(NeuronConfig.class);
    assertThat(kind.kind()).isEqualTo("NeuronConfig");
  }
}
