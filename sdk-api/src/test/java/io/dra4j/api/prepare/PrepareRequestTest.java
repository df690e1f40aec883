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
package io.dra4j.api.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.api.config.AppliedConfig;
import io.dra4j.api.config.ConfigSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrepareRequestTest {

  record Cores(int count) {}

  record Other(String name) {}

  private static final ClaimRef CLAIM = new ClaimRef("ns", "claim", "uid-1");

  private static PrepareRequest request(AppliedConfig... configs) {
    return new PrepareRequest(
        CLAIM,
        List.of(AllocatedDevice.of("gpu", "node-a", "gpu-0")),
        List.of(configs),
        List.of(new PodRef("ns", "pod", "pod-uid")));
  }

  private static AllocatedDevice device(String request) {
    return AllocatedDevice.of(request, "node-a", "gpu-0");
  }

  private static AppliedConfig config(ConfigSource source, Record value, String... requests) {
    return new AppliedConfig(source, List.of(requests), value);
  }

  @Test
  void claimConfigOverridesClassConfig() {
    PrepareRequest r =
        request(config(ConfigSource.CLASS, new Cores(1)), config(ConfigSource.CLAIM, new Cores(2)));

    assertThat(r.config(Cores.class, device("gpu"))).contains(new Cores(2));
  }

  @Test
  void classConfigNeverOverridesClaimConfigWhateverTheListOrder() {
    PrepareRequest r =
        request(config(ConfigSource.CLAIM, new Cores(2)), config(ConfigSource.CLASS, new Cores(1)));

    assertThat(r.config(Cores.class, device("gpu"))).contains(new Cores(2));
    assertThat(r.configs())
        .extracting(AppliedConfig::source)
        .containsExactly(ConfigSource.CLASS, ConfigSource.CLAIM);
  }

  @Test
  void laterEntriesOfTheSameSourceWin() {
    PrepareRequest r =
        request(
            config(ConfigSource.CLAIM, new Cores(2)),
            config(ConfigSource.CLASS, new Cores(1)),
            config(ConfigSource.CLAIM, new Cores(3)),
            config(ConfigSource.CLASS, new Cores(9)));

    assertThat(r.config(Cores.class, device("gpu"))).contains(new Cores(3));
    assertThat(r.configs())
        .extracting(AppliedConfig::config)
        .containsExactly(new Cores(1), new Cores(9), new Cores(2), new Cores(3));
  }

  @Test
  void configScopedToOtherRequestsDoesNotApply() {
    PrepareRequest r =
        request(
            config(ConfigSource.CLASS, new Cores(1)),
            config(ConfigSource.CLAIM, new Cores(2), "nic"),
            config(ConfigSource.CLAIM, new Cores(3), "gpu", "nic"));

    assertThat(r.config(Cores.class, device("gpu"))).contains(new Cores(3));
    assertThat(r.config(Cores.class, device("nic"))).contains(new Cores(3));
    assertThat(r.config(Cores.class, device("other"))).contains(new Cores(1));
  }

  @Test
  void configForAMainRequestAppliesToItsSubrequests() {
    PrepareRequest r =
        request(
            config(ConfigSource.CLAIM, new Cores(2), "gpu"),
            config(ConfigSource.CLAIM, new Cores(4), "gpu/large"));

    assertThat(r.config(Cores.class, device("gpu/small"))).contains(new Cores(2));
    assertThat(r.config(Cores.class, device("gpu/large"))).contains(new Cores(4));
    assertThat(r.config(Cores.class, device("gpu"))).contains(new Cores(2));
  }

  @Test
  void configForASubrequestDoesNotApplyToItsSiblings() {
    AppliedConfig c = config(ConfigSource.CLAIM, new Cores(4), "gpu/large");

    assertThat(c.appliesTo("gpu/large")).isTrue();
    assertThat(c.appliesTo("gpu/small")).isFalse();
    assertThat(c.appliesTo("gpu")).isFalse();
  }

  @Test
  void configOfAnotherTypeIsIgnored() {
    PrepareRequest r = request(config(ConfigSource.CLAIM, new Other("x")));

    assertThat(r.config(Cores.class, device("gpu"))).isEmpty();
    assertThat(r.config(Other.class, device("gpu"))).contains(new Other("x"));
  }

  @Test
  void listsAreCopiedAndImmutable() {
    List<AllocatedDevice> devices =
        new java.util.ArrayList<>(List.of(AllocatedDevice.of("r", "p", "d")));
    PrepareRequest r = new PrepareRequest(CLAIM, devices, List.of(), List.of());
    devices.clear();

    assertThat(r.devices()).hasSize(1);
    assertThat(r.claim().toString()).isEqualTo("ns/claim (uid uid-1)");
  }

  @Test
  void allocatedDeviceKnowsItsBaseRequest() {
    assertThat(AllocatedDevice.of("gpu/large", "p", "d").baseRequest()).isEqualTo("gpu");
    assertThat(AllocatedDevice.of("gpu", "p", "d").baseRequest()).isEqualTo("gpu");
    assertThat(AllocatedDevice.of("gpu", "p", "d").adminAccess()).isFalse();
    assertThat(AllocatedDevice.of("gpu", "p", "d").shareId()).isEmpty();
  }

  @Test
  void configNamingASubrequestReachesTheDeviceAllocatedForIt() {
    PrepareRequest r = request(config(ConfigSource.CLAIM, new Cores(8), "neurons/half8"));

    assertThat(r.config(Cores.class, device("neurons/half8"))).contains(new Cores(8));
    assertThat(r.config(Cores.class, device("neurons/full16"))).isEmpty();
    assertThat(r.config(Cores.class, device("neurons"))).isEmpty();
  }

  @Test
  @SuppressWarnings("deprecation")
  void theMainRequestNameMissesSubrequestConfigWhichIsWhyTheStringLookupIsDeprecated() {
    PrepareRequest r = request(config(ConfigSource.CLAIM, new Cores(8), "neurons/half8"));
    AllocatedDevice half = device("neurons/half8");

    assertThat(r.config(Cores.class, half.baseRequest())).isEmpty();
    assertThat(r.config(Cores.class, half.request())).contains(new Cores(8));
  }
}
