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
package io.dra4j.driver.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstanceTypeTest {

  @Test
  void splitsFamilyAndSize() {
    InstanceType t = new InstanceType(" trn2u.48xlarge\n");
    assertThat(t.name()).isEqualTo("trn2u.48xlarge");
    assertThat(t.family()).isEqualTo("trn2u");
    assertThat(t.size()).isEqualTo("48xlarge");
    assertThat(t.isTrainium()).isTrue();
    assertThat(t.isUltraServer()).isTrue();
    assertThat(t.isEfaEnabled()).isTrue();
  }

  @Test
  void inferentiaIsNeitherTrainiumNorEfaEnabled() {
    InstanceType t = new InstanceType("inf2.48xlarge");
    assertThat(t.isInferentia()).isTrue();
    assertThat(t.isTrainium()).isFalse();
    assertThat(t.isEfaEnabled()).isFalse();
    assertThat(t.isUltraServer()).isFalse();
  }

  @Test
  void smallTrainiumIsNotEfaEnabled() {
    assertThat(new InstanceType("trn1.2xlarge").isEfaEnabled()).isFalse();
    assertThat(new InstanceType("trn1.32xlarge").isUltraServer()).isFalse();
  }

  @Test
  void rejectsTextThatIsNoInstanceType() {
    assertThatThrownBy(() -> new InstanceType("Amazon EC2"))
        .hasMessageContaining("<family>.<size>");
    assertThat(InstanceType.parse("")).isEmpty();
    assertThat(InstanceType.parse("trn1.")).isEmpty();
  }
}
