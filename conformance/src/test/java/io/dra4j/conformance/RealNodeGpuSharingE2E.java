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
package io.dra4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.api.HostPaths;
import io.dra4j.conformance.NodeStory.PodClaim;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.conformance.node.RealNode;
import io.dra4j.examples.gpusharing.GpuSharingDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gpu-sharing example on a real node: its driver runs as its own process with two simulated
 * GPUs (their device nodes {@code /dev/example-gpu0} and {@code 1} are character devices that only
 * containerd sees), and two pods that each ask for a half-GPU partition with a time-slicing
 * GpuConfig run in busybox containers that see their partition's environment and their GPU's device
 * node.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Clusters.REAL_NODE)
class RealNodeGpuSharingE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final String DRIVER = GpuSharingDriver.DRIVER;

  static Stream<String> versions() {
    return Clusters.nodeVersions();
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void halfGpuPodsSeeTheirPartitionInARealContainer(String version) throws Exception {
    ControlPlane cluster = CLUSTERS.nodePlane(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "real-gpu-" + suffix;
    String nodeName = "real-" + suffix + "-gpu";
    objects.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    DriverSchedulingE2E.applyOnce(objects, TestObjects.deviceClass(DRIVER));
    objects.apply(halfGpuTemplate(ns));
    Path root = Clusters.workDir().resolve("fixtures").resolve(nodeName);
    for (String dir : List.of("sys", "proc", "dev")) {
      Files.createDirectories(root.resolve(dir));
    }
    for (int gpu = 0; gpu < 2; gpu++) {
      Files.deleteIfExists(root.resolve("dev/example-gpu" + gpu));
      Files.createFile(root.resolve("dev/example-gpu" + gpu));
    }
    NodeStory.makeCharacterDevices(root.resolve("dev"));

    try (RealNode node =
            NodeStory.startNode(
                CLUSTERS.node(version), cluster, nodeName, ns, root.resolve("dev"));
        DriverProcess driver =
            DriverProcess.start(
                DriverProcess.NodeDirs.of(node),
                cluster.kubeconfig(),
                HostPaths.under(root),
                "gpu-sharing-driver",
                GpuSharingDriver.class.getName(),
                Map.of("gpus", "2"))) {
      NodeStory story = new NodeStory(objects, node, ns, List.of(driver));
      story.await(
          "the gpu-sharing driver published its slices for " + nodeName,
          () -> !TestObjects.slices(objects, DRIVER, nodeName).isEmpty());
      story.await("the gpu-sharing driver registered with the kubelet", story::registered);

      Set<String> partitions = new HashSet<>();
      for (String pod : List.of("half-0", "half-1")) {
        objects.apply(
            NodeStory.pod(
                ns, pod, node.busyboxImage(), PodClaim.template("gpu", "half-gpu-time-sliced")));
        story.awaitRunning(pod);
        String partition = story.devices(pod).get(0);
        assertThat(partition).as("the partition of %s", pod).matches("gpu-[01]-half-[01]");
        assertThat(partitions.add(partition)).as("partition %s given twice", partition).isTrue();
        String env = "GPU_" + partition.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
        NodeStory.Seen seen = story.seen(pod);
        assertThat(seen.env(env + "DEVICE")).as("%sDEVICE in %s", env, pod).isEqualTo(partition);
        assertThat(seen.env(env + "SHARING_STRATEGY")).isEqualTo("TIME_SLICING");
        assertThat(seen.env(env + "TIMESLICE_INTERVAL")).isEqualTo("LONG");
        assertThat(seen.chars())
            .as("character devices of %s", pod)
            .contains("/dev/example-gpu" + partition.charAt(4));
      }
    }
  }

  /** One half-GPU partition with a time-slicing GpuConfig (opaque, from the claim). */
  private static String halfGpuTemplate(String ns) {
    return "{apiVersion: resource.k8s.io/v1, kind: ResourceClaimTemplate, metadata: {name:"
        + " half-gpu-time-sliced, namespace: "
        + ns
        + "}, spec: {spec: {devices: {requests: [{name: gpu, exactly: {deviceClassName: "
        + DRIVER
        + ", selectors: [{cel: {expression: \"device.attributes['"
        + DRIVER
        + "'].type == 'partition'\"}}]}}], config: [{opaque: {driver: "
        + DRIVER
        + ", parameters: {apiVersion: "
        + DRIVER
        + "/v1, kind: GpuConfig, sharing: {strategy: TIME_SLICING, timeSlicing: {interval:"
        + " LONG}}}}}]}}}}";
  }
}
