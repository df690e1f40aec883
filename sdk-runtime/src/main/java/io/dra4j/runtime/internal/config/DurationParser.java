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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a duration written Go style ({@code "1m30s"}, {@code "250ms"}, {@code "1.5h"}, {@code
 * "-2s"}, {@code "0"}; units ns, us, µs, ms, s, m, h) or ISO-8601 ({@code "PT90S"}). Fractions
 * below a nanosecond are dropped.
 */
final class DurationParser {
  private static final Pattern GO_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private DurationParser() {}

  /**
   * @throws IllegalArgumentException naming the text and both accepted spellings, or saying the
   *     duration does not fit in a {@link Duration} of nanoseconds
   */
  static Duration parse(String s) {
    String fix =
        "'"
            + s
            + "' is not a duration; write Go style like \"30s\", \"1m30s\", \"250ms\" or ISO-8601"
            + " like \"PT30S\"";
    if (s.startsWith("P") || s.startsWith("-P")) {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException ex) {
        throw new IllegalArgumentException(fix, ex);
      }
    }
    boolean negative = s.startsWith("-");
    String body = negative || s.startsWith("+") ? s.substring(1) : s;
    if (body.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = GO_PART.matcher(body);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanos(m.group(2)))));
      end = m.end();
    }
    if (end == 0 || end != body.length()) {
      throw new IllegalArgumentException(fix);
    }
    try {
      Duration d = Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
      return negative ? d.negated() : d;
    } catch (ArithmeticException ex) {
      throw new IllegalArgumentException("'" + s + "' is too long a duration", ex);
    }
  }

  private static long nanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }
}
