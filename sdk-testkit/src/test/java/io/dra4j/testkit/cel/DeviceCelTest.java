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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1DeviceAttribute;
import io.kubernetes.client.openapi.models.V1DeviceCapacity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceCelTest {

  private static final DeviceCel CEL = DeviceCel.create();

  private static Map<String, Object> neuronDevice() {
    Map<String, V1DeviceAttribute> attrs = new LinkedHashMap<>();
    attrs.put("deviceId", new V1DeviceAttribute()._int(3L));
    attrs.put("instanceType", new V1DeviceAttribute().string("trn2.48xlarge"));
    attrs.put("healthy", new V1DeviceAttribute().bool(true));
    attrs.put("draDriverVersion", new V1DeviceAttribute().version("1.2.3-rc.1"));
    attrs.put("resource.aws.com/devicegroup4_id", new V1DeviceAttribute().string("abc"));
    Map<String, V1DeviceCapacity> caps = new LinkedHashMap<>();
    caps.put("memory", new V1DeviceCapacity().value(Quantity.fromString("96Gi")));
    caps.put("cores", new V1DeviceCapacity().value(Quantity.fromString("8")));
    return DeviceCel.deviceVariable("neuron.aws.com", attrs, caps, false);
  }

  private static boolean eval(String expression) {
    DeviceSelector.Evaluation e = CEL.compile(expression).evaluate(neuronDevice());
    assertThat(e.error()).as("error of %s", expression).isEmpty();
    return e.matched();
  }

  private static String error(String expression) {
    DeviceSelector.Evaluation e = CEL.compile(expression).evaluate(neuronDevice());
    assertThat(e.matched()).isFalse();
    return e.error().orElseThrow();
  }

  @Test
  void driverAndUnqualifiedAttributesResolveToTheDriversDomain() {
    assertThat(eval("device.driver == 'neuron.aws.com'")).isTrue();
    assertThat(eval("device.attributes['neuron.aws.com'].deviceId == 3")).isTrue();
    assertThat(eval("device.attributes['neuron.aws.com'].instanceType.startsWith('trn2')"))
        .isTrue();
    assertThat(eval("device.attributes['neuron.aws.com'].healthy")).isTrue();
    assertThat(eval("device.attributes['resource.aws.com'].devicegroup4_id == 'abc'")).isTrue();
    assertThat(eval("device.allowMultipleAllocations")).isFalse();
  }

  @Test
  void intAttributesAreInt64() {
    assertThat(eval("device.attributes['neuron.aws.com'].deviceId + 9223372036854775800 > 0"))
        .isTrue();
    assertThat(error("device.attributes['neuron.aws.com'].deviceId + 9223372036854775807 > 0"))
        .containsIgnoringCase("overflow");
  }

  @Test
  void missingKeyIsARuntimeErrorAndInGuardsIt() {
    assertThat(error("device.attributes['neuron.aws.com'].missing == 1")).contains("missing");
    assertThat(error("device.attributes['other.example.com'].x == 1")).contains("x");
    assertThat(eval("'missing' in device.attributes['neuron.aws.com']")).isFalse();
    assertThat(
            eval(
                "!('x' in device.attributes['other.example.com'])"
                    + " && 'deviceId' in device.attributes['neuron.aws.com']"))
        .isTrue();
  }

  @Test
  void capacityIsAQuantityWithTheKubernetesFunctions() {
    String mem = "device.capacity['neuron.aws.com'].memory";
    assertThat(eval(mem + ".compareTo(quantity('32Gi')) > 0")).isTrue();
    assertThat(eval(mem + ".isGreaterThan(quantity('96Gi'))")).isFalse();
    assertThat(eval(mem + ".isLessThan(quantity('110G'))")).isTrue();
    assertThat(eval(mem + ".compareTo(quantity('96Gi')) == 0")).isTrue();
    assertThat(eval(mem + ".add(quantity('1Gi')).compareTo(quantity('97Gi')) == 0")).isTrue();
    assertThat(eval(mem + ".sub(quantity('16Gi')).compareTo(quantity('80Gi')) == 0")).isTrue();
    assertThat(eval("device.capacity['neuron.aws.com'].cores.add(2).asInteger() == 10")).isTrue();
    assertThat(eval("device.capacity['neuron.aws.com'].cores.sub(10).sign() == -1")).isTrue();
    assertThat(eval(mem + ".asInteger() == 103079215104")).isTrue();
    assertThat(eval("quantity('1500m').isInteger()")).isFalse();
    assertThat(eval("quantity('1.5k').isInteger()")).isTrue();
    assertThat(eval("quantity('1500m').asApproximateFloat() == 1.5")).isTrue();
    assertThat(eval("isQuantity('1Ei') && !isQuantity('12 apples')")).isTrue();
    assertThat(error("quantity('1500m').asInteger() == 1")).contains("int64");
    assertThat(error("quantity('12 apples').sign() == 1")).contains("12 apples");
  }

  @Test
  void versionAttributesAreSemver() {
    String v = "device.attributes['neuron.aws.com'].draDriverVersion";
    assertThat(eval(v + ".isLessThan(semver('1.2.3'))")).isTrue();
    assertThat(eval(v + ".isGreaterThan(semver('1.2.3-beta.9'))")).isTrue();
    assertThat(eval(v + ".compareTo(semver('1.2.3-rc.1')) == 0")).isTrue();
    assertThat(eval(v + ".major() == 1 && " + v + ".minor() == 2 && " + v + ".patch() == 3"))
        .isTrue();
    assertThat(eval("isSemver('1.0.0') && !isSemver('1.0')")).isTrue();
    assertThat(error("semver('v1').major() == 1")).contains("v1");
  }

  @Test
  void extensionLibrariesAndBindAreAvailable() {
    assertThat(eval("cel.bind(d, device.attributes['neuron.aws.com'], d.deviceId < 4)")).isTrue();
    assertThat(eval("'trn2.48xlarge'.split('.')[0] == 'trn2'")).isTrue();
    assertThat(eval("sets.contains([1, 2, 3], [2])")).isTrue();
    assertThat(eval("[1, 2, 3].exists(x, x == device.attributes['neuron.aws.com'].deviceId)"))
        .isTrue();
  }

  @Test
  void comprehensionsAreBounded() {
    String huge = "lists.range(200000).all(x, x >= 0)";
    assertThat(error(huge)).containsIgnoringCase("iteration");
  }

  @Test
  void programsAreCompiledOnceAndCached() {
    DeviceCel cel = DeviceCel.create();
    DeviceSelector a = cel.compile("device.driver == 'x'");
    DeviceSelector b = cel.compile("device.driver == 'x'");
    assertThat(a).isSameAs(b);
    assertThat(cel.cachedPrograms()).isEqualTo(1);
  }

  @Test
  void compileErrorsNameTheExpression() {
    assertThatThrownBy(() -> CEL.compile("device.driver == "))
        .isInstanceOf(SelectorCompileException.class)
        .hasMessageContaining("\"device.driver ==\"")
        .hasMessageContaining("does not compile");
    assertThatThrownBy(() -> CEL.compile("quantity(1)"))
        .isInstanceOf(SelectorCompileException.class);
    assertThatThrownBy(() -> CEL.compile("1 + 2"))
        .isInstanceOf(SelectorCompileException.class)
        .hasMessageContaining("must return bool");
  }

  @Test
  void nonBoolResultAtRuntimeIsAnErrorNotAMatch() {
    DeviceSelector.Evaluation e =
        CEL.compile("device.attributes['neuron.aws.com'].instanceType").evaluate(neuronDevice());
    assertThat(e.matched()).isFalse();
    assertThat(e.error()).hasValueSatisfying(m -> assertThat(m).contains("expected bool"));
  }
}
