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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonElement;
import io.dra4j.api.device.Quantity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ScalarValuesTest {
  enum Mode {
    FAST,
    SAFE_MODE
  }

  private static Object convert(Class<?> type, String json) {
    return ScalarValues.convert(type, StrictJsonReader.parse(json), "f");
  }

  private static DecodingFailure fails(Class<?> type, String json) {
    DecodingFailure f = catchThrowableOfType(DecodingFailure.class, () -> convert(type, json));
    assertThat(f).as(type.getSimpleName() + " from " + json).isNotNull();
    assertThat(f.path()).isEqualTo("f");
    return f;
  }

  @Test
  void supportsTheScalarTypesAndEnumsOnly() {
    for (Class<?> c :
        List.of(
            String.class,
            boolean.class,
            Boolean.class,
            int.class,
            Integer.class,
            long.class,
            Long.class,
            double.class,
            Double.class,
            Quantity.class,
            Duration.class,
            Mode.class)) {
      assertThat(ScalarValues.supports(c)).as(c.getName()).isTrue();
    }
    assertThat(ScalarValues.supports(float.class)).isFalse();
    assertThat(ScalarValues.supports(Object.class)).isFalse();
    assertThat(ScalarValues.supports(List.class)).isFalse();
  }

  @Test
  void convertsEachScalar() {
    assertThat(convert(String.class, "\"x\"")).isEqualTo("x");
    assertThat(convert(boolean.class, "true")).isEqualTo(true);
    assertThat(convert(int.class, "-7")).isEqualTo(-7);
    assertThat(convert(Integer.class, "2e2")).isEqualTo(200);
    assertThat(convert(long.class, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(convert(double.class, "0.5")).isEqualTo(0.5);
    assertThat(convert(Quantity.class, "\"2Gi\"")).isEqualTo(Quantity.parse("2Gi"));
    assertThat(convert(Quantity.class, "1.5")).isEqualTo(Quantity.parse("1.5"));
    assertThat(convert(Duration.class, "\"1m\"")).isEqualTo(Duration.ofMinutes(1));
    assertThat(convert(Mode.class, "\"safeMode\"")).isEqualTo(Mode.SAFE_MODE);
  }

  @Test
  void noCoercionBetweenJsonTypes() {
    assertThat(fails(int.class, "\"4\"").getMessage())
        .isEqualTo("expected an integer, got the string \"4\"");
    assertThat(fails(String.class, "4").getMessage())
        .isEqualTo("expected a string, got the number 4");
    assertThat(fails(boolean.class, "1").getMessage())
        .isEqualTo("expected true or false, got the number 1");
    assertThat(fails(Duration.class, "30").getMessage())
        .isEqualTo("expected a duration such as \"30s\" or \"1m30s\", got the number 30");
    assertThat(fails(Quantity.class, "true").getMessage())
        .isEqualTo("expected a quantity such as \"1.5Gi\", \"100m\" or 64, got the boolean true");
  }

  @Test
  void nullIsNeverAScalar() {
    assertThat(fails(Long.class, "null").getMessage())
        .isEqualTo("must not be null; expected an integer");
  }

  @Test
  void integersMustBeWholeAndInRange() {
    assertThat(fails(int.class, "1.5").getMessage())
        .isEqualTo("expected an integer, got the fractional number 1.5");
    assertThat(fails(int.class, "-2147483649").getMessage())
        .isEqualTo("-2147483649 is out of range; allowed -2147483648 to 2147483647");
    assertThat(convert(int.class, "1.0")).as("a whole number written with a fraction").isEqualTo(1);
  }

  @Test
  void doublesMustBeFinite() {
    assertThat(fails(double.class, "1e400").getMessage())
        .isEqualTo("number 1E+400 is too large for a double");
  }

  @Test
  void badDurationsAndQuantitiesExplainTheGrammar() {
    assertThat(fails(Duration.class, "\"soon\"").getMessage())
        .startsWith("'soon' is not a duration; write Go style like \"30s\"");
    assertThat(fails(Quantity.class, "\"lots\"").getMessage())
        .startsWith("'lots' is not a quantity; write a number with an optional suffix");
  }

  @Test
  void enumsListTheAllowedValues() {
    assertThat(fails(Mode.class, "\"slow\"").getMessage())
        .isEqualTo("'slow' is not allowed; allowed values: Fast, SafeMode");
    assertThat(fails(Mode.class, "3").getMessage())
        .isEqualTo("expected one of Fast, SafeMode, got the number 3");
  }

  @Test
  void anUnsupportedTypeIsNamed() {
    JsonElement e = StrictJsonReader.parse("1");
    DecodingFailure f =
        catchThrowableOfType(
            DecodingFailure.class, () -> ScalarValues.convert(float.class, e, "f"));
    assertThat(f.getMessage()).isEqualTo("unsupported type float");
  }

  @Test
  @Timeout(10)
  void integersWithHugeExponentsAreRefusedAtOnce() {
    assertThat(fails(int.class, "1e999999999").getMessage())
        .isEqualTo("1E+999999999 is out of range; allowed -2147483648 to 2147483647");
    assertThat(fails(long.class, "-1e999999999").getMessage()).contains("is out of range");
    assertThat(fails(long.class, "1e-999999999").getMessage())
        .isEqualTo("expected an integer, got the fractional number 1E-999999999");
    assertThat(convert(long.class, "12e3")).isEqualTo(12_000L);
    assertThat(convert(int.class, "1.000")).isEqualTo(1);
  }

  @Test
  @Timeout(10)
  void quantitiesFromNumbersWithHugeExponentsKeepTheExponent() {
    assertThat(convert(Quantity.class, "1e999999999").toString()).isEqualTo("1e999999999");
    assertThat(convert(Quantity.class, "1e-999999999")).isEqualTo(Quantity.parse("1n"));
    assertThat(convert(Quantity.class, "1e3").toString()).isEqualTo("1k");
    assertThat(fails(Quantity.class, "100e2147483647").getMessage())
        .startsWith("'1.00E+2147483649' is not a quantity");
  }
}
