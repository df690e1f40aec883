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
package io.dra4j.runtime.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.device.Counter;
import io.dra4j.api.device.CounterConsumption;
import io.dra4j.api.device.CounterSet;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.PoolScope;
import io.dra4j.api.device.TaintEffect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SliceLayoutTest {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static Pool pool(int n, boolean tainted) {
    List<Device> devices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Device.Builder b = Device.builder("dev-" + i);
      if (tainted) {
        b.taint(DeviceTaint.of("k", "v", TaintEffect.NO_SCHEDULE));
      }
      devices.add(b.build());
    }
    Collections.shuffle(devices);
    return Pool.builder("node-a").devices(devices).build();
  }

  @Test
  void plainDevicesArePackedAt128PerSliceInNameOrder() {
    List<PlannedSlice> slices = SliceLayout.plan("gpu.example.com", "node-a", pool(300, false));

    assertThat(slices).extracting(s -> s.devices().size()).containsExactly(128, 128, 44);
    List<String> names = new ArrayList<>();
    slices.forEach(s -> s.devices().forEach(d -> names.add(d.name())));
    assertThat(names).isSorted().hasSize(300);
    assertThat(slices).extracting(PlannedSlice::index).containsExactly(0, 1, 2);
  }

  @Test
  void aTaintedDeviceLimitsItsSliceTo64() {
    assertThat(SliceLayout.plan("gpu.example.com", "node-a", pool(130, true)))
        .extracting(s -> s.devices().size())
        .containsExactly(64, 64, 2);
  }

  @Test
  void anAdvancedDeviceAfter64PlainOnesStartsANewSlice() {
    List<Device> devices = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      devices.add(Device.builder(String.format("a-%03d", i)).build());
    }
    devices.add(
        Device.builder("z-tainted")
            .taint(DeviceTaint.of("k", "v", TaintEffect.NO_SCHEDULE))
            .build());
    List<PlannedSlice> slices =
        SliceLayout.plan("d.example.com", "n", Pool.builder("p").devices(devices).build());

    assertThat(slices).extracting(s -> s.devices().size()).containsExactly(100, 1);
  }

  @Test
  void counterSetsGetTheirOwnSlicesOfAtMostEight() {
    Pool.Builder b = Pool.builder("p");
    for (int i = 0; i < 10; i++) {
      b.counterSet(CounterSet.of("set-" + i, Map.of("memory", "1Gi")));
    }
    b.device(
        Device.builder("dev")
            .consumes(new CounterConsumption("set-0", Map.of("memory", Counter.of("1Gi"))))
            .build());

    List<PlannedSlice> slices = SliceLayout.plan("d.example.com", "n", b.build());

    assertThat(slices).hasSize(3);
    assertThat(slices.get(0).devices()).hasSize(1);
    assertThat(slices.get(0).counterSets()).isEmpty();
    assertThat(slices.get(1).counterSets()).hasSize(8);
    assertThat(slices.get(1).devices()).isEmpty();
    assertThat(slices.get(2).counterSets()).hasSize(2);
  }

  @Test
  void anEmptyPoolStillHasOneSlice() {
    assertThat(SliceLayout.plan("d.example.com", "n", Pool.builder("p").build()))
        .singleElement()
        .satisfies(s -> assertThat(s.devices()).isEmpty());
  }

  @Test
  void namesAreStableSortInSliceOrderAndDifferPerPoolAndNode() {
    String a0 = SliceLayout.name("gpu.example.com", "node-a", "pool", 0);
    assertThat(a0).isEqualTo(SliceLayout.name("gpu.example.com", "node-a", "pool", 0));
    assertThat(a0).startsWith("node-a-gpu.example.com-").endsWith("-0000");
    assertThat(SliceLayout.name("gpu.example.com", "node-a", "pool", 10))
        .isGreaterThan(SliceLayout.name("gpu.example.com", "node-a", "pool", 9));
    assertThat(SliceLayout.name("gpu.example.com", "node-a", "other", 0)).isNotEqualTo(a0);
    assertThat(SliceLayout.name("gpu.example.com", "node-b", "pool", 0)).isNotEqualTo(a0);
    assertThat(SliceLayout.name("gpu.example.com", "", "pool", 0)).startsWith("cluster-");
  }

  @Test
  void longNamesAreCutTo253CharactersAndStayValidAndUnique() {
    String node = "n".repeat(200) + "." + "m".repeat(52);
    String a = SliceLayout.name("gpu.example.com", node, "pool-a", 0);
    String b = SliceLayout.name("gpu.example.com", node, "pool-b", 0);

    assertThat(a).hasSizeLessThanOrEqualTo(253).matches(DNS_SUBDOMAIN);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void nodeLocalPoolNeedsANodeName() {
    assertThatThrownBy(() -> SliceLayout.plan("d.example.com", "", Pool.builder("p").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pool p is scoped to this node")
        .hasMessageContaining("PoolScope.allNodes()");
  }

  @Test
  void invalidNodeLabelsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> PoolScope.nodeLabels(Map.of("rack", "not valid!")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'not valid!'")
        .hasMessageContaining("rack");
  }
}
