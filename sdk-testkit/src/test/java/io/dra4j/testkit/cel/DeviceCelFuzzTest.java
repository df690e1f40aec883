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
package io.dra4j.testkit.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1DeviceAttribute;
import io.kubernetes.client.openapi.models.V1DeviceCapacity;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of device selectors: any expression compiles or fails with {@link
 * SelectorCompileException} naming the expression; a compiled selector evaluates without throwing,
 * within a bounded time, and a failed evaluation carries a message.
 */
class DeviceCelFuzzTest {
  private static final Duration PER_TRY = Duration.ofSeconds(20);
  private static final DeviceCel CEL = DeviceCel.create();
  private static final Map<String, Object> DEVICE =
      DeviceCel.deviceVariable(
          "neuron.aws.com",
          Map.of(
              "deviceId", new V1DeviceAttribute()._int(3L),
              "instanceType", new V1DeviceAttribute().string("trn2.48xlarge"),
              "healthy", new V1DeviceAttribute().bool(true),
              "draDriverVersion", new V1DeviceAttribute().version("1.2.3-rc.1")),
          Map.of("memory", new V1DeviceCapacity().value(Quantity.fromString("96Gi"))),
          false);

  @Property
  void anyExpressionCompilesOrFailsNamingIt(@ForAll("texts") String expression) {
    assertTimeoutPreemptively(PER_TRY, () -> compileAndEvaluate(expression));
  }

  @Property
  void selectorLikeExpressionsEvaluateWithoutThrowing(@ForAll("selectors") String expression) {
    assertTimeoutPreemptively(PER_TRY, () -> compileAndEvaluate(expression));
  }

  private static void compileAndEvaluate(String expression) {
    DeviceSelector selector;
    try {
      selector = CEL.compile(expression);
    } catch (SelectorCompileException e) {
      assertThat(e.expression()).isEqualTo(expression);
      assertThat(e.getMessage()).isNotBlank().isNotEqualTo("null");
      return;
    }
    DeviceSelector.Evaluation result = selector.evaluate(DEVICE);
    result
        .error()
        .ifPresent(
            m -> assertThat(m).as("the error of %s", expression).isNotBlank().isNotEqualTo("null"));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(60),
        Arbitraries.strings()
            .withChars("()[]{}.\"'!&|=<>+-*/%?:,0123456789 device")
            .ofMaxLength(60),
        Arbitraries.integers().between(1, 200).map(n -> "(".repeat(n) + "true" + ")".repeat(n)),
        Arbitraries.integers().between(1, 200).map(n -> "!".repeat(n) + "true"));
  }

  /** Terms over the device variable and the Kubernetes library, joined by operators. */
  @Provide
  Arbitrary<String> selectors() {
    Arbitrary<String> term =
        Arbitraries.of(
            "device.driver == \"neuron.aws.com\"",
            "device.attributes[\"neuron.aws.com\"].deviceId > 2",
            "device.attributes[\"neuron.aws.com\"].missing == 1",
            "device.attributes[\"x.com\"].y",
            "device.capacity[\"neuron.aws.com\"].memory.compareTo(quantity(\"32Gi\")) > 0",
            "quantity(\"not-a-quantity\").isInteger()",
            "quantity(\"1e999999999\").asInteger() > 0",
            "quantity(\"100e2147483647\").sign() == 1",
            "isQuantity(\"1.5Gi\")",
            "semver(\"1.2.3\").isGreaterThan(device.attributes[\"neuron.aws.com\"].draDriverVersion)",
            "semver(\"x\").major() == 1",
            "isSemver(\"1.2\")",
            "1 / 0 == 1",
            "9223372036854775807 + 1 > 0",
            "[1, 2, 3].all(x, x > 0)",
            "[1,2,3,4,5,6,7,8,9,10].map(a, [1,2,3,4,5,6,7,8,9,10].map(b, "
                + "[1,2,3,4,5,6,7,8,9,10].map(c, a + b + c))).size() > 0",
            "\"a\".matches(\"(a+)+$\")",
            "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\".matches(\"^(a+)+$\")",
            "device.allowMultipleAllocations",
            "1",
            "\"s\"",
            "null");
    return term.list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(ts -> ts.stream().collect(Collectors.joining(" && ")));
  }
}
