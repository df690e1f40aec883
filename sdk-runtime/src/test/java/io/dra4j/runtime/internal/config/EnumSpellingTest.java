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
package io.dra4j.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnumSpellingTest {
  enum Strategy {
    TIME_SLICING,
    MPS
  }

  enum Mixed {
    fast,
    Slow,
    fast_path
  }

  @Test
  void constantNamesMatchInAnyCaseAndCamelOrKebabSpelling() {
    for (String spelling :
        new String[] {
          "TIME_SLICING",
          "time_slicing",
          "TimeSlicing",
          "timeSlicing",
          "time-slicing",
          "TIMESLICING"
        }) {
      assertThat(EnumSpelling.match(Strategy.class, spelling))
          .as(spelling)
          .contains(Strategy.TIME_SLICING);
    }
    assertThat(EnumSpelling.match(Strategy.class, "Mps")).contains(Strategy.MPS);
  }

  @Test
  void unknownSpellingsMatchNothing() {
    assertThat(EnumSpelling.match(Strategy.class, "Exclusive")).isEmpty();
    assertThat(EnumSpelling.match(Strategy.class, "")).isEmpty();
    assertThat(EnumSpelling.match(Strategy.class, "time slicing")).isEmpty();
  }

  @Test
  void anExactNameWinsOverANormalisedMatch() {
    assertThat(EnumSpelling.match(Mixed.class, "fast_path")).contains(Mixed.fast_path);
    assertThat(EnumSpelling.match(Mixed.class, "FastPath")).contains(Mixed.fast_path);
    assertThat(EnumSpelling.match(Mixed.class, "SLOW")).contains(Mixed.Slow);
  }

  @Test
  void allowedValuesArePascalCaseUnlessTheNameIsNotUpperSnakeCase() {
    assertThat(EnumSpelling.allowed(Strategy.class)).isEqualTo("TimeSlicing, Mps");
    assertThat(EnumSpelling.allowed(Mixed.class)).isEqualTo("fast, Slow, fast_path");
  }

  @Test
  void pascalSkipsEmptyParts() {
    assertThat(EnumSpelling.pascal("A__B_")).isEqualTo("AB");
    assertThat(EnumSpelling.pascal("GPU")).isEqualTo("Gpu");
  }

  @Test
  void aClassThatIsNotAnEnumIsAProgrammingError() {
    assertThatThrownBy(() -> EnumSpelling.match(String.class, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String is not an enum");
  }
}
