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
package io.dra4j.examples.gpusharing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.cluster.ClusterDevice;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import io.dra4j.testkit.junit.DraTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@DraTest(providers = GpuSharingDriver.class)
class GpuSharingDriverTest {

  @BeforeEach
  void applyClassesAndTemplates(DraCluster cluster) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/gpusharing/deviceclasses.yaml")) {
      cluster.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    cluster.apply(
        template("whole-gpu", "gpu.example.com", "", "")
            + template("partition", "partition.gpu.example.com", "", "")
            + template(
                "gpu-0", "gpu.example.com", "device.attributes[\"gpu.example.com\"].index == 0", "")
            + template(
                "partition-of-gpu-0",
                "partition.gpu.example.com",
                "device.attributes[\"gpu.example.com\"].index == 0",
                "")
            + sharedTemplate(
                "time-sliced",
                """
                {strategy: TIME_SLICING, timeSlicing: {interval: LONG}}""")
            + sharedTemplate(
                "mps",
                """
                {strategy: MPS, mps: {defaultActiveThreadPercentage: 50,\
                 defaultPinnedDeviceMemoryLimit: 10Gi}}""")
            + sharedTemplate("exclusive", "{strategy: EXCLUSIVE}")
            + memorySlice("slice-default", "")
            + memorySlice("slice-5gi", "5Gi")
            + memorySlice("slice-32gi", "32Gi")
            + memorySlice("slice-48gi", "48Gi"));
  }

  @AfterEach
  void deletePods(DraCluster cluster) {
    cluster.deleteAllPods();
  }

  /** A one-GPU template; {@code selector} and {@code sharing} (a GpuConfig) may be empty. */
  private static String template(String name, String deviceClass, String selector, String sharing) {
    return template(name, deviceClass, selector, sharing, "");
  }

  /** A claim template for a slice of a shared GPU's memory; {@code memory} may be empty. */
  private static String memorySlice(String name, String memory) {
    return template(name, "shared.gpu.example.com", "", "", memory);
  }

  private static String template(
      String name, String deviceClass, String selector, String sharing, String memory) {
    String yaml =
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaimTemplate
        metadata: {name: %s, namespace: default}
        spec:
          spec:
            devices:
              requests:
              - name: gpu
                exactly:
                  deviceClassName: %s
        """
            .formatted(name, deviceClass);
    if (!selector.isEmpty()) {
      yaml += "          selectors:\n          - cel: {expression: '" + selector + "'}\n";
    }
    if (!memory.isEmpty()) {
      yaml += "          capacity: {requests: {memory: " + memory + "}}\n";
    }
    if (!sharing.isEmpty()) {
      yaml +=
          """
                config:
                - requests: [gpu]
                  opaque:
                    driver: gpu.example.com
                    parameters: {apiVersion: gpu.example.com/v1, kind: GpuConfig, sharing: %s}
          """
              .formatted(sharing);
    }
    return yaml + "---\n";
  }

  private static String sharedTemplate(String name, String sharing) {
    return template(name, "gpu.example.com", "", sharing);
  }

  private static PodRun run(DraCluster cluster, String pod, String template) {
    return cluster.runPod(PodSpec.pod(pod).claimFromTemplate("gpu", template).build());
  }

  @Test
  void wholeGpuClassSelectsOnlyGpusAndPartitionClassOnlyPartitions(DraCluster cluster) {
    ClusterDevice whole =
        run(cluster, "trainer", "whole-gpu").devices(GpuSharingDriver.DRIVER).get(0);
    ClusterDevice part =
        run(cluster, "notebook", "partition").devices(GpuSharingDriver.DRIVER).get(0);

    assertThat(whole.name()).isEqualTo("gpu-0");
    assertThat(whole.attributeText("type")).contains("gpu");
    assertThat(part.name()).isEqualTo("gpu-1-half-0");
    assertThat(part.attributeText("type")).contains("partition");
    assertThat(part.attributeText("parent")).contains("gpu-1");
  }

  @Test
  void timeSlicingSetsTheStrategyAndIntervalInTheContainer(DraCluster cluster) {
    PodRun run = run(cluster, "sliced", "time-sliced");

    assertThat(run.container().env())
        .containsEntry("GPU_GPU_0_SHARING_STRATEGY", "TIME_SLICING")
        .containsEntry("GPU_GPU_0_TIMESLICE_INTERVAL", "LONG")
        .doesNotContainKey("CUDA_MPS_PIPE_DIRECTORY");
  }

  @Test
  void mpsSetsThePipeDirectoryAndLimitsInTheContainer(DraCluster cluster) {
    PodRun run = run(cluster, "mps-client", "mps");

    assertThat(run.container().env())
        .containsEntry("GPU_GPU_0_SHARING_STRATEGY", "MPS")
        .containsEntry("CUDA_MPS_PIPE_DIRECTORY", "/tmp/example-mps/gpu-0")
        .containsEntry("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", "50")
        .containsEntry("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", "10Gi");
  }

  @Test
  void exclusiveSharingIsTheDefaultAndSetsNoSharingSettings(DraCluster cluster) {
    PodRun explicit = run(cluster, "exclusive", "exclusive");
    PodRun implicit = run(cluster, "plain", "whole-gpu");

    assertThat(explicit.container().env())
        .containsEntry("GPU_GPU_0_SHARING_STRATEGY", "EXCLUSIVE")
        .doesNotContainKey("GPU_GPU_0_TIMESLICE_INTERVAL");
    assertThat(implicit.container().env()).containsEntry("GPU_GPU_1_SHARING_STRATEGY", "EXCLUSIVE");
    assertThat(implicit.container().deviceNodes())
        .extracting(d -> d.path())
        .containsExactly("/dev/example-gpu1");
  }

  @Test
  void partitionCannotBeAllocatedWhileItsParentGpuIs(DraCluster cluster) {
    PodRun parent = run(cluster, "whole", "gpu-0");
    assertThat(parent.devices(GpuSharingDriver.DRIVER))
        .extracting(ClusterDevice::name)
        .containsExactly("gpu-0");

    PodRun partition = run(cluster, "half", "partition-of-gpu-0");

    assertThat(partition.scheduled()).isFalse();
    assertThat(partition.explainText())
        .contains("counters exhausted")
        .contains("gpu-0-half-0")
        .contains("gpu-0-counters");
  }

  @Test
  void partitionFitsAgainOnceTheParentGpuIsReleased(DraCluster cluster) {
    run(cluster, "whole", "gpu-0");
    cluster.deletePod("whole");

    PodRun partition = run(cluster, "half", "partition-of-gpu-0");

    assertThat(partition.devices(GpuSharingDriver.DRIVER))
        .extracting(ClusterDevice::name)
        .containsExactly("gpu-0-half-0");
  }

  @Test
  void sharedGpuGivesEachClaimASliceOfMemoryRoundedUpToWholeSlices(DraCluster cluster) {
    PodRun small = run(cluster, "small", "slice-5gi");
    PodRun plain = run(cluster, "plain", "slice-default");

    assertThat(small.devices(GpuSharingDriver.DRIVER))
        .extracting(ClusterDevice::name)
        .containsExactly("shared-gpu-0");
    assertThat(plain.devices(GpuSharingDriver.DRIVER))
        .extracting(ClusterDevice::name)
        .containsExactly("shared-gpu-0");
    assertThat(small.container().env())
        .containsEntry("GPU_SHARED_GPU_0_MEMORY_LIMIT", "8Gi")
        .containsKey("GPU_SHARED_GPU_0_SHARE_ID");
    assertThat(plain.container().env()).containsEntry("GPU_SHARED_GPU_0_MEMORY_LIMIT", "4Gi");
    assertThat(small.container().env().get("GPU_SHARED_GPU_0_SHARE_ID"))
        .isNotEqualTo(plain.container().env().get("GPU_SHARED_GPU_0_SHARE_ID"));
  }

  @Test
  void sharedGpuRefusesASliceThatNoLongerFitsUntilMemoryIsReleased(DraCluster cluster) {
    run(cluster, "big", "slice-32gi");
    run(cluster, "small", "slice-5gi");

    PodRun third = run(cluster, "third", "slice-5gi");

    assertThat(third.scheduled()).isFalse();
    assertThat(third.explainText())
        .contains("shared-gpu-0")
        .contains("capacity memory needs 8Gi, 0 left of 40Gi");

    cluster.deletePod("small");
    assertThat(run(cluster, "again", "slice-5gi").container().env())
        .containsEntry("GPU_SHARED_GPU_0_MEMORY_LIMIT", "8Gi");
  }

  @Test
  void sharedGpuRefusesMoreMemoryThanTheRangeAllows(DraCluster cluster) {
    PodRun tooBig = run(cluster, "too-big", "slice-48gi");

    assertThat(tooBig.scheduled()).isFalse();
    assertThat(tooBig.explainText()).contains("request policy forbids");
  }
}
