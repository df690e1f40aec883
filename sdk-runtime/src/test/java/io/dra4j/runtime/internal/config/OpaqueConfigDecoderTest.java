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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dra4j.api.config.AppliedConfig;
import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.config.ConfigSource;
import io.dra4j.api.config.ValidatedConfig;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.claims.RawConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpaqueConfigDecoderTest {
  private static final String DRIVER = "gpu.example.com";
  private static final ClaimRef CLAIM = new ClaimRef("team-a", "training", "uid-1");

  enum Strategy {
    TIME_SLICING,
    MPS
  }

  record MpsConfig(int defaultActiveThreadPercentage, Optional<Quantity> pinnedMemoryLimit)
      implements ValidatedConfig {
    @Override
    public void validate() {
      if (defaultActiveThreadPercentage < 1 || defaultActiveThreadPercentage > 100) {
        throw new IllegalArgumentException(
            "defaultActiveThreadPercentage "
                + defaultActiveThreadPercentage
                + " must be between 1 and 100");
      }
    }
  }

  record Sharing(Strategy strategy, Optional<MpsConfig> mpsConfig) {}

  record GpuConfig(Optional<Sharing> sharing) {}

  record Everything(
      String mode,
      boolean exclusive,
      Boolean boxed,
      int cores,
      Integer boxedInt,
      long bytes,
      Long boxedLong,
      double ratio,
      Double boxedDouble,
      Strategy strategy,
      Quantity memory,
      Duration timeout,
      Optional<String> label,
      List<String> tags,
      Map<String, Integer> limits,
      List<MpsConfig> profiles) {}

  record Checked(int replicas) implements ValidatedConfig {
    @Override
    public void validate() {
      if (replicas > 8) {
        throw new IllegalArgumentException("replicas must be at most 8; lower it");
      }
    }
  }

  private static final OpaqueConfigDecoder DECODER =
      new OpaqueConfigDecoder(
          DRIVER,
          List.of(
              ConfigKind.of("gpu.example.com/v1", "GpuConfig", GpuConfig.class),
              ConfigKind.of("gpu.example.com/v1", "Everything", Everything.class),
              ConfigKind.of("gpu.example.com/v1", "Checked", Checked.class)));

  private static RawConfig claimConfig(String json) {
    return new RawConfig(ConfigSource.CLAIM, List.of(), DRIVER, json);
  }

  private static String gpu(String fields) {
    return "{\"apiVersion\":\"gpu.example.com/v1\",\"kind\":\"GpuConfig\"" + fields + "}";
  }

  private static final String EVERYTHING =
      """
      {"apiVersion":"gpu.example.com/v1","kind":"Everything",
       "mode":"fast","exclusive":true,"boxed":false,"cores":4,"boxedInt":-2,
       "bytes":9007199254740993,"boxedLong":1e3,"ratio":0.25,"boxedDouble":3,
       "strategy":"TimeSlicing","memory":"1.5Gi","timeout":"1m30s",
       "tags":["a","b"],"limits":{"x":1,"y":2},
       "profiles":[{"defaultActiveThreadPercentage":50,"pinnedMemoryLimit":2048}]}
      """;

  private static ConfigDecodingException fails(String json) {
    return catchThrowableOfType(
        ConfigDecodingException.class, () -> DECODER.decode(CLAIM, List.of(claimConfig(json))));
  }

  @Test
  void decodesEveryComponentType() throws Exception {
    List<AppliedConfig> applied = DECODER.decode(CLAIM, List.of(claimConfig(EVERYTHING)));

    Everything e = (Everything) applied.get(0).config();
    assertThat(e.mode()).isEqualTo("fast");
    assertThat(e.exclusive()).isTrue();
    assertThat(e.boxed()).isFalse();
    assertThat(e.cores()).isEqualTo(4);
    assertThat(e.boxedInt()).isEqualTo(-2);
    assertThat(e.bytes()).as("exact beyond double precision").isEqualTo(9007199254740993L);
    assertThat(e.boxedLong()).isEqualTo(1000L);
    assertThat(e.ratio()).isEqualTo(0.25);
    assertThat(e.boxedDouble()).isEqualTo(3.0);
    assertThat(e.strategy()).isEqualTo(Strategy.TIME_SLICING);
    assertThat(e.memory()).isEqualTo(Quantity.parse("1536Mi"));
    assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(e.label()).isEmpty();
    assertThat(e.tags()).containsExactly("a", "b");
    assertThat(e.limits()).containsExactly(Map.entry("x", 1), Map.entry("y", 2));
    assertThat(e.profiles()).containsExactly(new MpsConfig(50, Optional.of(Quantity.of(2048))));
  }

  @Test
  void keepsOnlyThisDriversEntriesInOrderWithSourceAndRequests() throws Exception {
    List<RawConfig> configs =
        List.of(
            new RawConfig(ConfigSource.CLASS, List.of(), DRIVER, gpu("")),
            new RawConfig(ConfigSource.CLASS, List.of(), "other.example.com", "not even json"),
            new RawConfig(
                ConfigSource.CLAIM,
                List.of("big"),
                DRIVER,
                gpu(",\"sharing\":{\"strategy\":\"MPS\"}")));

    List<AppliedConfig> applied = DECODER.decode(CLAIM, configs);

    assertThat(applied).hasSize(2);
    assertThat(applied.get(0).source()).isEqualTo(ConfigSource.CLASS);
    assertThat(applied.get(0).config()).isEqualTo(new GpuConfig(Optional.empty()));
    assertThat(applied.get(1).source()).isEqualTo(ConfigSource.CLAIM);
    assertThat(applied.get(1).requests()).containsExactly("big");
    assertThat(applied.get(1).config())
        .isEqualTo(new GpuConfig(Optional.of(new Sharing(Strategy.MPS, Optional.empty()))));
  }

  @Test
  void explicitNullForAnOptionalFieldIsEmpty() throws Exception {
    assertThat(
            DECODER.decode(CLAIM, List.of(claimConfig(gpu(",\"sharing\":null")))).get(0).config())
        .isEqualTo(new GpuConfig(Optional.empty()));
  }

  @Test
  void enumsAcceptConstantNamesInAnyCaseAndCamelSpellings() throws Exception {
    for (String spelling : List.of("TIME_SLICING", "time_slicing", "TimeSlicing", "timeSlicing")) {
      GpuConfig c =
          (GpuConfig)
              DECODER
                  .decode(
                      CLAIM,
                      List.of(claimConfig(gpu(",\"sharing\":{\"strategy\":\"" + spelling + "\"}"))))
                  .get(0)
                  .config();
      assertThat(c.sharing().orElseThrow().strategy())
          .as(spelling)
          .isEqualTo(Strategy.TIME_SLICING);
    }
  }

  @Test
  void errorNamesClaimIndexSourceKindFieldPathAndExpectedType() {
    List<RawConfig> configs =
        List.of(
            new RawConfig(ConfigSource.CLASS, List.of(), "other.example.com", "{}"),
            new RawConfig(
                ConfigSource.CLAIM,
                List.of(),
                DRIVER,
                gpu(
                    ",\"sharing\":{\"strategy\":\"MPS\",\"mpsConfig\":{\"defaultActiveThreadPercentage\":\"fifty\"}}")));

    ConfigDecodingException e =
        catchThrowableOfType(ConfigDecodingException.class, () -> DECODER.decode(CLAIM, configs));

    assertThat(e.getMessage())
        .contains("team-a/training")
        .contains("opaque config #1")
        .contains("from the claim")
        .contains("apiVersion=gpu.example.com/v1, kind=GpuConfig")
        .contains("field 'sharing.mpsConfig.defaultActiveThreadPercentage'")
        .contains("expected an integer, got the string \"fifty\"");
    assertThat(e.claim()).isEqualTo(CLAIM);
    assertThat(e.configIndex()).isEqualTo(1);
    assertThat(e.source()).isEqualTo(ConfigSource.CLAIM);
    assertThat(e.fieldPath()).contains("sharing.mpsConfig.defaultActiveThreadPercentage");
    assertThat(e.configType()).contains("apiVersion=gpu.example.com/v1, kind=GpuConfig");
  }

  @Test
  void classEntriesSayDeviceClass() {
    ConfigDecodingException e =
        catchThrowableOfType(
            ConfigDecodingException.class,
            () ->
                DECODER.decode(
                    CLAIM,
                    List.of(
                        new RawConfig(ConfigSource.CLASS, List.of(), DRIVER, gpu(",\"x\":1")))));
    assertThat(e.getMessage()).contains("opaque config #0 (from the DeviceClass");
  }

  @Test
  void missingRequiredFieldSaysRequired() {
    assertThat(fails(gpu(",\"sharing\":{}")).getMessage())
        .contains("field 'sharing.strategy'")
        .contains("is required (Strategy)");
  }

  @Test
  void unknownFieldListsTheAllowedFields() {
    ConfigDecodingException e = fails(gpu(",\"sharing\":{\"strategy\":\"MPS\",\"mpsconfig\":{}}"));
    assertThat(e.fieldPath()).contains("sharing.mpsconfig");
    assertThat(e.getMessage()).contains("unknown field").contains("allows strategy, mpsConfig");
  }

  @Test
  void unknownTopLevelFieldListsTheAllowedFields() {
    assertThat(fails(gpu(",\"shareing\":{}")).getMessage())
        .contains("field 'shareing'")
        .contains("GpuConfig allows sharing besides apiVersion and kind");
  }

  @Test
  void wrongJsonTypesNameTheExpectedType() {
    assertThat(fails(gpu(",\"sharing\":[]")).getMessage())
        .contains("expected an object, got an array");
    assertThat(fails(EVERYTHING.replace("\"fast\"", "7")).getMessage())
        .contains("field 'mode'")
        .contains("expected a string, got the number 7");
    assertThat(
            fails(EVERYTHING.replace("\"exclusive\":true", "\"exclusive\":\"yes\"")).getMessage())
        .contains("expected true or false");
    assertThat(fails(EVERYTHING.replace("[\"a\",\"b\"]", "\"a\"")).getMessage())
        .contains("field 'tags'")
        .contains("expected a list (JSON array)");
    assertThat(fails(EVERYTHING.replace("\"y\":2", "\"y\":\"2\"")).getMessage())
        .contains("field 'limits[y]'");
    assertThat(fails(EVERYTHING.replace("\"cores\":4", "\"cores\":null")).getMessage())
        .contains("field 'cores'")
        .contains("must not be null");
  }

  @Test
  void enumMismatchListsTheAllowedValues() {
    assertThat(fails(gpu(",\"sharing\":{\"strategy\":\"Exclusive\"}")).getMessage())
        .contains("'Exclusive' is not allowed; allowed values: TimeSlicing, Mps");
  }

  @Test
  void integerOverflowAndFractionsAreRejected() {
    assertThat(fails(EVERYTHING.replace("\"cores\":4", "\"cores\":2147483648")).getMessage())
        .contains("field 'cores'")
        .contains("out of range; allowed -2147483648 to 2147483647");
    assertThat(fails(EVERYTHING.replace("\"cores\":4", "\"cores\":1.5")).getMessage())
        .contains("fractional number 1.5");
    assertThat(fails(EVERYTHING.replace("9007199254740993", "9223372036854775808")).getMessage())
        .contains("field 'bytes'")
        .contains("out of range");
  }

  @Test
  void badQuantityAndDurationExplainTheGrammar() {
    assertThat(fails(EVERYTHING.replace("\"1.5Gi\"", "\"lots\"")).getMessage())
        .contains("field 'memory'")
        .contains("'lots' is not a quantity");
    assertThat(fails(EVERYTHING.replace("\"1m30s\"", "\"90 seconds\"")).getMessage())
        .contains("field 'timeout'")
        .contains("not a duration");
  }

  @Test
  void durationsAcceptGoAndIsoSpellings() throws Exception {
    for (Map.Entry<String, Duration> c :
        Map.of(
                "250ms",
                Duration.ofMillis(250),
                "1h2m3.5s",
                Duration.ofMillis(3_723_500),
                "PT30S",
                Duration.ofSeconds(30),
                "0",
                Duration.ZERO)
            .entrySet()) {
      Everything e =
          (Everything)
              DECODER
                  .decode(
                      CLAIM,
                      List.of(
                          claimConfig(EVERYTHING.replace("\"1m30s\"", "\"" + c.getKey() + "\""))))
                  .get(0)
                  .config();
      assertThat(e.timeout()).as(c.getKey()).isEqualTo(c.getValue());
    }
  }

  @Test
  void validateFailuresOfNestedRecordsBecomeDecodingErrors() {
    ConfigDecodingException e =
        fails(
            gpu(
                ",\"sharing\":{\"strategy\":\"MPS\",\"mpsConfig\":{\"defaultActiveThreadPercentage\":150}}"));
    assertThat(e.fieldPath()).contains("sharing.mpsConfig");
    assertThat(e.getMessage())
        .contains("defaultActiveThreadPercentage 150 must be between 1 and 100");
  }

  @Test
  void validateFailuresOfTheTopLevelRecordBecomeDecodingErrors() {
    ConfigDecodingException e =
        fails("{\"apiVersion\":\"gpu.example.com/v1\",\"kind\":\"Checked\",\"replicas\":9}");
    assertThat(e.fieldPath()).isEmpty();
    assertThat(e.getMessage())
        .contains("kind=Checked")
        .contains("replicas must be at most 8; lower it");
  }

  @Test
  void unknownKindListsTheKindsTheDriverAccepts() {
    ConfigDecodingException e =
        fails("{\"apiVersion\":\"gpu.example.com/v2\",\"kind\":\"GpuConfig\"}");
    assertThat(e.getMessage())
        .contains("apiVersion=gpu.example.com/v2, kind=GpuConfig")
        .contains("does not know this kind")
        .contains(
            "accepts apiVersion=gpu.example.com/v1, kind=GpuConfig; apiVersion=gpu.example.com/v1, kind=Everything");
  }

  @Test
  void missingApiVersionOrKindIsAnError() {
    assertThat(fails("{\"kind\":\"GpuConfig\"}").getMessage())
        .contains("field 'apiVersion'")
        .contains("is required")
        .contains("accepts apiVersion=gpu.example.com/v1");
    assertThat(fails("{\"apiVersion\":\"gpu.example.com/v1\",\"kind\":3}").getMessage())
        .contains("field 'kind'")
        .contains("must be a non-empty string");
  }

  @Test
  void malformedJsonDuplicateKeysAndNonObjectsAreErrors() {
    assertThat(fails("{\"apiVersion\":").getMessage()).contains("not valid JSON");
    assertThat(fails("{'apiVersion':'x'}").getMessage()).contains("not valid JSON");
    assertThat(fails(gpu("") + " {}").getMessage()).contains("not valid JSON");
    assertThat(fails(gpu(",\"sharing\":null,\"sharing\":null")).getMessage())
        .contains("field 'sharing'")
        .contains("appears twice");
    assertThat(fails("[1]").getMessage())
        .contains("must be a JSON object with apiVersion and kind");
  }

  @Test
  void aDriverWithoutKindsRejectsItsConfigWithTheFix() {
    OpaqueConfigDecoder none = new OpaqueConfigDecoder(DRIVER, List.of());
    assertThatThrownBy(() -> none.decode(CLAIM, List.of(claimConfig(gpu("")))))
        .isInstanceOf(ConfigDecodingException.class)
        .hasMessageContaining("accepts no opaque configuration; remove the entry");
  }

  record Unsupported(Set<String> names) {}

  record WildMap(Map<Integer, String> byNumber) {}

  @Test
  void unsupportedComponentTypesAreRejectedWhenTheDecoderIsBuilt() {
    assertThatThrownBy(
            () ->
                new OpaqueConfigDecoder(
                    DRIVER, List.of(ConfigKind.of("a/v1", "U", Unsupported.class))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unsupported.names")
        .hasMessageContaining("java.util.Set<java.lang.String>");
    assertThatThrownBy(
            () ->
                new OpaqueConfigDecoder(DRIVER, List.of(ConfigKind.of("a/v1", "W", WildMap.class))))
        .hasMessageContaining("map keys must be String");
  }

  @Test
  void aKindDeclaredTwiceIsRejected() {
    assertThatThrownBy(
            () ->
                new OpaqueConfigDecoder(
                    DRIVER,
                    List.of(
                        ConfigKind.of("a/v1", "K", GpuConfig.class),
                        ConfigKind.of("a/v1", "K", Checked.class))))
        .hasMessageContaining("declared twice");
  }

  record Bounded(int percent) {
    Bounded {
      if (percent < 0) {
        throw new IllegalArgumentException("percent must not be negative");
      }
    }
  }

  @Test
  void compactConstructorFailuresBecomeDecodingErrors() {
    OpaqueConfigDecoder d =
        new OpaqueConfigDecoder(DRIVER, List.of(ConfigKind.of("a/v1", "Bounded", Bounded.class)));
    assertThatThrownBy(
            () ->
                d.decode(
                    CLAIM,
                    List.of(
                        claimConfig(
                            "{\"apiVersion\":\"a/v1\",\"kind\":\"Bounded\",\"percent\":-1}"))))
        .isInstanceOf(ConfigDecodingException.class)
        .hasMessageContaining("invalid Bounded: percent must not be negative");
  }
}
