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

import static io.dra4j.conformance.RealVsSimulatedKubeletE2E.DRIVERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.conformance.RealVsSimulatedKubeletE2E.Drivers;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.conformance.node.RealNode;
import io.dra4j.testkit.kubelet.ClaimInfo;
import io.dra4j.testkit.kubelet.SimulatedKubelet;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A kubelet restart, on a real node and with the testkit's {@link SimulatedKubelet}, with the same
 * Neuron and EFA driver processes: two pods run, the kubelet is killed and started again, one pod
 * is deleted and a new one created, then the rest deleted. The real kubelet restores its prepared
 * claims from its checkpoint; the simulated one is started again with {@link
 * SimulatedKubelet.Builder#checkpoint} from the claim infos of the one before. What each driver
 * received (from its log) must be the same sequence on both: registered again after the restart, no
 * prepare for the pod that kept running, an unprepare for the deleted pod's claim.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Clusters.REAL_NODE)
class RealVsSimulatedKubeletRestartE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();

  static Stream<String> versions() {
    return Clusters.nodeVersions();
  }

  /** Runs and removes pods on one kind of node, and restarts its kubelet. */
  private interface Kubelet {
    void run(String pod) throws Exception;

    void remove(String pod) throws Exception;

    void restart() throws Exception;
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void driversReceiveTheSameCallsAroundAKubeletRestart(String version) throws Exception {
    SideBySideNodes nodes = SideBySideNodes.start(CLUSTERS, version, "restart", ns -> List.of());
    SimulatedKubelet.Builder simBuilder = nodes.simulated().kubelet();
    SimulatedKubelet[] simKubelet = {simBuilder.build().start()};
    try (nodes) {
      KubeObjects objects = nodes.objects();
      RealNode node = nodes.node();
      Drivers real = nodes.real();
      Drivers sim = nodes.sim();
      NodeStory story = nodes.story();
      NodeStory simStory = nodes.simStory();
      String realNs = story.ns();
      String simNs = simStory.ns();
      awaitRegistrations(story, real, 1);
      awaitRegistrations(simStory, sim, 1);

      Kubelet realKubelet =
          new Kubelet() {
            @Override
            public void run(String pod) throws Exception {
              story.awaitRunning(pod);
            }

            @Override
            public void remove(String pod) throws Exception {
              String claim = story.claimUid(pod);
              story.deleteAndAwaitGone(pod);
              story.await(
                  "the CDI specs of " + pod + " removed", () -> story.cdiSpecsOf(claim).isEmpty());
            }

            @Override
            public void restart() throws Exception {
              node.restartKubelet(NodeStory.WAIT);
              awaitRegistrations(story, real, 2);
            }
          };
      Kubelet simulated =
          new Kubelet() {
            @Override
            public void run(String pod) {
              SimulatedKubeletNode.run(simKubelet[0], objects, simNs, pod);
            }

            @Override
            public void remove(String pod) {
              SimulatedKubeletNode.remove(simKubelet[0], objects, simNs, pod);
            }

            @Override
            public void restart() throws Exception {
              List<ClaimInfo> checkpoint = simKubelet[0].claimInfos();
              simKubelet[0].close();
              simKubelet[0] = simBuilder.checkpoint(checkpoint).build().start();
              awaitRegistrations(simStory, sim, 2);
              // A restarted kubelet syncs its running pods, which prepares their claims: from the
              // checkpoint, nothing is called.
              run("kept");
            }
          };

      Map<String, String> labels = new HashMap<>();
      String image = node.busyboxImage();
      for (boolean onRealNode : List.of(true, false)) {
        String ns = onRealNode ? realNs : simNs;
        Kubelet kubelet = onRealNode ? realKubelet : simulated;
        for (String pod : List.of("kept", "deleted")) {
          RealVsSimulatedKubeletE2E.create(
              objects, ns, image, pod, RealVsSimulatedKubeletE2E.seed("devices"));
          kubelet.run(pod);
          RealVsSimulatedKubeletE2E.label(objects, ns, pod, labels);
        }
        kubelet.restart();
        kubelet.remove("deleted");
        RealVsSimulatedKubeletE2E.create(
            objects, ns, image, "new", RealVsSimulatedKubeletE2E.seed("devices"));
        kubelet.run("new");
        RealVsSimulatedKubeletE2E.label(objects, ns, "new", labels);
        kubelet.remove("kept");
        kubelet.remove("new");
      }

      for (String driver : DRIVERS) {
        List<String> onReal = RealVsSimulatedKubeletE2E.calls(real.log(driver), driver, labels);
        List<String> onSim = RealVsSimulatedKubeletE2E.calls(sim.log(driver), driver, labels);
        System.out.printf("%s around a restart of the real kubelet: %s%n", driver, onReal);
        assertThat(onSim)
            .as(
                "what %s received around a restart of the simulated kubelet, compared with the"
                    + " real kubelet (%s)",
                driver, onReal)
            .containsExactlyElementsOf(onReal);
      }
    } finally {
      simKubelet[0].close();
    }
  }

  /** Waits until each driver of the node has logged {@code count} registrations. */
  private static void awaitRegistrations(NodeStory story, Drivers drivers, int count)
      throws Exception {
    for (String driver : DRIVERS) {
      story.await(
          driver + " registered " + count + " time(s)",
          () ->
              Files.readAllLines(drivers.log(driver)).stream()
                      .filter(l -> RealVsSimulatedKubeletE2E.REGISTERED.matcher(l).find())
                      .filter(l -> l.contains("driver " + driver + " "))
                      .count()
                  >= count);
    }
  }
}
