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
package io.dra4j.bench.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.allocator.AllocationOutcome;
import io.dra4j.testkit.allocator.Allocator;
import io.dra4j.testkit.allocator.ClusterState;
import io.dra4j.testkit.allocator.DraObjects;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.List;
import org.junit.jupiter.api.Test;

class Trn2SlicesTest {
  private static final String GROUP4 = "resource.aws.com/devicegroup4_id";

  private static String group4(V1Device d) {
    return d.getAttributes().get(GROUP4).getString();
  }

  @Test
  void eachNeuronDeviceSharesItsGroupOfFourWithItsPairedEfa() {
    List<V1ResourceSlice> slices = Trn2Slices.slices("n");
    List<V1Device> neurons = slices.get(0).getSpec().getDevices();
    List<V1Device> efas = slices.get(1).getSpec().getDevices();

    assertThat(neurons).hasSize(16);
    assertThat(efas).hasSize(16);
    assertThat(efas.get(0).getName()).isEqualTo("pci-0000-c9-00-0");
    for (int i = 0; i < 16; i++) {
      assertThat(group4(neurons.get(i))).isEqualTo(group4(efas.get(i)));
      assertThat(group4(neurons.get(i))).isEqualTo(Trn2Slices.groupId(4, i));
    }
    assertThat(neurons.stream().map(Trn2SlicesTest::group4).distinct()).hasSize(4);
  }

  @Test
  void aNodeTakesFourAlignedClaimsAndNoFifth() {
    V1Node node = DraObjects.node("n");
    Allocator a =
        Allocator.create(ClusterState.of(Trn2Slices.slices("n"), Trn2Slices.deviceClasses()));
    for (int i = 0; i < 4; i++) {
      ResourceV1ResourceClaim c = Trn2Slices.alignedClaim("bench", "c" + i, 4, 4);
      AllocationOutcome o = a.allocate(node, List.of(c));
      assertThat(o).isInstanceOf(AllocationOutcome.Allocated.class);
      a = a.withAllocated(((AllocationOutcome.Allocated) o).applyTo(List.of(c)));
    }

    assertThat(a.allocate(node, List.of(Trn2Slices.alignedClaim("bench", "c4", 4, 4))))
        .isInstanceOf(AllocationOutcome.Unschedulable.class);
  }
}
