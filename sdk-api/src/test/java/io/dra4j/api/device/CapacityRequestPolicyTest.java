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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapacityRequestPolicyTest {

  private static Quantity q(String s) {
    return Quantity.parse(s);
  }

  private static final CapacityRequestPolicy SLICES =
      CapacityRequestPolicy.range(q("4Gi"), q("4Gi"), q("40Gi"), q("4Gi"));

  private static Device.Builder shared(CapacityRequestPolicy policy) {
    return Device.builder("gpu-0")
        .allowMultipleAllocations(true)
        .capacity("memory", q("40Gi"), policy);
  }

  @Test
  void deviceKeepsThePolicyOfItsCapacity() {
    Device d = shared(SLICES).build();

    assertThat(d.requestPolicies()).containsEntry(QualifiedName.of("memory"), SLICES);
    assertThat(d.capacity()).containsEntry(QualifiedName.of("memory"), q("40Gi"));
    assertThat(d.toBuilder().build()).isEqualTo(d);
  }

  @Test
  void rangeRoundsUpToTheNextStepAboveMin() {
    Quantity cap = q("40Gi");

    assertThat(SLICES.consumed(Optional.empty(), cap)).contains(q("4Gi"));
    assertThat(SLICES.consumed(Optional.of(q("1Gi")), cap)).contains(q("4Gi"));
    assertThat(SLICES.consumed(Optional.of(q("5Gi")), cap)).contains(q("8Gi"));
    assertThat(SLICES.consumed(Optional.of(q("8Gi")), cap)).contains(q("8Gi"));
    assertThat(SLICES.consumed(Optional.of(q("41Gi")), cap)).isEmpty();
  }

  @Test
  void validValuesRoundUpToTheNextValueAndRejectMore() {
    CapacityRequestPolicy p =
        CapacityRequestPolicy.validValues(q("10Gi"), List.of(q("10Gi"), q("20Gi"), q("40Gi")));

    assertThat(p.consumed(Optional.empty(), q("40Gi"))).contains(q("10Gi"));
    assertThat(p.consumed(Optional.of(q("11Gi")), q("40Gi"))).contains(q("20Gi"));
    assertThat(p.consumed(Optional.of(q("41Gi")), q("40Gi"))).isEmpty();
  }

  @Test
  void defaultOnlyPolicyTakesRequestsAsTheyAreAndDefaultsToIt() {
    CapacityRequestPolicy p = CapacityRequestPolicy.defaultAmount(q("1Gi"));

    assertThat(p.consumed(Optional.empty(), q("40Gi"))).contains(q("1Gi"));
    assertThat(p.consumed(Optional.of(q("3Gi")), q("40Gi"))).contains(q("3Gi"));
  }

  @Test
  void withoutDefaultARequestWithoutAmountConsumesTheWholeCapacity() {
    CapacityRequestPolicy p =
        new CapacityRequestPolicy(Optional.empty(), List.of(), Optional.empty());

    assertThat(p.consumed(Optional.empty(), q("40Gi"))).contains(q("40Gi"));
  }

  @Test
  void policyNeedsAllowMultipleAllocations() {
    assertThatThrownBy(() -> Device.builder("gpu-0").capacity("memory", q("40Gi"), SLICES).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("device gpu-0")
        .hasMessageContaining("capacity memory requestPolicy")
        .hasMessageContaining("allowMultipleAllocations(true)");
  }

  @Test
  void policyOfAMissingCapacityIsRejected() {
    Device d = shared(SLICES).build();
    Device.Builder b = d.toBuilder();
    assertThatThrownBy(
            () ->
                new Device(
                    "gpu-0",
                    d.attributes(),
                    java.util.Map.of(),
                    List.of(),
                    List.of(),
                    true,
                    d.requestPolicies(),
                    DeviceBinding.immediate()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("refers to a capacity the device does not have");
    assertThat(b.build()).isEqualTo(d);
  }

  @Test
  void boundsAboveTheCapacityAreRejectedNamingDeviceCapacityAndField() {
    CapacityRequestPolicy tooBig =
        CapacityRequestPolicy.validValues(q("10Gi"), List.of(q("10Gi"), q("80Gi")));

    assertThatThrownBy(() -> shared(tooBig).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("device gpu-0: capacity memory requestPolicy.validValues '80Gi'")
        .hasMessageContaining("more than the capacity 40Gi");
    assertThatThrownBy(
            () ->
                shared(CapacityRequestPolicy.range(q("4Gi"), q("4Gi"), q("48Gi"), q("4Gi")))
                    .build())
        .hasMessageContaining("requestPolicy.validRange.max '48Gi'");
    assertThatThrownBy(
            () ->
                shared(CapacityRequestPolicy.range(q("4Gi"), q("4Gi"), q("4Gi"), q("40Gi")))
                    .build())
        .hasMessageContaining("requestPolicy.validRange.step '40Gi'")
        .hasMessageContaining("min plus one step is 44Gi");
  }

  @Test
  void badPoliciesAreRejectedWithTheRule() {
    assertThatThrownBy(() -> CapacityRequestPolicy.validValues(q("5Gi"), List.of(q("10Gi"))))
        .hasMessageContaining("default '5Gi' must be one of validValues");
    assertThatThrownBy(
            () -> CapacityRequestPolicy.validValues(q("10Gi"), List.of(q("20Gi"), q("10Gi"))))
        .hasMessageContaining("ascending order");
    assertThatThrownBy(
            () -> CapacityRequestPolicy.validValues(q("10Gi"), List.of(q("10Gi"), q("10Gi"))))
        .hasMessageContaining("without repeats");
    List<Quantity> eleven = new java.util.ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      eleven.add(Quantity.of(i));
    }
    assertThatThrownBy(() -> CapacityRequestPolicy.validValues(Quantity.of(1), eleven))
        .hasMessageContaining("at most 10 values");
    assertThatThrownBy(
            () -> new CapacityRequestPolicy(Optional.empty(), List.of(q("1Gi")), Optional.empty()))
        .hasMessageContaining("default '' is required");
    assertThatThrownBy(
            () ->
                new CapacityRequestPolicy(
                    Optional.of(q("1Gi")),
                    List.of(q("1Gi")),
                    Optional.of(
                        new CapacityRequestPolicy.Range(
                            q("1Gi"), Optional.empty(), Optional.empty()))))
        .hasMessageContaining("cannot be combined with validRange");
    assertThatThrownBy(() -> CapacityRequestPolicy.range(q("6Gi"), q("4Gi"), q("40Gi"), q("4Gi")))
        .hasMessageContaining("default '6Gi' must be min 4Gi plus a whole number of steps");
    assertThatThrownBy(() -> CapacityRequestPolicy.range(q("2Gi"), q("4Gi"), q("40Gi"), q("4Gi")))
        .hasMessageContaining("must lie within validRange");
    assertThatThrownBy(() -> CapacityRequestPolicy.range(q("4Gi"), q("4Gi"), q("42Gi"), q("4Gi")))
        .hasMessageContaining("validRange.max '42Gi' must be min 4Gi plus a whole number");
    assertThatThrownBy(() -> CapacityRequestPolicy.range(q("4Gi"), q("4Gi"), q("40Gi"), q("0")))
        .hasMessageContaining("step '0' must be greater than zero");
    assertThatThrownBy(() -> CapacityRequestPolicy.range(q("4Gi"), q("8Gi"), q("4Gi"), q("4Gi")))
        .hasMessageContaining("must be at least min");
    assertThatThrownBy(
            () -> new CapacityRequestPolicy.Range(q("-1"), Optional.empty(), Optional.empty()))
        .hasMessageContaining("min '-1' must be zero or more");
  }
}
