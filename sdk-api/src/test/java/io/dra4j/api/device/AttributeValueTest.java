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

import io.dra4j.api.device.AttributeValue.VersionValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttributeValueTest {

  @Test
  void matchAttributeNeedsTheSameTypeAndValue() {
    assertThat(AttributeValue.matches(AttributeValue.of(4), AttributeValue.of(4))).isTrue();
    assertThat(AttributeValue.matches(AttributeValue.of(4), AttributeValue.of(5))).isFalse();
    assertThat(AttributeValue.matches(AttributeValue.of(true), AttributeValue.of(true))).isTrue();
    assertThat(AttributeValue.matches(AttributeValue.of("a"), AttributeValue.of("a"))).isTrue();
    assertThat(AttributeValue.matches(AttributeValue.of("a"), AttributeValue.of("A"))).isFalse();
  }

  @Test
  void valuesOfDifferentTypesNeverMatch() {
    assertThat(AttributeValue.matches(AttributeValue.of(1), AttributeValue.of("1"))).isFalse();
    assertThat(AttributeValue.matches(AttributeValue.of(1), AttributeValue.of(true))).isFalse();
    assertThat(AttributeValue.matches(AttributeValue.of("1.0.0"), AttributeValue.version("1.0.0")))
        .isFalse();
  }

  @Test
  void versionsMatchAsStrings() {
    assertThat(
            AttributeValue.matches(
                AttributeValue.version("1.2.3"), AttributeValue.version("1.2.3")))
        .isTrue();
    VersionValue a = AttributeValue.version("1.0.0+build.1");
    VersionValue b = AttributeValue.version("1.0.0+build.2");

    assertThat(AttributeValue.matches(a, b)).isFalse();
    assertThat(a.compareTo(b)).isZero();
  }

  @ParameterizedTest(name = "{0} < {1}")
  @CsvSource({
    "1.0.0, 2.0.0",
    "2.0.0, 2.1.0",
    "2.1.0, 2.1.1",
    "1.9.0, 1.10.0",
    "1.0.0-alpha, 1.0.0",
    "1.0.0-alpha, 1.0.0-alpha.1",
    "1.0.0-alpha.1, 1.0.0-alpha.beta",
    "1.0.0-alpha.beta, 1.0.0-beta",
    "1.0.0-beta, 1.0.0-beta.2",
    "1.0.0-beta.2, 1.0.0-beta.11",
    "1.0.0-beta.11, 1.0.0-rc.1",
    "1.0.0-rc.1, 1.0.0",
    "1.0.0-2, 1.0.0-10",
    "1.0.0-9, 1.0.0-a",
    "1.0.0-A, 1.0.0-a",
    "99999999999999999999.0.0, 100000000000000000000.0.0"
  })
  void semverPrecedenceOrdersVersions(String lower, String higher) {
    VersionValue lo = AttributeValue.version(lower);
    VersionValue hi = AttributeValue.version(higher);

    assertThat(lo.compareTo(hi)).isNegative();
    assertThat(hi.compareTo(lo)).isPositive();
    assertThat(lo.compareTo(lo)).isZero();
  }

  @Test
  void sortingFollowsTheSemverSpecExample() {
    List<String> spec =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0");
    List<VersionValue> shuffled =
        new ArrayList<>(spec.stream().map(AttributeValue::version).toList());
    Collections.shuffle(shuffled, new Random(7));
    Collections.sort(shuffled);

    assertThat(shuffled).extracting(VersionValue::value).containsExactlyElementsOf(spec);
  }

  @Test
  void versionPartsAreExposed() {
    VersionValue v = AttributeValue.version("2.19.1-rc.1+abc");
    assertThat(v.major()).isEqualTo(BigInteger.TWO);
    assertThat(v.minor()).isEqualTo(BigInteger.valueOf(19));
    assertThat(v.patch()).isEqualTo(BigInteger.ONE);
    assertThat(v.isPreRelease()).isTrue();
    assertThat(AttributeValue.version("1.0.0+x-y").isPreRelease()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.2.3",
        "0.0.0",
        "1.0.0-0.3.7",
        "1.0.0-x.7.z.92",
        "1.0.0+20130313144700",
        "1.0.0-beta+exp.sha.5114f85",
        "1.0.0-x-y-z.--"
      })
  void validSemverIsAccepted(String v) {
    assertThat(AttributeValue.version(v).value()).isEqualTo(v);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "1.2",
        "v1.2.3",
        "01.2.3",
        "1.02.3",
        "1.2.3-01",
        "1.2.3-",
        "1.2.3+",
        "1.2.3-a..b",
        "1.2.3.4",
        " 1.2.3"
      })
  void invalidSemverIsRejected(String v) {
    assertThatThrownBy(() -> AttributeValue.version(v))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("version value");
              assertThat(e.value()).isEqualTo(v);
            });
  }
}
