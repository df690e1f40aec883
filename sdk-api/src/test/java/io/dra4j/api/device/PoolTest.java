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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PoolTest {

  private static Map<String, String> counters(int n) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      m.put("c" + i, "1");
    }
    return m;
  }

  @Test
  void builderKeepsDevicesCountersAndScope() {
    Device whole =
        Device.builder("gpu-0")
            .consumes(CounterConsumption.of("gpu-0-mem", Map.of("memory", "80Gi")))
            .build();
    Device half =
        Device.builder("gpu-0-half")
            .consumes(CounterConsumption.of("gpu-0-mem", Map.of("memory", "40Gi")))
            .build();

    Pool pool =
        Pool.builder("node-a")
            .scope(PoolScope.allNodes())
            .devices(List.of(whole, half))
            .counterSet(CounterSet.of("gpu-0-mem", Map.of("memory", "80Gi")))
            .build();

    assertThat(pool.devices()).containsExactly(whole, half);
    assertThat(pool.sharedCounters()).extracting(CounterSet::name).containsExactly("gpu-0-mem");
    assertThat(pool.scope()).isEqualTo(PoolScope.allNodes());
    assertThat(Pool.builder("p").build().scope()).isEqualTo(PoolScope.thisNode());
  }

  @Test
  void poolNameIsDnsSubdomainsJoinedBySlashes() {
    assertThat(Pool.builder("node-a/neuron.aws.com").build().name())
        .isEqualTo("node-a/neuron.aws.com");
    String longest = ("a".repeat(62) + "/").repeat(4) + "a";
    assertThat(longest).hasSize(253);
    assertThat(Pool.builder(longest).build().name()).isEqualTo(longest);

    for (String bad : new String[] {"", "Node-A", "a//b", "/a", "a/", longest + "a", "a_b"}) {
      assertThatThrownBy(() -> Pool.builder(bad).build())
          .as(bad)
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> {
                assertThat(e.object()).isEqualTo("pool");
                assertThat(e.field()).isEqualTo("name");
                assertThat(e.value()).isEqualTo(bad);
              });
    }
  }

  @Test
  void deviceNamesAreUniqueInAPool() {
    Pool.Builder b =
        Pool.builder("p").device(Device.builder("d").build()).device(Device.builder("e").build());
    assertThat(b.build().devices()).hasSize(2);

    b.device(Device.builder("d").attribute("x", 1).build());
    assertThatThrownBy(b::build)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("pool p: devices 'd'")
        .hasMessageContaining("unique");
  }

  @Test
  void counterSetNamesAreUniqueInAPool() {
    Pool.Builder b = Pool.builder("p").counterSet(CounterSet.of("s", counters(1)));
    assertThat(b.build().sharedCounters()).hasSize(1);

    b.counterSet(CounterSet.of("s", counters(2)));
    assertThatThrownBy(b::build)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("pool p: sharedCounters 's'");
  }

  @Test
  void consumedCounterSetMustExistInThePool() {
    Device d =
        Device.builder("d").consumes(CounterConsumption.of("missing", Map.of("c0", "1"))).build();

    assertThatThrownBy(
            () -> Pool.builder("p").device(d).counterSet(CounterSet.of("s", counters(1))).build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.object()).isEqualTo("device d");
              assertThat(e.field()).isEqualTo("consumesCounters");
              assertThat(e.value()).isEqualTo("missing");
              assertThat(e.rule()).contains("pool p does not define");
            });
  }

  @Test
  void consumedCounterMustExistInItsSet() {
    Device ok =
        Device.builder("ok").consumes(CounterConsumption.of("s", Map.of("c0", "1"))).build();
    Device bad =
        Device.builder("bad").consumes(CounterConsumption.of("s", Map.of("nope", "1"))).build();
    CounterSet set = CounterSet.of("s", counters(1));

    assertThat(Pool.builder("p").device(ok).counterSet(set).build().devices()).hasSize(1);
    assertThatThrownBy(() -> Pool.builder("p").device(bad).counterSet(set).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("device bad: consumesCounters.s 'nope'")
        .hasMessageContaining("[c0]");
  }

  @Test
  void thirtyTwoCountersPerSetAreAllowedThirtyThreeAreNot() {
    assertThat(CounterSet.of("s", counters(32)).counters()).hasSize(32);
    assertThatThrownBy(() -> CounterSet.of("s", counters(33)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.object()).isEqualTo("counter set s");
              assertThat(e.field()).isEqualTo("counters");
              assertThat(e.value()).isEqualTo("33");
            });
    assertThat(CounterConsumption.of("s", counters(32)).counters()).hasSize(32);
    assertThatThrownBy(() -> CounterConsumption.of("s", counters(33)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("consumption of s");
  }

  @Test
  void aPoolMayDefineMoreCounterSetsThanOneSliceHolds() {
    Pool.Builder b = Pool.builder("p");
    for (int i = 0; i <= Limits.MAX_COUNTER_SETS_PER_SLICE; i++) {
      b.counterSet(CounterSet.of("s" + i, counters(1)));
    }
    assertThat(b.build().sharedCounters()).hasSize(9);
  }

  @Test
  void counterAndCounterSetNamesAreDnsLabels() {
    assertThatThrownBy(() -> CounterSet.of("Mem", counters(1)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("counter set Mem: name 'Mem'");
    assertThatThrownBy(() -> CounterSet.of("mem", Map.of("bad_name", "1")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("counter name 'bad_name'");
    assertThatThrownBy(() -> CounterConsumption.of("Bad", counters(1)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("consumption of Bad: counterSet 'Bad'");
  }

  @Test
  void nodeLabelScopeNeedsValidLabels() {
    PoolScope scope = PoolScope.nodeLabels(Map.of("topology.kubernetes.io/zone", "us-east-1a"));
    assertThat(((PoolScope.NodeLabels) scope).labels())
        .containsEntry("topology.kubernetes.io/zone", "us-east-1a");
    assertThatThrownBy(() -> PoolScope.nodeLabels(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PoolScope.allNodes()");
    assertThatThrownBy(() -> PoolScope.nodeLabels(Map.of("bad key", "v")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("node label key 'bad key'");
    assertThatThrownBy(() -> PoolScope.nodeLabels(Map.of("k", "bad value")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("node label k 'bad value'");
  }

  @Test
  void resourcesNeedUniquePoolNames() {
    Pool a = Pool.builder("a").build();
    assertThat(Resources.of(a, Pool.builder("b").build()).pools()).hasSize(2);
    assertThat(Resources.empty().pools()).isEmpty();
    assertThatThrownBy(
            () -> Resources.of(a, Pool.builder("a").device(Device.builder("d").build()).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("resources: pools 'a'");
  }
}
