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

import org.junit.jupiter.api.Test;

class ValidationExceptionTest {

  @Test
  void messageNamesObjectFieldValueAndRule() {
    ValidationException e =
        new ValidationException("device gpu_0", "name", "gpu_0", "must be a DNS label");

    assertThat(e.getMessage()).isEqualTo("device gpu_0: name 'gpu_0' must be a DNS label");
    assertThat(e.rule()).isEqualTo("must be a DNS label");
  }

  @Test
  void withinReportsAgainstTheEnclosingObjectAndKeepsTheCause() {
    ValidationException inner =
        new ValidationException("attribute", "string value", "xx", "is too long");

    ValidationException outer = inner.within("device d", "attribute model");

    assertThat(outer.getMessage()).isEqualTo("device d: attribute model 'xx' is too long");
    assertThat(outer.getCause()).isSameAs(inner);
    assertThat(outer.value()).isEqualTo("xx");
  }
}
