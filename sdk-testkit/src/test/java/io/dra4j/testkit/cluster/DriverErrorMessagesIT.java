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
package io.dra4j.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import io.dra4j.testkit.junit.SampleDriver;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a pod's events and a failed start say: each name once, with the per-claim reason. */
class DriverErrorMessagesIT {

  /** The sample driver with a typed opaque config. */
  static class ConfiguredDriver implements DeviceProvider {
    private final SampleDriver sample = new SampleDriver();

    record SampleConfig(int shares) {}

    @Override
    public String driverName() {
      return SampleDriver.DRIVER;
    }

    @Override
    public List<ConfigKind<?>> configKinds() {
      return List.of(ConfigKind.of("sample.example.com/v1", "SampleConfig", SampleConfig.class));
    }

    @Override
    public void start(DriverContext context) {
      sample.start(context);
    }

    @Override
    public Preparation prepare(PrepareRequest request) {
      return sample.prepare(request);
    }

    @Override
    public void unprepare(PreparedClaim claim) throws PrepareException {
      sample.unprepare(claim);
    }
  }

  @Test
  void aClaimWithAnInvalidConfigFailsThePodNamingTheClaimOnceWithTheReason() {
    try (DraCluster cluster = DraCluster.builder().provider(ConfiguredDriver::new).start()) {
      cluster.applyDeviceClass(SampleDriver.DRIVER);
      cluster.apply(
          """
          apiVersion: resource.k8s.io/v1
          kind: ResourceClaim
          metadata: {name: typo, namespace: default}
          spec:
            devices:
              requests:
              - name: dev
                exactly: {deviceClassName: sample.example.com}
              config:
              - requests: [dev]
                opaque:
                  driver: sample.example.com
                  parameters: {apiVersion: sample.example.com/v1, kind: SampleConfig, sharez: 2}
          """);

      PodRun run = cluster.runPod(PodSpec.pod("typo-pod").sharedClaim("dev", "typo").build());

      assertThat(run.running()).isFalse();
      assertThat(run.prepareErrors())
          .singleElement()
          .satisfies(
              error -> {
                assertThat(error)
                    .startsWith(
                        "NodePrepareResources of driver sample.example.com failed for claim"
                            + " default/typo: CONFIG_INVALID: opaque config #0 (from the claim")
                    .contains("sharez");
                assertThat(occurrences(error, "default/typo")).isOne();
              });
    }
  }

  @Test
  void aDriverThatFailsToStartIsNamedOnce() {
    DeviceProvider failing =
        new ConfiguredDriver() {
          @Override
          public void start(DriverContext context) {
            throw new IllegalStateException("no devices under /sys/class/sample");
          }
        };

    assertThatThrownBy(() -> DraCluster.builder().provider(() -> failing).start())
        .isInstanceOf(IllegalStateException.class)
        .satisfies(
            e -> {
              String first = e.getMessage().lines().findFirst().orElseThrow();
              assertThat(first)
                  .startsWith("driver sample.example.com failed to start on node node-1: ")
                  .endsWith("threw in start(): no devices under /sys/class/sample");
              assertThat(occurrences(first, SampleDriver.DRIVER)).isOne();
              assertThat(occurrences(first, "failed to start")).isOne();
            });
  }

  private static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
