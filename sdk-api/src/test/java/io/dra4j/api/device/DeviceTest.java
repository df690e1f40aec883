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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceTest {

  private static Device.Builder withAttributes(int attributes, int capacities) {
    Device.Builder b = Device.builder("gpu-0");
    for (int i = 0; i < attributes; i++) {
      b.attribute("a" + i, i);
    }
    for (int i = 0; i < capacities; i++) {
      b.capacity("c" + i, "1Gi");
    }
    return b;
  }

  @Test
  void builderKeepsEveryPart() {
    DeviceTaint taint = DeviceTaint.of("neuron.aws.com/unhealthy", "ecc", TaintEffect.NO_SCHEDULE);
    Device d =
        Device.builder("neurondevice0")
            .attribute("model", "trainium2")
            .attribute("cores", 8)
            .attribute("healthy", true)
            .versionAttribute("driverVersion", "2.19.1")
            .attribute("resource.aws.com/devicegroup4_id", AttributeValue.of("g0"))
            .capacity("memory", "96Gi")
            .consumes(CounterConsumption.of("cores", Map.of("core", "1")))
            .taint(taint)
            .allowMultipleAllocations(true)
            .build();

    assertThat(d.name()).isEqualTo("neurondevice0");
    assertThat(d.attributes())
        .containsEntry(QualifiedName.of("model"), AttributeValue.of("trainium2"))
        .containsEntry(QualifiedName.of("cores"), AttributeValue.of(8))
        .containsEntry(QualifiedName.of("healthy"), AttributeValue.of(true))
        .containsEntry(QualifiedName.of("driverVersion"), AttributeValue.version("2.19.1"))
        .containsEntry(
            QualifiedName.of("resource.aws.com", "devicegroup4_id"), AttributeValue.of("g0"));
    assertThat(d.capacity()).containsEntry(QualifiedName.of("memory"), Quantity.parse("96Gi"));
    assertThat(d.consumesCounters()).hasSize(1);
    assertThat(d.taints()).containsExactly(taint);
    assertThat(d.allowMultipleAllocations()).isTrue();
  }

  @Test
  void collectionsAreImmutableAndSorted() {
    Device d = Device.builder("d").attribute("zeta", 1).attribute("alpha", 2).build();

    assertThat(d.attributes().keySet())
        .extracting(QualifiedName::toString)
        .containsExactly("alpha", "zeta");
    assertThatThrownBy(() -> d.attributes().put(QualifiedName.of("x"), AttributeValue.of(1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> d.taints().add(DeviceTaint.of("k", "v", TaintEffect.NONE)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() {
    Device d =
        Device.builder("d")
            .attribute("a", 1)
            .taint(DeviceTaint.of("k", "v", TaintEffect.NO_EXECUTE))
            .build();

    Device changed = d.toBuilder().clearTaints().attribute("b", true).build();

    assertThat(changed.taints()).isEmpty();
    assertThat(changed.attributes()).hasSize(2);
    assertThat(d.taints()).hasSize(1);
    assertThat(d.toBuilder().build()).isEqualTo(d);
  }

  @Test
  void deviceNameMustBeADnsLabel() {
    assertThat(Device.builder("neurondevice-15").build().name()).isEqualTo("neurondevice-15");
    assertThatThrownBy(() -> Device.builder("gpu_0").build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.object()).isEqualTo("device gpu_0");
              assertThat(e.field()).isEqualTo("name");
              assertThat(e.value()).isEqualTo("gpu_0");
              assertThat(e.getMessage()).contains("DNS label");
            });
    assertThatThrownBy(() -> Device.builder("a".repeat(64)).build())
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void thirtyTwoAttributesAndCapacitiesAreAllowed() {
    assertThat(withAttributes(20, 12).build().attributes()).hasSize(20);
    assertThat(withAttributes(32, 0).build().attributes()).hasSize(32);
  }

  @Test
  void thirtyThreeAttributesAndCapacitiesAreRejected() {
    assertThatThrownBy(() -> withAttributes(20, 13).build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.object()).isEqualTo("device gpu-0");
              assertThat(e.field()).isEqualTo("attributes+capacity");
              assertThat(e.value()).isEqualTo("33");
              assertThat(e.rule()).contains("at most 32");
            });
  }

  @Test
  void stringAttributeOf64BytesIsAllowed() {
    assertThat(Device.builder("d").attribute("s", "x".repeat(64)).build().attributes()).hasSize(1);
  }

  @Test
  void stringAttributeOver64BytesNamesTheDeviceAndAttribute() {
    assertThatThrownBy(() -> Device.builder("gpu-1").attribute("model", "x".repeat(65)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.object()).isEqualTo("device gpu-1");
              assertThat(e.field()).isEqualTo("attribute model");
              assertThat(e.rule()).contains("at most 64 bytes");
              assertThat(e.getCause()).isInstanceOf(ValidationException.class);
            });
  }

  @Test
  void stringLengthIsCountedInUtf8Bytes() {
    assertThat(AttributeValue.of("é".repeat(32)).value()).hasSize(32);
    assertThatThrownBy(() -> AttributeValue.of("é".repeat(33)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("has 66");
  }

  @Test
  void versionAttributeMustBeSemver() {
    assertThat(Device.builder("d").versionAttribute("v", "1.2.3-rc.1+build.5").build().attributes())
        .hasSize(1);
    assertThatThrownBy(() -> Device.builder("gpu-2").versionAttribute("driverVersion", "v1.2"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.object()).isEqualTo("device gpu-2");
              assertThat(e.field()).isEqualTo("attribute driverVersion");
              assertThat(e.value()).isEqualTo("v1.2");
              assertThat(e.rule()).contains("semantic version 2.0");
            });
  }

  @Test
  void versionAttributeIsAtMost64Bytes() {
    String ok = "1.0.0-" + "a".repeat(58);
    assertThat(AttributeValue.version(ok).value()).hasSize(64);
    assertThatThrownBy(() -> AttributeValue.version(ok + "a"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 64 bytes");
  }

  @Test
  void invalidAttributeNameNamesTheDevice() {
    assertThatThrownBy(() -> Device.builder("gpu-3").attribute("bad-name", 1))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.object()).isEqualTo("device gpu-3");
              assertThat(e.field()).isEqualTo("attribute name");
              assertThat(e.value()).isEqualTo("bad-name");
              assertThat(e.rule()).contains("C identifier");
            });
  }

  @Test
  void invalidCapacityQuantityNamesTheDeviceAndCapacity() {
    assertThatThrownBy(() -> Device.builder("gpu-4").capacity("memory", "16GB"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.object()).isEqualTo("device gpu-4");
              assertThat(e.field()).isEqualTo("capacity memory");
              assertThat(e.value()).isEqualTo("16GB");
              assertThat(e.rule()).contains("unknown suffix 'GB'");
            });
  }

  @Test
  void sixteenTaintsAreAllowedSeventeenAreNot() {
    Device.Builder b = Device.builder("d");
    for (int i = 0; i < Limits.MAX_TAINTS_PER_DEVICE; i++) {
      b.taint(DeviceTaint.of("t" + i, "v", TaintEffect.NO_SCHEDULE));
    }
    assertThat(b.build().taints()).hasSize(16);

    b.taint(DeviceTaint.of("t16", "v", TaintEffect.NO_SCHEDULE));
    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.object()).isEqualTo("device d");
              assertThat(e.field()).isEqualTo("taints");
              assertThat(e.value()).isEqualTo("17");
            });
    assertThat(Limits.MAX_TAINTS_PER_DEVICE_1_34).isEqualTo(4);
  }

  @Test
  void twoConsumesCountersEntriesAreAllowedThreeAreNot() {
    Device.Builder b =
        Device.builder("d")
            .consumes(CounterConsumption.of("a", Map.of("c", "1")))
            .consumes(CounterConsumption.of("b", Map.of("c", "1")));
    assertThat(b.build().consumesCounters()).hasSize(2);

    b.consumes(CounterConsumption.of("c", Map.of("c", "1")));
    assertThatThrownBy(b::build)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("device d: consumesCounters '3'")
        .hasMessageContaining("at most 2");
  }

  @Test
  void aCounterSetIsConsumedOnceOnly() {
    Device.Builder b =
        Device.builder("d")
            .consumes(CounterConsumption.of("a", Map.of("x", "1")))
            .consumes(CounterConsumption.of("a", Map.of("y", "1")));

    assertThatThrownBy(b::build)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("referenced once");
  }

  @Test
  void taintKeysAndValuesFollowLabelRules() {
    DeviceTaint t =
        new DeviceTaint(
            "neuron.aws.com/unhealthy", Optional.empty(), TaintEffect.NONE, Optional.empty());
    assertThat(t.value()).isEmpty();
    assertThatThrownBy(() -> DeviceTaint.of("bad key", "v", TaintEffect.NO_SCHEDULE))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("key");
              assertThat(e.value()).isEqualTo("bad key");
            });
    assertThatThrownBy(() -> DeviceTaint.of("k", "-bad", TaintEffect.NO_SCHEDULE))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.object()).isEqualTo("taint k");
              assertThat(e.field()).isEqualTo("value");
            });
  }

  @Test
  void taintEffectsUseTheirApiNames() {
    assertThat(TaintEffect.fromApiName("NoExecute")).isEqualTo(TaintEffect.NO_EXECUTE);
    assertThat(TaintEffect.NONE.apiName()).isEqualTo("None");
    assertThatThrownBy(() -> TaintEffect.fromApiName("NoSched"))
        .hasMessageContaining("NoSchedule, NoExecute, None");
  }

  @Test
  void qualifiedNamesParseAndQualify() {
    QualifiedName bare = QualifiedName.of("model");
    assertThat(bare.domain()).isEmpty();
    assertThat(bare.qualify("neuron.aws.com").toString()).isEqualTo("neuron.aws.com/model");
    assertThat(QualifiedName.of("a.com/x").qualify("b.com").toString()).isEqualTo("a.com/x");
    assertThat(QualifiedName.of("a.com/x")).isEqualTo(QualifiedName.of("a.com", "x"));
    assertThat(
            List.of(QualifiedName.of("b.com/a"), QualifiedName.of("z"), QualifiedName.of("a.com/z"))
                .stream()
                .sorted()
                .map(Object::toString))
        .containsExactly("z", "a.com/z", "b.com/a");
  }

  @Test
  void qualifiedNameRules() {
    assertThat(QualifiedName.of("a".repeat(32)).name()).hasSize(32);
    assertThatThrownBy(() -> QualifiedName.of("a".repeat(33)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 32");
    assertThat(QualifiedName.of("a".repeat(59) + ".com/x").domain()).isPresent();
    assertThatThrownBy(() -> QualifiedName.of("a".repeat(60) + ".com/x"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 63");
    assertThatThrownBy(() -> QualifiedName.of("a.com/b/c"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("only one '/'");
    assertThatThrownBy(() -> QualifiedName.of("/c"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("empty domain");
    assertThatThrownBy(() -> QualifiedName.of("a_b.com/c"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("DNS subdomain");
  }
}
