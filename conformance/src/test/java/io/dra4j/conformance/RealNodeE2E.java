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

import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.conformance.node.NodeBinaries;
import io.dra4j.conformance.node.RealNode;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed story on a real node: a kubelet and containerd with runc joined to the real control
 * plane, the Neuron and EFA drivers running as their own processes, and busybox containers that
 * print what they got. Four pods with the seed template run, each container seeing its four Neuron
 * devices and four EFA verbs devices plus rdma_cm as character devices and its own
 * NEURON_RT_VISIBLE_CORES; the fifth waits as Unschedulable until a pod is deleted, which
 * unprepares its claim (CDI spec gone). Then a driver is killed with SIGKILL and the kubelet
 * restarted while pods run: the pods keep running, the driver registers again, a new pod starts and
 * a deleted pod's claim is still unprepared.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Clusters.REAL_NODE)
class RealNodeE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final Duration WAIT = NodeStory.WAIT;

  static Stream<String> versions() {
    return Clusters.nodeVersions();
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void seedPodsRunWithTheirDevicesAndSurviveADriverCrashAndAKubeletRestart(String version)
      throws Exception {
    ControlPlane cluster = CLUSTERS.nodePlane(version);
    NodeBinaries binaries = CLUSTERS.node(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "real-node-" + suffix;
    String nodeName = "real-" + suffix + "-trn2";
    DriverSchedulingE2E.applySeed(objects, ns);
    NodeFixture fixture =
        NodeFixtures.write(
            "trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(nodeName));
    NodeStory.makeCharacterDevices(fixture.root().resolve("dev"));

    try (RealNode node =
            NodeStory.startNode(binaries, cluster, nodeName, ns, fixture.root().resolve("dev"));
        DriverProcess neuron =
            DriverProcess.start(
                node,
                cluster.kubeconfig(),
                fixture.hostPaths(),
                "neuron-driver",
                "io.dra4j.driver.neuron.NeuronDeviceProvider");
        DriverProcess efa =
            DriverProcess.start(
                node,
                cluster.kubeconfig(),
                fixture.hostPaths(),
                "efa-driver",
                "io.dra4j.driver.efa.EfaDeviceProvider")) {
      NodeStory story = new NodeStory(objects, node, ns, List.of(neuron, efa));
      System.out.printf("node %s ready in %d ms%n", nodeName, node.startupTime().toMillis());
      story.await(
          "both drivers published their slices for " + nodeName,
          () ->
              objects
                      .list("resource.k8s.io/v1", "ResourceSlice", "", "spec.nodeName=" + nodeName)
                      .size()
                  == 2);
      story.await("both drivers registered with the kubelet", story::registered);

      Instant created = Instant.now();
      for (int i = 0; i < 5; i++) {
        objects.apply(seedPod(ns, "train-" + i, node.busyboxImage()));
      }
      List<String> running = new ArrayList<>();
      story.await(
          "4 of 5 pods Running",
          () -> {
            running.clear();
            for (int i = 0; i < 5; i++) {
              if (story.phase("train-" + i).equals("Running")) {
                running.add("train-" + i);
              }
            }
            return running.size() == 4;
          });
      System.out.printf(
          "4 seed pods Running %d ms after creation%n",
          Duration.between(created, Instant.now()).toMillis());
      String waiting =
          Stream.of("train-0", "train-1", "train-2", "train-3", "train-4")
              .filter(p -> !running.contains(p))
              .findFirst()
              .orElseThrow();
      TestObjects.awaitUnschedulable(objects, ns, waiting, WAIT);
      assertThat(story.schedulingMessage(waiting)).contains("cannot allocate all claims");

      Set<String> neuronDevices = new HashSet<>();
      Set<String> cores = new HashSet<>();
      for (String pod : running) {
        NodeStory.Seen seen = story.seen(pod);
        assertThat(seen.neurons()).as("Neuron devices of %s", pod).hasSize(4);
        assertThat(seen.verbs()).as("EFA verbs devices of %s", pod).hasSize(4);
        assertThat(seen.rdmaCm()).as("rdma_cm in %s", pod).isTrue();
        assertThat(seen.env("NEURON_RT_VISIBLE_CORES"))
            .as("NEURON_RT_VISIBLE_CORES of %s", pod)
            .isNotEmpty();
        assertThat(neuronDevices.addAll(seen.neurons())).as("devices shared").isTrue();
        assertThat(cores.add(seen.env("NEURON_RT_VISIBLE_CORES"))).as("cores shared").isTrue();
      }

      // Deleting a pod unprepares its claim (its CDI specs go) and the waiting pod runs.
      String first = running.get(0);
      String firstUid = TestObjects.uid(objects.get("v1", "Pod", ns, first));
      String claimUid = story.claimUid(first);
      assertThat(story.cdiSpecsOf(claimUid)).as("CDI specs of %s", first).isNotEmpty();
      objects.delete("v1", "Pod", ns, first);
      story.await(
          "the CDI specs of " + first + " removed", () -> story.cdiSpecsOf(claimUid).isEmpty());
      story.await("pod " + waiting + " Running", () -> story.phase(waiting).equals("Running"));
      assertThat(story.seen(waiting).neurons()).hasSize(4);
      assertThat(firstUid).isNotEmpty();

      // A driver crash and a kubelet restart while pods run.
      neuron.kill();
      node.restartKubelet(WAIT);
      neuron.restart();
      story.await("both drivers registered again", story::registered);
      List<String> stillRunning = new ArrayList<>(running.subList(1, 4));
      stillRunning.add(waiting);
      for (String pod : stillRunning) {
        story.await("pod " + pod + " still Running", () -> story.phase(pod).equals("Running"));
      }
      String second = stillRunning.get(0);
      String secondClaim = story.claimUid(second);
      objects.delete("v1", "Pod", ns, second);
      story.await(
          "the CDI specs of " + second + " removed after the restarts",
          () -> story.cdiSpecsOf(secondClaim).isEmpty());
      objects.apply(seedPod(ns, "after-restart", node.busyboxImage()));
      story.await(
          "pod after-restart Running", () -> story.phase("after-restart").equals("Running"));
      assertThat(story.seen("after-restart").neurons()).hasSize(4);
    }
  }

  private static String seedPod(String ns, String name, String image) {
    return NodeStory.pod(ns, name, image, NodeStory.PodClaim.template("devices", "neuron-efa-4"));
  }
}
