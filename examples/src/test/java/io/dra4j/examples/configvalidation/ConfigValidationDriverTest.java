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
package io.dra4j.examples.configvalidation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import io.dra4j.testkit.junit.DraTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@DraTest(providers = ConfigValidationDriver.class)
class ConfigValidationDriverTest {

  @BeforeEach
  void applyClass(DraCluster cluster) {
    cluster.applyDeviceClass(ConfigValidationDriver.DRIVER);
  }

  @AfterEach
  void deletePods(DraCluster cluster) {
    cluster.deleteAllPods();
  }

  /** Creates a claim with the given AcceleratorConfig fields and runs a pod that uses it. */
  private static PodRun runWithConfig(DraCluster cluster, String name, String fields) {
    cluster.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaim
        metadata: {name: %s, namespace: default}
        spec:
          devices:
            requests:
            - name: accel
              exactly: {deviceClassName: validation.example.com}
            config:
            - requests: [accel]
              opaque:
                driver: validation.example.com
                parameters:
                  apiVersion: validation.example.com/v1
                  kind: AcceleratorConfig
                  %s
        """
            .formatted(name, fields.replace("\n", "\n          ")));
    return cluster.runPod(PodSpec.pod(name + "-pod").sharedClaim("accel", name).build());
  }

  @Test
  void validConfigBecomesContainerEnvironment(DraCluster cluster) {
    PodRun run = runWithConfig(cluster, "good", "mode: Latency\nqueueDepth: 8\nmemoryLimit: 4Gi");

    assertThat(run.container().env())
        .containsEntry("ACCEL_MODE", "LATENCY")
        .containsEntry("ACCEL_QUEUE_DEPTH", "8")
        .containsEntry("ACCEL_MEMORY_LIMIT", "4Gi");
  }

  @Test
  void unknownFieldFailsThePodNamingTheFieldAndTheKnownOnes(DraCluster cluster) {
    PodRun run = runWithConfig(cluster, "typo", "mode: LATENCY\nqueueDeph: 8");

    assertThat(run.scheduled()).isTrue();
    assertThat(run.running()).isFalse();
    assertThat(String.join("\n", run.prepareErrors()))
        .contains("default/typo")
        .contains("queueDeph")
        .contains("unknown field")
        .contains("queueDepth");
  }

  @Test
  void wrongTypeFailsThePodNamingTheField(DraCluster cluster) {
    PodRun run = runWithConfig(cluster, "wrong-type", "mode: LATENCY\nqueueDepth: deep");

    assertThat(String.join("\n", run.prepareErrors()))
        .contains("default/wrong-type")
        .contains("queueDepth")
        .contains("deep");
  }

  @Test
  void badEnumValueFailsThePodListingTheAllowedValues(DraCluster cluster) {
    PodRun run = runWithConfig(cluster, "bad-mode", "mode: TURBO\nqueueDepth: 8");

    assertThat(String.join("\n", run.prepareErrors()))
        .contains("default/bad-mode")
        .contains("mode")
        .contains("'TURBO' is not allowed")
        .contains("allowed values: Throughput, Latency, Debug");
  }

  @Test
  void outOfRangeValueFailsThePodWithTheAllowedRange(DraCluster cluster) {
    PodRun run = runWithConfig(cluster, "too-deep", "mode: DEBUG\nqueueDepth: 100");

    assertThat(String.join("\n", run.prepareErrors()))
        .contains("default/too-deep")
        .contains("queueDepth is 100")
        .contains("1 to 64");
  }

  @Test
  void badClaimOfOnePodDoesNotAffectAnotherPodsClaim(DraCluster cluster) {
    PodRun bad = runWithConfig(cluster, "broken", "mode: TURBO\nqueueDepth: 8");
    PodRun good = runWithConfig(cluster, "fine", "mode: Throughput\nqueueDepth: 64");

    assertThat(bad.running()).isFalse();
    assertThat(String.join("\n", bad.prepareErrors())).doesNotContain("default/fine");
    assertThat(good.running()).as(good.toString()).isTrue();
    assertThat(good.container().env())
        .containsEntry("ACCEL_MODE", "THROUGHPUT")
        .containsEntry("ACCEL_QUEUE_DEPTH", "64")
        .doesNotContainKey("ACCEL_MEMORY_LIMIT");
  }
}
