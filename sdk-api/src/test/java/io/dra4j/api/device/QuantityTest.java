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

import io.dra4j.api.device.Quantity.Format;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  /** Cases from the Kubernetes quantity tests: input text, canonical form, format. */
  static Stream<Arguments> kubernetesCases() {
    return Stream.of(
        // canonical binary forms and their alternates
        Arguments.of("1Gi", "1Gi", Format.BINARY_SI),
        Arguments.of("1024Mi", "1Gi", Format.BINARY_SI),
        Arguments.of("300Mi", "300Mi", Format.BINARY_SI),
        Arguments.of("307200Ki", "300Mi", Format.BINARY_SI),
        Arguments.of("6Ki", "6Ki", Format.BINARY_SI),
        Arguments.of("1001Gi", "1001Gi", Format.BINARY_SI),
        Arguments.of("1025024Mi", "1001Gi", Format.BINARY_SI),
        Arguments.of("1Ti", "1Ti", Format.BINARY_SI),
        Arguments.of("1024Gi", "1Ti", Format.BINARY_SI),
        Arguments.of("1Ki", "1Ki", Format.BINARY_SI),
        Arguments.of("1Mi", "1Mi", Format.BINARY_SI),
        Arguments.of("4Pi", "4Pi", Format.BINARY_SI),
        Arguments.of("3Ei", "3Ei", Format.BINARY_SI),
        // binary values that print in decimal: below 1024, or with a fraction
        Arguments.of(".001Ki", "1024m", Format.BINARY_SI),
        Arguments.of(".000001Ki", "1024u", Format.DECIMAL_SI),
        Arguments.of(".000000001Ki", "1024n", Format.DECIMAL_SI),
        Arguments.of(".000000000001Ki", "2n", Format.DECIMAL_SI),
        Arguments.of("0.000000000001Ki", "2n", Format.DECIMAL_SI),
        Arguments.of("100.035Ki", "102435840m", Format.BINARY_SI),
        Arguments.of("0.5Mi", "512Ki", Format.BINARY_SI),
        Arguments.of("0.05Gi", "53687091200m", Format.BINARY_SI),
        Arguments.of("0.025Ti", "27487790694400m", Format.BINARY_SI),
        Arguments.of("1.5Gi", "1536Mi", Format.BINARY_SI),
        // binary quantities are capped at 2^63-1
        Arguments.of("9Ei", "9223372036854775807", Format.BINARY_SI),
        Arguments.of("9223372036854775807Ki", "9223372036854775807", Format.BINARY_SI),
        // decimal suffixes
        Arguments.of("1G", "1G", Format.DECIMAL_SI),
        Arguments.of("1000M", "1G", Format.DECIMAL_SI),
        Arguments.of("0.001T", "1G", Format.DECIMAL_SI),
        Arguments.of("1m", "1m", Format.DECIMAL_SI),
        Arguments.of("1000u", "1m", Format.DECIMAL_SI),
        Arguments.of("80m", "80m", Format.DECIMAL_SI),
        Arguments.of("1080m", "1080m", Format.DECIMAL_SI),
        Arguments.of("1.08", "1080m", Format.DECIMAL_SI),
        Arguments.of("1080000000n", "1080m", Format.DECIMAL_SI),
        Arguments.of("500m", "500m", Format.DECIMAL_SI),
        Arguments.of("0.5", "500m", Format.DECIMAL_SI),
        Arguments.of("5000m", "5", Format.DECIMAL_SI),
        Arguments.of("300M", "300M", Format.DECIMAL_SI),
        Arguments.of("1T", "1T", Format.DECIMAL_SI),
        Arguments.of("1E", "1E", Format.DECIMAL_SI),
        Arguments.of("12E", "12E", Format.DECIMAL_SI),
        Arguments.of("1234567M", "1234567M", Format.DECIMAL_SI),
        Arguments.of("1234567m", "1234567m", Format.DECIMAL_SI),
        Arguments.of("3k", "3k", Format.DECIMAL_SI),
        Arguments.of("1025", "1025", Format.DECIMAL_SI),
        Arguments.of("1n", "1n", Format.DECIMAL_SI),
        Arguments.of("80n", "80n", Format.DECIMAL_SI),
        Arguments.of("1080n", "1080n", Format.DECIMAL_SI),
        Arguments.of("1u", "1u", Format.DECIMAL_SI),
        Arguments.of("80u", "80u", Format.DECIMAL_SI),
        Arguments.of("1080u", "1080u", Format.DECIMAL_SI),
        Arguments.of("100.035k", "100035", Format.DECIMAL_SI),
        Arguments.of("10.035M", "10035k", Format.DECIMAL_SI),
        Arguments.of("0.0005k", "500m", Format.DECIMAL_SI),
        Arguments.of("7.123456M", "7123456", Format.DECIMAL_SI),
        Arguments.of("6.987654321G", "6987654321", Format.DECIMAL_SI),
        Arguments.of("5.444T", "5444G", Format.DECIMAL_SI),
        Arguments.of("40.1T", "40100G", Format.DECIMAL_SI),
        Arguments.of("2.5P", "2500T", Format.DECIMAL_SI),
        Arguments.of("1.01E", "1010P", Format.DECIMAL_SI),
        Arguments.of(".001", "1m", Format.DECIMAL_SI),
        Arguments.of(".0001k", "100m", Format.DECIMAL_SI),
        Arguments.of("1.", "1", Format.DECIMAL_SI),
        Arguments.of("1.G", "1G", Format.DECIMAL_SI),
        Arguments.of("1.2345", "1234500u", Format.DECIMAL_SI),
        // decimal past E falls back to exponent notation
        Arguments.of("1000E", "1e21", Format.DECIMAL_SI),
        Arguments.of("5000E", "5e21", Format.DECIMAL_SI),
        Arguments.of("1000000E", "1e24", Format.DECIMAL_SI),
        // rounding up to nano precision
        Arguments.of("3.001n", "4n", Format.DECIMAL_SI),
        Arguments.of("0.0000000001", "1n", Format.DECIMAL_SI),
        Arguments.of("0.0000000005", "1n", Format.DECIMAL_SI),
        Arguments.of("0.9n", "1n", Format.DECIMAL_SI),
        Arguments.of("0.00000012345", "124n", Format.DECIMAL_SI),
        Arguments.of("0.00000012354", "124n", Format.DECIMAL_SI),
        // decimal exponents
        Arguments.of("1e9", "1e9", Format.DECIMAL_EXPONENT),
        Arguments.of(".001e12", "1e9", Format.DECIMAL_EXPONENT),
        Arguments.of("1e-3", "1e-3", Format.DECIMAL_EXPONENT),
        Arguments.of("0.001e0", "1e-3", Format.DECIMAL_EXPONENT),
        Arguments.of("1e-9", "1e-9", Format.DECIMAL_EXPONENT),
        Arguments.of("1000e-12", "1e-9", Format.DECIMAL_EXPONENT),
        Arguments.of("80e-3", "80e-3", Format.DECIMAL_EXPONENT),
        Arguments.of("300e6", "300e6", Format.DECIMAL_EXPONENT),
        Arguments.of("1e12", "1e12", Format.DECIMAL_EXPONENT),
        Arguments.of("1e3", "1e3", Format.DECIMAL_EXPONENT),
        Arguments.of("3e3", "3e3", Format.DECIMAL_EXPONENT),
        Arguments.of("1E6", "1e6", Format.DECIMAL_EXPONENT),
        Arguments.of("1.2e3", "1200", Format.DECIMAL_EXPONENT),
        Arguments.of("1.3E+6", "1300e3", Format.DECIMAL_EXPONENT),
        Arguments.of("1.53E12", "1530e9", Format.DECIMAL_EXPONENT),
        Arguments.of("0.5e-1", "50e-3", Format.DECIMAL_EXPONENT),
        Arguments.of("1.1E-9", "2e-9", Format.DECIMAL_EXPONENT),
        Arguments.of("0.5e-9", "1e-9", Format.DECIMAL_EXPONENT),
        // zero in every format prints as 0
        Arguments.of("0", "0", Format.DECIMAL_SI),
        Arguments.of("00", "0", Format.DECIMAL_SI),
        Arguments.of("0Ki", "0", Format.BINARY_SI),
        Arguments.of("0n", "0", Format.DECIMAL_SI),
        Arguments.of("0e3", "0", Format.DECIMAL_EXPONENT),
        // signs
        Arguments.of("-9.01", "-9010m", Format.DECIMAL_SI),
        Arguments.of("-1.5Gi", "-1536Mi", Format.BINARY_SI),
        Arguments.of("-.001Ki", "-1024m", Format.BINARY_SI),
        Arguments.of("-0.0000000001", "-1n", Format.DECIMAL_SI),
        Arguments.of("+1Ki", "1Ki", Format.BINARY_SI));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("kubernetesCases")
  void parsePrintsTheKubernetesCanonicalForm(String text, String canonical, Format format) {
    Quantity q = Quantity.parse(text);

    assertThat(q.toString()).isEqualTo(canonical);
    assertThat(q.format()).isEqualTo(format);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubernetesCases")
  void canonicalFormIsStableAndKeepsTheValue(String text, String canonical, Format format) {
    Quantity q = Quantity.parse(text);
    Quantity reparsed = Quantity.parse(canonical);

    assertThat(reparsed).isEqualTo(q);
    assertThat(reparsed.toString()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1.5k, 1500",
    "100m, 100m",
    "0.1, 100m",
    "1000m, 1",
    "1E3, 1e3",
    "1e+03, 1e3",
    "1e0, 1",
    "+1, 1",
    "01, 1",
    "1.500, 1500m",
    "-0, 0",
    "1.5Ki, 1536",
    "1023Ki, 1023Ki",
    "1025Ki, 1025Ki",
    "1536Ki, 1536Ki",
    "2048Ki, 2Mi",
    "8Ei, 9223372036854775807",
    "-9Ei, -9223372036854775807",
    "-1024, -1024"
  })
  void nonCanonicalSpellingsPrintCanonically(String text, String canonical) {
    assertThat(Quantity.parse(text).toString()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "1.1.M",
        "1+1.0M",
        "0.1mi",
        "0.1am",
        "aoeu",
        ".5i",
        "1i",
        "-3.01i",
        "-3.01e-",
        " 1",
        "1 ",
        "1.2.3",
        "1Gb",
        "e3",
        "Ki",
        ".",
        "-",
        "+",
        "-.",
        "1K",
        "1KI",
        "1e",
        "1e3.5",
        "1ee3",
        "1Mi3",
        "1m-",
        "--1",
        "1 Gi",
        "1e99999999999",
        "１",
        "0x10",
        "1,5"
      })
  void invalidTextIsRejectedWithTheTextAndTheRule(String text) {
    assertThatThrownBy(() -> Quantity.parse(text))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.value()).isEqualTo(text);
              assertThat(e.object()).isEqualTo("quantity");
              assertThat(e.getMessage()).contains("'" + text + "'");
            });
  }

  @Test
  void emptyTextIsRejectedAsEmpty() {
    assertThatThrownBy(() -> Quantity.parse(""))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must not be empty");
  }

  @Test
  void unknownSuffixIsNamedInTheMessage() {
    assertThatThrownBy(() -> Quantity.parse("1Gb"))
        .hasMessageContaining("unknown suffix 'Gb'")
        .hasMessageContaining("Ki Mi Gi");
  }

  @Test
  void whitespaceIsRejectedWithItsOwnRule() {
    assertThatThrownBy(() -> Quantity.parse(" 1")).hasMessageContaining("whitespace");
  }

  @Test
  void ofLongUsesDecimalFormat() {
    assertThat(Quantity.of(1).toString()).isEqualTo("1");
    assertThat(Quantity.of(1000).toString()).isEqualTo("1k");
    assertThat(Quantity.of(1_234_000).toString()).isEqualTo("1234k");
    assertThat(Quantity.of(1000).format()).isEqualTo(Format.DECIMAL_SI);
  }

  @Test
  void ofBytesUsesBinaryFormat() {
    assertThat(Quantity.ofBytes(1024).toString()).isEqualTo("1Ki");
    assertThat(Quantity.ofBytes(1024 * 1024).toString()).isEqualTo("1Mi");
    assertThat(Quantity.ofBytes(32L << 30).toString()).isEqualTo("32Gi");
    assertThat(Quantity.ofBytes(1000).toString()).isEqualTo("1k");
    assertThat(Quantity.ofBytes(1000).format()).isEqualTo(Format.BINARY_SI);
  }

  @Test
  void ofBigDecimalRoundsAwayFromZeroToNano() {
    Quantity q = Quantity.of(new BigDecimal("0.0000000011"), Format.DECIMAL_SI);
    assertThat(q.toBigDecimal()).isEqualByComparingTo("0.000000002");
    assertThat(Quantity.of(new BigDecimal("-1E-30"), Format.DECIMAL_SI).toString())
        .isEqualTo("-1n");
  }

  @Test
  void arithmeticIsExact() {
    Quantity sum = Quantity.parse("0.1").add(Quantity.parse("0.2"));

    assertThat(sum).isEqualTo(Quantity.parse("300m"));
    assertThat(sum.toBigDecimal()).isEqualByComparingTo("0.3");
    assertThat(Quantity.parse("1Gi").subtract(Quantity.parse("512Mi")).toString())
        .isEqualTo("512Mi");
    assertThat(Quantity.parse("1").subtract(Quantity.parse("1.5")).toString()).isEqualTo("-500m");
  }

  @Test
  void sumKeepsTheFormatOfTheNonZeroSide() {
    Quantity zero = Quantity.parse("0");
    for (String text : new String[] {"100m", "1Gi"}) {
      Quantity q = Quantity.parse(text);
      assertThat(q.add(zero).toString()).isEqualTo(text);
      assertThat(zero.add(q).toString()).isEqualTo(text);
      assertThat(q.subtract(zero).toString()).isEqualTo(text);
      assertThat(zero.subtract(q).toString()).isEqualTo("-" + text);
    }
    assertThat(Quantity.parse("10").add(Quantity.parse("1Ki")).format())
        .isEqualTo(Format.DECIMAL_SI);
    assertThat(Quantity.parse("10Ki").add(Quantity.parse("1")).format())
        .isEqualTo(Format.BINARY_SI);
  }

  @Test
  void equalityAndHashIgnoreFormatAndScale() {
    Quantity a = Quantity.parse("1Ki");
    Quantity b = Quantity.parse("1024");
    Quantity c = Quantity.parse("1024000m");

    assertThat(a).isEqualTo(b).isEqualTo(c);
    assertThat(a.hashCode()).isEqualTo(b.hashCode()).isEqualTo(c.hashCode());
    assertThat(a.compareTo(c)).isZero();
    assertThat(a).isNotEqualTo(Quantity.parse("1k"));
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource({"0, 0, 0", "100m, 50m, 1", "50m, 100m, -1", "10000T, 100Gi, 1", "-1, 1n, -1"})
  void comparesByValue(String x, String y, int expected) {
    assertThat(Integer.signum(Quantity.parse(x).compareTo(Quantity.parse(y)))).isEqualTo(expected);
  }

  @Test
  void signumAndZero() {
    assertThat(Quantity.parse("-1m").signum()).isEqualTo(-1);
    assertThat(Quantity.parse("0Gi").signum()).isZero();
    assertThat(Quantity.parse("0Gi").isZero()).isTrue();
    assertThat(Quantity.parse("1n").isZero()).isFalse();
    assertThat(Quantity.zero().isZero()).isTrue();
    assertThat(Quantity.parse("2Gi").negate().toString()).isEqualTo("-2Gi");
  }

  @Test
  void hugeExponentsStayCheap() {
    assertThat(Quantity.parse("1e2147483647").toString()).isEqualTo("10e2147483646");
    assertThat(Quantity.parse("1e-2147483648").toString()).isEqualTo("1e-9");
    assertThat(Quantity.parse("1e-2147483648").format()).isEqualTo(Format.DECIMAL_EXPONENT);
  }

  @Test
  void aValueWhoseCanonicalExponentOverflowsIsRefusedWhenParsed() {
    assertThatThrownBy(() -> Quantity.parse("100e2147483647"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("quantity: text '100e2147483647' is out of range");
  }
}
