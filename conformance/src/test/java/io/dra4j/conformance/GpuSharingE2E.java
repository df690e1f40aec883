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

import static io.dra4j.conformance.TestObjects.array;
import static io.dra4j.conformance.TestObjects.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.dra4j.api.HostPaths;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.examples.gpusharing.GpuSharingDriver;
import io.dra4j.testkit.kubelet.PodPrepareResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gpu-sharing example against real components: its partitions share counters with their GPU,
 * and the real scheduler (DRAPartitionableDevices on) honours them; the kubelet prepares a
 * partition and the example's container edits land in the CDI spec.
 */
class GpuSharingE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String DRIVER = GpuSharingDriver.DRIVER;

  static Stream<String> versions() {
    return Clusters.versions();
  }

  private static String template(String ns, String name, String type) {
    return TestObjects.claimTemplate(
        ns,
        name,
        DRIVER,
        "selectors: [{cel: {expression: \"device.attributes['"
            + DRIVER
            + "'].type == '"
            + type
            + "'\"}}]");
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void realSchedulerHonoursSharedCountersAndKubeletPreparesAPartition(String version)
      throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "gpu-sharing-" + suffix;
    String node = "gpu-" + suffix;
    objects.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    DriverSchedulingE2E.applyOnce(objects, TestObjects.deviceClass(DRIVER));
    objects.apply(template(ns, "half-gpu", "partition"));
    objects.apply(template(ns, "whole-gpu", "gpu"));
    TestObjects.createNode(objects, node, ns);
    Path root = Files.createDirectories(Clusters.workDir().resolve("fixtures").resolve(node));

    try (NodeAgents agents =
        NodeAgents.start(
            cluster,
            node,
            HostPaths.under(root),
            Map.of("gpus", "2"),
            List.of(new GpuSharingDriver()))) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !objects
                      .list("resource.k8s.io/v1", "ResourceSlice", "", "spec.nodeName=" + node)
                      .isEmpty());

      // Two GPUs with two halves each: four partitions fit.
      for (int i = 0; i < 4; i++) {
        objects.apply(TestObjects.pod(ns, "half-" + i, "half-gpu"));
      }
      List<String> partitions =
          Stream.of(0, 1, 2, 3)
              .map(i -> DriverPrepareE2E.awaitScheduled(objects, ns, "half-" + i))
              .map(p -> DriverPrepareE2E.claimOf(objects, p))
              .map(c -> string(array(c, "status.allocation.devices.results").get(0), "device"))
              .toList();
      assertThat(partitions)
          .containsExactlyInAnyOrder(
              "gpu-0-half-0", "gpu-0-half-1", "gpu-1-half-0", "gpu-1-half-1");

      // The halves used up both GPUs' counters: a whole GPU does not fit.
      objects.apply(TestObjects.pod(ns, "whole", "whole-gpu"));
      TestObjects.awaitUnschedulable(objects, ns, "whole", WAIT);

      JsonObject pod = objects.get("v1", "Pod", ns, "half-0");
      JsonObject claim = DriverPrepareE2E.claimOf(objects, pod);
      PodPrepareResult prepared = agents.prepare(pod, List.of(claim));
      assertThat(prepared.succeeded()).as(prepared.eventMessage()).isTrue();
      String device = string(array(claim, "status.allocation.devices.results").get(0), "device");
      String env = "GPU_" + device.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
      assertThat(agents.cdiSpecs())
          .singleElement()
          .satisfies(
              spec ->
                  assertThat(Files.readString(spec))
                      .contains(env + "_SHARING_STRATEGY=")
                      .contains(env + "_DEVICE=" + device));
      assertThat(agents.unprepare(pod).succeeded()).isTrue();
      assertThat(agents.cdiSpecs()).isEmpty();
    }
  }
}
