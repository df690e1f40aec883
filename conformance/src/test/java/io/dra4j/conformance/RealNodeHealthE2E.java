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

import static io.dra4j.conformance.TestObjects.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.dra4j.conformance.NodeStory.PodClaim;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.conformance.node.RealNode;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import java.nio.file.Files;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Device health on a real node, with {@code ResourceHealthStatus} on in the kubelet and the API
 * server and {@code DRADeviceTaints} on in the scheduler (both alpha in 1.35 and turned on by the
 * control plane's default gates; beta and on by default from 1.36). An uncorrected ECC error
 * written into the fixture's sysfs counters of a running pod's Neuron device turns that device
 * Unhealthy in the pod's {@code allocatedResourcesStatus}, and the driver's NoSchedule taint keeps
 * a new pod that asks for every device Unschedulable until the counter is clear again.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Clusters.REAL_NODE)
class RealNodeHealthE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final String NEURON = "neuron.aws.com";

  static Stream<String> versions() {
    return Clusters.nodeVersions();
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void anEccErrorShowsInThePodStatusAndItsTaintKeepsNewPodsOffTheDevice(String version)
      throws Exception {
    ControlPlane cluster = CLUSTERS.nodePlane(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "real-health-" + suffix;
    String nodeName = "real-" + suffix + "-health";
    objects.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    DriverSchedulingE2E.applyOnce(
        objects, Files.readString(DriverSchedulingE2E.deployFile("neuron")));
    objects.apply(TestObjects.claimTemplate(ns, "neuron-1", NEURON, "count: 1"));
    // allocationMode All: a tainted device fails the allocation at once (a count of 16 out of 15
    // usable devices makes the 1.35 allocator search until its timeout instead).
    objects.apply(TestObjects.claimTemplate(ns, "neuron-all", NEURON, "allocationMode: All"));
    NodeFixture fixture =
        NodeFixtures.write(
            "trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(nodeName));
    NodeStory.makeCharacterDevices(fixture.root().resolve("dev"));

    try (RealNode node =
            NodeStory.startNode(
                CLUSTERS.node(version), cluster, nodeName, ns, fixture.root().resolve("dev"));
        DriverProcess neuron =
            DriverProcess.start(
                node,
                cluster.kubeconfig(),
                fixture.hostPaths(),
                "neuron-driver",
                NeuronDeviceProvider.class.getName())) {
      NodeStory story = new NodeStory(objects, node, ns, List.of(neuron));
      story.await(
          "the Neuron driver published its slice for " + nodeName,
          () -> !TestObjects.slices(objects, NEURON, nodeName).isEmpty());
      story.await("the Neuron driver registered with the kubelet", story::registered);

      objects.apply(NodeStory.pod(ns, "sick", node.busyboxImage(), claim("neuron-1")));
      story.awaitRunning("sick");
      String device = story.devices("sick").get(0);
      int index = Integer.parseInt(device.substring(NeuronDeviceProvider.DEVICE_PREFIX.length()));
      story.await(
          "the kubelet reporting " + device + " of pod sick Healthy",
          () -> story.health("sick", "devices").equals(List.of("Healthy")));

      fixture.setEccCounter(index, "sram_ecc_uncorrected", 1);
      story.await(
          "the kubelet reporting " + device + " of pod sick Unhealthy after an ECC error",
          () -> story.health("sick", "devices").equals(List.of("Unhealthy")));
      story.await(
          "the taint " + NeuronDeviceProvider.TAINT_KEY + " on " + device,
          () -> taints(objects, nodeName, device).contains("ecc-uncorrected:NoSchedule"));
      assertThat(story.phase("sick")).as("a NoSchedule taint does not evict").isEqualTo("Running");

      // Free the device; a pod that needs every device cannot get the tainted one.
      String sickClaim = TestObjects.name(story.claim("sick"));
      story.deleteAndAwaitGone("sick");
      story.await("claim " + sickClaim + " deleted", () -> !story.claimExists(sickClaim));
      objects.apply(NodeStory.pod(ns, "all", node.busyboxImage(), claim("neuron-all")));
      TestObjects.awaitUnschedulable(objects, ns, "all", NodeStory.WAIT);
      assertThat(story.schedulingMessage("all")).contains("cannot allocate all claims");

      // The error counter is clear again: the taint goes and the pod gets every device.
      fixture.setEccCounter(index, "sram_ecc_uncorrected", 0);
      story.await(
          "the taint on " + device + " removed", () -> taints(objects, nodeName, device).isEmpty());
      story.awaitRunning("all");
      assertThat(story.seen("all").neurons()).hasSize(16);
      story.await(
          "the kubelet reporting all 16 devices of pod all Healthy",
          () -> story.health("all", "devices").equals(Collections.nCopies(16, "Healthy")));
    }
  }

  private static PodClaim claim(String template) {
    return PodClaim.template("devices", template);
  }

  /** The taints of a device in the Neuron driver's slices, as {@code value:effect}. */
  private static List<String> taints(KubeObjects objects, String node, String device) {
    return TestObjects.slices(objects, NEURON, node).stream()
        .flatMap(s -> TestObjects.array(s, "spec.devices").stream())
        .filter(d -> string(d, "name").equals(device))
        .flatMap(d -> TestObjects.array(d, "taints").stream())
        .filter(t -> string(t, "key").equals(NeuronDeviceProvider.TAINT_KEY))
        .map((JsonObject t) -> string(t, "value") + ":" + string(t, "effect"))
        .toList();
  }
}
