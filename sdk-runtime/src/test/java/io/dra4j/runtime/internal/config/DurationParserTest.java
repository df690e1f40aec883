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

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationParserTest {
  @Test
  void goSpellingsOfEveryUnit() {
    assertThat(DurationParser.parse("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(DurationParser.parse("3us")).isEqualTo(Duration.ofNanos(3_000));
    assertThat(DurationParser.parse("3µs")).isEqualTo(Duration.ofNanos(3_000));
    assertThat(DurationParser.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationParser.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationParser.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationParser.parse("4h")).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void partsAddUpInAnyOrderAndMayRepeat() {
    assertThat(DurationParser.parse("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
    assertThat(DurationParser.parse("1s1m")).isEqualTo(Duration.ofSeconds(61));
    assertThat(DurationParser.parse("1s1s")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void fractionsSignsAndZero() {
    assertThat(DurationParser.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationParser.parse(".5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationParser.parse("2.s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(DurationParser.parse("-1m30s")).isEqualTo(Duration.ofSeconds(-90));
    assertThat(DurationParser.parse("+5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(DurationParser.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(DurationParser.parse("-0")).isEqualTo(Duration.ZERO);
    assertThat(DurationParser.parse("0s")).isEqualTo(Duration.ZERO);
  }

  @Test
  void fractionsBelowANanosecondAreDropped() {
    assertThat(DurationParser.parse("1.9ns")).isEqualTo(Duration.ofNanos(1));
    assertThat(DurationParser.parse("0.0000000015s")).isEqualTo(Duration.ofNanos(1));
  }

  @Test
  void isoSpellings() {
    assertThat(DurationParser.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationParser.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationParser.parse("-PT1S")).isEqualTo(Duration.ofSeconds(-1));
    assertThat(DurationParser.parse("P1D")).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void malformedTextNamesItAndBothSpellings() {
    for (String bad :
        new String[] {"", "30", "s", "90 seconds", "1m 30s", "1d", "5S", "1.2.3s", "--1s", "PT"}) {
      assertThatThrownBy(() -> DurationParser.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "'"
                  + bad
                  + "' is not a duration; write Go style like \"30s\", \"1m30s\", \"250ms\" or"
                  + " ISO-8601 like \"PT30S\"");
    }
  }

  @Test
  void durationsBeyondLongNanosecondsAreTooLong() {
    assertThat(DurationParser.parse("2562047h")).isEqualTo(Duration.ofHours(2_562_047));
    assertThatThrownBy(() -> DurationParser.parse("2562048h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'2562048h' is too long a duration")
        .hasCauseInstanceOf(ArithmeticException.class);
  }
}
