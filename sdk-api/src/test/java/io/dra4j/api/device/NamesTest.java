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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "0",
        "gpu-0",
        "neurondevice15",
        "a23456789012345678901234567890123456789012345678901234567890123"
      })
  void dnsLabelsAreAccepted(String s) {
    assertThat(Names.isDnsLabel(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-a",
        "a-",
        "A",
        "gpu_0",
        "a.b",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void nonDnsLabelsAreRejected(String s) {
    assertThat(Names.isDnsLabel(s)).isFalse();
  }

  @Test
  void nullIsNoName() {
    assertThat(Names.isDnsLabel(null)).isFalse();
    assertThat(Names.isDnsSubdomain(null)).isFalse();
    assertThat(Names.isCIdentifier(null)).isFalse();
    assertThat(Names.isQualifiedName(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "neuron.aws.com", "a-b.c-d", "1.2.3"})
  void dnsSubdomainsAreAccepted(String s) {
    assertThat(Names.isDnsSubdomain(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".a", "a.", "a..b", "Neuron.aws.com", "a_b.com", "-a.com"})
  void nonDnsSubdomainsAreRejected(String s) {
    assertThat(Names.isDnsSubdomain(s)).isFalse();
  }

  @Test
  void dnsSubdomainIsAtMost253Characters() {
    String ok = ("a".repeat(50) + ".").repeat(4) + "a".repeat(49);
    assertThat(ok).hasSize(253);
    assertThat(Names.isDnsSubdomain(ok)).isTrue();
    assertThat(Names.isDnsSubdomain(ok + "a")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "_", "A_b9", "devicegroup4_id", "a2345678901234567890123456789012"})
  void cIdentifiersAreAccepted(String s) {
    assertThat(Names.isCIdentifier(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "9a", "a-b", "a.b", "a b", "a23456789012345678901234567890123"})
  void nonCIdentifiersAreRejected(String s) {
    assertThat(Names.isCIdentifier(s)).isFalse();
  }

  @Test
  void driverNameIsALowercaseDnsSubdomainOfAtMost63Characters() {
    assertThat(Names.requireDriverName("neuron.aws.com")).isEqualTo("neuron.aws.com");
    String longest = "a".repeat(59) + ".com";
    assertThat(Names.isDriverName(longest)).isTrue();

    assertThatThrownBy(() -> Names.requireDriverName(longest + "x"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 63 characters, has 64");
    assertThatThrownBy(() -> Names.requireDriverName("Neuron.aws.com"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'Neuron.aws.com'")
        .hasMessageContaining("lowercase DNS subdomain");
    assertThatThrownBy(() -> Names.requireDriverName(""))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must not be empty");
    assertThat(Names.isDriverName("gpu_example.com")).isFalse();
  }

  @Test
  void qualifiedNamesHaveAnOptionalDomainAndOneSlash() {
    assertThat(Names.isQualifiedName("model")).isTrue();
    assertThat(Names.isQualifiedName("resource.aws.com/devicegroup4_id")).isTrue();
    assertThat(Names.isQualifiedName("Resource.AWS.com/id")).isTrue();
    assertThat(Names.isQualifiedName("a/b/c")).isFalse();
    assertThat(Names.isQualifiedName("/c")).isFalse();
    assertThat(Names.isQualifiedName("a.com/")).isFalse();
    assertThat(Names.isQualifiedName("a".repeat(60) + ".com/id")).isFalse();
  }

  @Test
  void labelKeysAndValuesFollowTheLabelRules() {
    assertThat(Names.isLabelKey("neuron.aws.com/unhealthy")).isTrue();
    assertThat(Names.isLabelKey("Unhealthy.v2")).isTrue();
    assertThat(Names.isLabelKey("bad key")).isFalse();
    assertThat(Names.isLabelKey("Bad.Domain/key")).isFalse();
    assertThat(Names.isLabelValue("")).isTrue();
    assertThat(Names.isLabelValue("ecc_errors-3")).isTrue();
    assertThat(Names.isLabelValue("-x")).isFalse();
    assertThat(Names.isLabelValue("x".repeat(64))).isFalse();
  }
}
