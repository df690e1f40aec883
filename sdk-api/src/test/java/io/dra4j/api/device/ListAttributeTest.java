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
package io.dra4j.api.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListAttributeTest {

  @Test
  void listValuesKeepTheirOrderAndCountEachElement() {
    AttributeValue models = AttributeValue.strings(List.of("a100", "h100"));

    assertThat(models.isList()).isTrue();
    assertThat(models.valueCount()).isEqualTo(2);
    assertThat(((AttributeValue.StringListValue) models).values()).containsExactly("a100", "h100");
    assertThat(AttributeValue.of("a100").isList()).isFalse();
    assertThat(AttributeValue.of("a100").valueCount()).isEqualTo(1);
  }

  @Test
  void deviceWithAListAttributeSaysSo() {
    Device d =
        Device.builder("nic-0")
            .attribute("numaNodes", AttributeValue.ints(List.of(0L, 1L)))
            .attribute("links", AttributeValue.bools(List.of(true, false)))
            .attribute("firmware", AttributeValue.versions(List.of("1.0.0", "1.1.0-rc.1")))
            .build();

    assertThat(d.hasListAttributes()).isTrue();
    assertThat(Device.builder("gpu-0").attribute("index", 0).build().hasListAttributes()).isFalse();
  }

  @Test
  void emptyListsAndBadElementsAreRejected() {
    assertThatThrownBy(() -> AttributeValue.ints(List.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("ints '[]' must not be empty");
    assertThatThrownBy(() -> AttributeValue.strings(List.of("ok", "x".repeat(65))))
        .hasMessageContaining("at most 64 bytes");
    assertThatThrownBy(() -> AttributeValue.versions(List.of("1.0.0", "v2")))
        .hasMessageContaining("semantic version");
  }

  @Test
  void aDeviceHasAtMost48ValuesCountingListElements() {
    List<Long> forty = new ArrayList<>();
    for (long i = 0; i < 40; i++) {
      forty.add(i);
    }
    Device.Builder ok = Device.builder("nic-0").attribute("ids", AttributeValue.ints(forty));
    for (int i = 0; i < 8; i++) {
      ok.attribute("a" + i, i);
    }
    assertThat(ok.build().attributes()).hasSize(9);

    assertThatThrownBy(() -> ok.attribute("a8", 8).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("device nic-0: attribute values '49' at most 48 values");
  }
}
