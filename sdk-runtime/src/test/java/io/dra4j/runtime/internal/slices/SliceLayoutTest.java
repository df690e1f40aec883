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
package io.dra4j.runtime.internal.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.device.AttributeValue;
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
  void plainDevicesArePackedAt128PerSliceInTheProvidersOrder() {
    Pool pool = pool(300, false);
    List<PlannedSlice> slices = SliceLayout.plan("gpu.example.com", "node-a", pool);

    assertThat(slices).extracting(s -> s.devices().size()).containsExactly(128, 128, 44);
    List<String> names = new ArrayList<>();
    slices.forEach(s -> s.devices().forEach(d -> names.add(d.name())));
    assertThat(names).containsExactlyElementsOf(pool.devices().stream().map(Device::name).toList());
    assertThat(slices).extracting(PlannedSlice::index).containsExactly(0, 1, 2);
  }

  @Test
  void numberedDevicesStayInNumericOrderNotTextOrder() {
    Pool.Builder b = Pool.builder("node-a");
    for (int i = 0; i < 16; i++) {
      b.device(Device.builder("neurondevice" + i).build());
    }
    List<PlannedSlice> slices = SliceLayout.plan("neuron.aws.com", "node-a", b.build());

    assertThat(slices.get(0).devices())
        .extracting(Device::name)
        .containsSubsequence("neurondevice0", "neurondevice1", "neurondevice2", "neurondevice3")
        .containsSubsequence("neurondevice2", "neurondevice9", "neurondevice10", "neurondevice15")
        .startsWith("neurondevice0", "neurondevice1", "neurondevice2", "neurondevice3");
  }

  @Test
  void aTaintedDeviceLimitsItsSliceTo64() {
    assertThat(SliceLayout.plan("gpu.example.com", "node-a", pool(130, true)))
        .extracting(s -> s.devices().size())
        .containsExactly(64, 64, 2);
  }

  @Test
  void aListAttributeLimitsItsSliceTo64() {
    List<Device> devices = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      devices.add(
          Device.builder(String.format("nic-%03d", i))
              .attribute("numaNodes", AttributeValue.ints(List.of(0L, 1L)))
              .build());
    }

    assertThat(
            SliceLayout.plan(
                "gpu.example.com", "node-a", Pool.builder("node-a").devices(devices).build()))
        .extracting(s -> s.devices().size())
        .containsExactly(64, 6);
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

  /** GPU {@code g} with {@code counters} counters and {@code parts} partitions consuming them. */
  private static void gpu(Pool.Builder b, int g, int counters, int parts) {
    Map<String, String> values = new java.util.TreeMap<>();
    for (int c = 0; c < counters; c++) {
      values.put("c" + c, "1");
    }
    String set = String.format("gpu-%02d", g);
    b.counterSet(CounterSet.of(set, values));
    for (int p = 0; p < parts; p++) {
      b.device(
          Device.builder(set + "-part-" + p)
              .consumes(new CounterConsumption(set, Map.of("c0", Counter.of("1"))))
              .build());
    }
  }

  private static List<PlannedSlice> with134(Pool pool) {
    return SliceLayout.plan("d.example.com", "n", pool, CounterLayout.WITH_DEVICES);
  }

  @Test
  void with134LayoutEachCounterSetSharesASliceWithAllItsConsumers() {
    Pool.Builder b = Pool.builder("p");
    for (int g = 0; g < 8; g++) {
      gpu(b, g, 8, 4);
    }
    b.device(Device.builder("whole-gpu").build());

    List<PlannedSlice> slices = with134(b.build());

    // 8 counters per set: four sets fill the 32 counters of a slice.
    assertThat(slices).hasSize(3);
    assertThat(slices.get(0).counterSets())
        .extracting(CounterSet::name)
        .containsExactly("gpu-00", "gpu-01", "gpu-02", "gpu-03");
    assertThat(slices.get(1).counterSets())
        .extracting(CounterSet::name)
        .containsExactly("gpu-04", "gpu-05", "gpu-06", "gpu-07");
    for (PlannedSlice s : slices.subList(0, 2)) {
      assertThat(s.devices()).hasSize(16);
      List<String> sets = s.counterSets().stream().map(CounterSet::name).toList();
      s.devices().forEach(d -> assertThat(sets).contains(d.consumesCounters().get(0).counterSet()));
    }
    assertThat(slices.get(2).devices()).extracting(Device::name).containsExactly("whole-gpu");
    assertThat(slices.get(2).counterSets()).isEmpty();
  }

  @Test
  void with134LayoutDevicesConsumingTwoSetsKeepBothSetsInTheirSlice() {
    Pool.Builder b = Pool.builder("p");
    b.counterSet(CounterSet.of("a", Map.of("memory", "1Gi")));
    b.counterSet(CounterSet.of("b", Map.of("memory", "1Gi")));
    b.counterSet(CounterSet.of("z-unused", Map.of("memory", "1Gi")));
    b.device(
        Device.builder("bridge")
            .consumes(new CounterConsumption("a", Map.of("memory", Counter.of("1Gi"))))
            .consumes(new CounterConsumption("b", Map.of("memory", Counter.of("1Gi"))))
            .build());

    List<PlannedSlice> slices = with134(b.build());

    assertThat(slices).singleElement();
    assertThat(slices.get(0).counterSets())
        .extracting(CounterSet::name)
        .containsExactly("a", "b", "z-unused");
    assertThat(slices.get(0).devices()).extracting(Device::name).containsExactly("bridge");
  }

  @Test
  void with134LayoutFillsSlicesUpTo64Devices() {
    Pool.Builder b = Pool.builder("p");
    for (int g = 0; g < 3; g++) {
      gpu(b, g, 1, 30);
    }

    List<PlannedSlice> slices = with134(b.build());

    assertThat(slices).extracting(s -> s.devices().size()).containsExactly(60, 30);
    assertThat(slices).extracting(s -> s.counterSets().size()).containsExactly(2, 1);
  }

  @Test
  void with134LayoutRejectsACounterSetTooLargeForOneSlice() {
    Pool.Builder b = Pool.builder("p");
    gpu(b, 0, 20, 1);
    gpu(b, 1, 20, 1);
    b.device(
        Device.builder("both")
            .consumes(new CounterConsumption("gpu-00", Map.of("c0", Counter.of("1"))))
            .consumes(new CounterConsumption("gpu-01", Map.of("c0", Counter.of("1"))))
            .build());

    assertThatThrownBy(() -> with134(b.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[gpu-00, gpu-01]")
        .hasMessageContaining("32 counters per slice")
        .hasMessageContaining("1.34");
  }

  @Test
  void with134LayoutRejectsMoreThan64ConsumersOfOneSet() {
    Pool.Builder b = Pool.builder("p");
    gpu(b, 0, 1, 65);

    assertThatThrownBy(() -> with134(b.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 devices per slice");
  }

  @Test
  void separateSlicesIsTheDefaultLayout() {
    Pool.Builder b = Pool.builder("p");
    gpu(b, 0, 2, 2);
    Pool pool = b.build();

    assertThat(SliceLayout.plan("d.example.com", "n", pool))
        .isEqualTo(SliceLayout.plan("d.example.com", "n", pool, CounterLayout.SEPARATE_SLICES))
        .hasSize(2);
  }

  @Test
  void counterLayoutFollowsTheMinorVersion() {
    assertThat(CounterLayout.forMinorVersion(33)).isEqualTo(CounterLayout.WITH_DEVICES);
    assertThat(CounterLayout.forMinorVersion(34)).isEqualTo(CounterLayout.WITH_DEVICES);
    assertThat(CounterLayout.forMinorVersion(35)).isEqualTo(CounterLayout.SEPARATE_SLICES);
    assertThat(CounterLayout.forMinorVersion(36)).isEqualTo(CounterLayout.SEPARATE_SLICES);
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
