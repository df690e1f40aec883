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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of {@link Quantity#parse}: any text either parses or fails with a {@link
 * ValidationException} that quotes the text, within a bounded time; what parses prints a canonical
 * form that parses back to the same value and prints the same.
 */
class QuantityFuzzTest {
  private static final Duration PER_TRY = Duration.ofSeconds(10);

  @Property
  void anyTextParsesOrFailsWithAMessageNamingIt(@ForAll("texts") String text) {
    assertTimeoutPreemptively(PER_TRY, () -> parseOrExplain(text));
  }

  @Property
  void quantityLikeTextParsesOrFailsWithAMessageNamingIt(@ForAll("quantityLike") String text) {
    assertTimeoutPreemptively(PER_TRY, () -> parseOrExplain(text));
  }

  @Property
  void theCanonicalFormRoundTrips(@ForAll("quantityLike") String text) {
    assertTimeoutPreemptively(
        PER_TRY,
        () -> {
          Quantity q;
          try {
            q = Quantity.parse(text);
          } catch (ValidationException e) {
            return;
          }
          String canonical = q.toString();
          Quantity again = Quantity.parse(canonical);
          assertThat(again).as("%s printed as %s", text, canonical).isEqualTo(q);
          assertThat(again.toString())
              .as("the canonical form of %s is stable", text)
              .isEqualTo(canonical);
        });
  }

  private static void parseOrExplain(String text) {
    try {
      Quantity q = Quantity.parse(text);
      assertThat(q.toString()).isNotEmpty();
    } catch (ValidationException e) {
      assertThat(e.getMessage()).startsWith("quantity: text '" + text + "' ");
      assertThat(e.rule()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().all().ofMaxLength(40);
  }

  /** Sign, digits, fraction and suffix pieces, including huge exponents and long digit runs. */
  @Provide
  Arbitrary<String> quantityLike() {
    Arbitrary<String> sign = Arbitraries.of("", "", "+", "-", "--", " ");
    Arbitrary<String> digits =
        Arbitraries.oneOf(
            Arbitraries.strings().numeric().ofMaxLength(6),
            Arbitraries.strings().numeric().ofMinLength(20).ofMaxLength(400),
            Arbitraries.of("0", "00", "9223372036854775807", "9223372036854775808"));
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMaxLength(12).map(s -> "." + s),
            Arbitraries.strings().numeric().ofMaxLength(300).map(s -> "." + s));
    Arbitrary<String> suffix =
        Arbitraries.oneOf(
            Arbitraries.of(
                "", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
                "K", "ki", "Zi", "µ", "e", "E+", "e-", "i", "mi"),
            Arbitraries.of(
                    "2147483647",
                    "-2147483648",
                    "2147483648",
                    "999999999",
                    "-999999999",
                    "18",
                    "-9",
                    "-10",
                    "+3",
                    "x")
                .flatMap(exp -> Arbitraries.of("e", "E").map(e -> e + exp)));
    return Combinators.combine(sign, digits, fraction, suffix).as((s, d, f, x) -> s + d + f + x);
  }
}
