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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.config.ConfigSource;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.claims.RawConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of opaque configuration decoding: whatever a claim author writes, decoding either
 * returns a record or throws {@link ConfigDecodingException} whose message names the claim and the
 * entry and says what is wrong, within a bounded time.
 */
class OpaqueConfigFuzzTest {
  private static final Duration PER_TRY = Duration.ofSeconds(10);
  private static final String DRIVER = "gpu.example.com";
  private static final String API_VERSION = "gpu.example.com/v1";
  private static final ClaimRef CLAIM = new ClaimRef("team-a", "training", "uid-1");

  enum Mode {
    TIME_SLICING,
    EXCLUSIVE
  }

  record Inner(int n, Optional<Quantity> q) {}

  record Fields(
      String s,
      boolean b,
      int i,
      long l,
      double d,
      Mode mode,
      Quantity q,
      Duration t,
      Optional<Long> ol,
      List<Integer> li,
      Map<String, Double> md,
      Optional<Inner> inner) {}

  private static final OpaqueConfigDecoder DECODER =
      new OpaqueConfigDecoder(DRIVER, List.of(ConfigKind.of(API_VERSION, "Fields", Fields.class)));

  private static final List<String> NAMES =
      List.of("s", "b", "i", "l", "d", "mode", "q", "t", "ol", "li", "md", "inner", "n", "x");

  @Property
  void anyTextDecodesOrFailsWithAMessageNamingTheClaimAndTheEntry(@ForAll("texts") String json) {
    assertTimeoutPreemptively(PER_TRY, () -> decodeOrExplain(json));
  }

  @Property
  void jsonOfTheRightKindDecodesOrFailsNamingTheField(@ForAll("configs") String json) {
    assertTimeoutPreemptively(PER_TRY, () -> decodeOrExplain(json));
  }

  private static void decodeOrExplain(String json) {
    try {
      DECODER.decode(CLAIM, List.of(new RawConfig(ConfigSource.CLAIM, List.of(), DRIVER, json)));
    } catch (ConfigDecodingException e) {
      assertThat(e.getMessage())
          .startsWith("claim team-a/training: opaque config #0 (from the claim")
          .isEqualTo("claim team-a/training: " + e.detail());
      assertThat(e.detail().substring(e.detail().indexOf("): ") + 3)).hasSizeGreaterThan(8);
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(60),
        Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-truefalsnl \\u").ofMaxLength(60),
        Arbitraries.integers().between(1, 2000).map(n -> "[".repeat(n) + "]".repeat(n)),
        Arbitraries.integers()
            .between(1, 2000)
            .map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)));
  }

  /**
   * A valid object of the declared kind with one to three fields replaced by values of any type,
   * removed, or joined by an unknown field, so that decoding reaches every converter.
   */
  @Provide
  Arbitrary<String> configs() {
    Arbitrary<Map.Entry<String, Optional<String>>> change =
        Combinators.combine(Arbitraries.of(NAMES), value(2).optional(0.9)).as(Map::entry);
    return change.list().ofMinSize(1).ofMaxSize(3).map(OpaqueConfigFuzzTest::apply);
  }

  private static String apply(List<Map.Entry<String, Optional<String>>> changes) {
    Map<String, String> fields = new java.util.LinkedHashMap<>(VALID);
    for (Map.Entry<String, Optional<String>> c : changes) {
      if (c.getValue().isPresent()) {
        fields.put(c.getKey(), c.getValue().get());
      } else {
        fields.remove(c.getKey());
      }
    }
    return fields.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
        .collect(
            Collectors.joining(
                ",", "{\"apiVersion\":\"" + API_VERSION + "\",\"kind\":\"Fields\",", "}"));
  }

  private static final Map<String, String> VALID =
      Map.ofEntries(
          Map.entry("s", "\"x\""),
          Map.entry("b", "true"),
          Map.entry("i", "1"),
          Map.entry("l", "2"),
          Map.entry("d", "0.5"),
          Map.entry("mode", "\"exclusive\""),
          Map.entry("q", "\"1Gi\""),
          Map.entry("t", "\"30s\""),
          Map.entry("ol", "3"),
          Map.entry("li", "[1,2]"),
          Map.entry("md", "{\"a\":1.5}"),
          Map.entry("inner", "{\"n\":1,\"q\":\"2\"}"));

  @Property
  void theValidObjectDecodes() throws ConfigDecodingException {
    assertThat(
            DECODER.decode(
                CLAIM,
                List.of(new RawConfig(ConfigSource.CLAIM, List.of(), DRIVER, apply(List.of())))))
        .hasSize(1);
  }

  private static Arbitrary<String> value(int depth) {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.of(
                "0",
                "-0",
                "1",
                "1.5",
                "-1",
                "1e3",
                "1E+3",
                "1e999999999",
                "-1e999999999",
                "1e-999999999",
                "0.000000000000000000001",
                "2147483648",
                "-2147483649",
                "9223372036854775807",
                "9223372036854775808",
                "123456789012345678901234567890",
                "1.7976931348623157e309",
                "true",
                "false",
                "null"),
            Arbitraries.of(
                    "1.5Gi",
                    "100m",
                    "64",
                    "1e999999999",
                    "30s",
                    "1m30s",
                    "PT90S",
                    "-PT1S",
                    "1h",
                    "999999999999h",
                    "9223372036854775807ns",
                    "timeSlicing",
                    "TIME_SLICING",
                    "Exclusive",
                    "",
                    "µs",
                    "1.5.5",
                    "P",
                    "-",
                    "+0")
                .map(s -> "\"" + s + "\""),
            Arbitraries.strings().all().ofMaxLength(10).map(OpaqueConfigFuzzTest::quote),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(400));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> inner = value(depth - 1);
    Arbitrary<String> array =
        inner.list().ofMaxSize(4).map(l -> l.stream().collect(Collectors.joining(",", "[", "]")));
    Arbitrary<String> object =
        Combinators.combine(Arbitraries.of(NAMES), inner)
            .as((k, v) -> "\"" + k + "\":" + v)
            .list()
            .ofMaxSize(4)
            .map(l -> l.stream().collect(Collectors.joining(",", "{", "}")));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, scalar),
        net.jqwik.api.Tuple.of(1, array),
        net.jqwik.api.Tuple.of(1, object));
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\' || c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
