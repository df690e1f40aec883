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

import com.google.gson.JsonObject;
import io.dra4j.api.HostPaths;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.Helm;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.conformance.node.NodeBinaries;
import io.dra4j.conformance.node.RealNode;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drivers as a cluster runs them: their images imported into the real node's containerd and
 * their Helm charts installed with {@code helm install}, so that the DaemonSet controller starts
 * each driver in a container (runc, read-only root file system, the chart's RBAC through a
 * service-account token). Both register with the kubelet and publish their slices, and a pod with
 * the seed claim runs with its devices. Then {@code helm upgrade} rolls the Neuron DaemonSet (max
 * surge 1) while pods keep coming and going: both driver pods run side by side, no claim fails, the
 * running pod keeps running, new pods start, and a claim the old driver pod prepared is unprepared
 * by the new one.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Clusters.REAL_NODE)
class RealNodeHelmE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();

  static Stream<String> versions() {
    return Clusters.nodeVersions();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void chartsRunTheDriverImagesAndRollWithoutFailingAClaim(String version) throws Exception {
    ControlPlane cluster = CLUSTERS.nodePlane(version);
    NodeBinaries binaries = CLUSTERS.node(version);
    Helm helm = CLUSTERS.helm();
    DriverImage neuronImage = DriverImage.of("neuron");
    DriverImage efaImage = DriverImage.of("efa");
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "helm-node-" + suffix;
    String nodeName = "helm-" + suffix + "-trn2";
    objects.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    NodeFixture fixture =
        NodeFixtures.write(
            "trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(nodeName));
    HostPaths host = fixture.hostPaths();
    NodeStory.makeCharacterDevices(host.dev());
    NodeChartValues neuron = NodeChartValues.of("neuron", ns);
    NodeChartValues efa = NodeChartValues.of("efa", ns);

    try (RealNode node =
        RealNode.builder(binaries, cluster)
            .name(nodeName)
            .label(TestObjects.GROUP_LABEL, ns)
            .label("node.kubernetes.io/instance-type", "trn2.48xlarge")
            .taint(NodeStory.NODE_TAINT + "=true:NoSchedule")
            .devices(host.dev())
            .image(neuronImage.tarball())
            .image(efaImage.tarball())
            .logDir(Clusters.workDir())
            .start()) {
      ChartPods pods = new ChartPods(new NodeStory(objects, node, ns, List.of()));
      System.out.printf(
          "node %s with both driver images ready in %d ms%n",
          nodeName, node.startupTime().toMillis());

      Instant installed = Instant.now();
      for (NodeChartValues chart : List.of(neuron, efa)) {
        DriverImage image = chart == neuron ? neuronImage : efaImage;
        helm.upgradeInstall(
            chart.chart(),
            chart.driver(),
            ns,
            cluster.kubeconfig(),
            chart.write(image, node, host, cluster, ns, "1", freePort()));
      }
      for (NodeChartValues chart : List.of(neuron, efa)) {
        pods.awaitRegistered(chart);
        System.out.printf(
            "%s driver pod registered with the kubelet %d ms after helm install%n",
            chart.driver(), Duration.between(installed, Instant.now()).toMillis());
      }
      JsonObject firstNeuron = pods.awaitReady(neuron);
      pods.awaitReady(efa);
      System.out.printf(
          "both driver pods Ready %d ms after helm install%n",
          Duration.between(installed, Instant.now()).toMillis());
      pods.story()
          .await(
              "both drivers published their slices for " + nodeName,
              () ->
                  TestObjects.slices(objects, "neuron.aws.com", nodeName).size() == 1
                      && TestObjects.slices(objects, "efa.networking.k8s.aws", nodeName).size()
                          == 1);

      JsonObject template =
          KubeObjects.parse(
                  DriverSchedulingE2E.resource("seed-claim-template.yaml")
                      .replace("neuron.aws.com", neuron.deviceClass())
                      .replace("efa.networking.k8s.aws", efa.deviceClass()))
              .get(0);
      template.getAsJsonObject("metadata").addProperty("namespace", ns);
      objects.create(template);
      String image = node.busyboxImage();
      pods.startWithDevices("before", image);
      String beforeContainer = pods.containerId("before");

      // The upgrade: a new pod template, rolled out with maxUnavailable 0 and maxSurge 10% (of one
      // node: 1).
      try (ChartPods.Rollout rollout = pods.watchRollout(neuron, firstNeuron)) {
        Instant upgraded = Instant.now();
        helm.upgradeInstall(
            neuron.chart(),
            neuron.driver(),
            ns,
            cluster.kubeconfig(),
            neuron.write(neuronImage, node, host, cluster, ns, "2", freePort()));
        List<String> during = new ArrayList<>();
        do {
          String pod = "during-" + during.size();
          during.add(pod);
          pods.startWithDevices(pod, image);
          pods.deleteAndAwaitUnprepared(pod);
        } while (!rollout.done() && during.size() < 20);
        pods.story().await("the Neuron DaemonSet rolled out", rollout::done);
        System.out.printf(
            "rollout done %d ms after helm upgrade; %d pods started and deleted meanwhile;"
                + " both driver pods Running at once: %s%n",
            Duration.between(upgraded, Instant.now()).toMillis(),
            during.size(),
            rollout.sideBySide());
        assertThat(rollout.sideBySide())
            .as("the old and the new Neuron driver pod Running at the same time")
            .containsExactlyInAnyOrder(
                TestObjects.name(firstNeuron), TestObjects.name(rollout.newPod()));
      }
      pods.awaitReady(neuron);

      assertThat(pods.story().phase("before")).isEqualTo("Running");
      assertThat(pods.containerId("before"))
          .as("the container of pod before")
          .isEqualTo(beforeContainer);
      assertThat(pods.failedClaimEvents()).as("warnings about the pods' claims").isEmpty();
      assertThat(
              Files.readAllLines(node.logDir().resolve("kubelet.log")).stream()
                  .filter(l -> l.contains("DRA driver") && l.contains("is not registered")))
          .as("kubelet calls refused for want of a registered driver")
          .isEmpty();

      // Prepared by the old driver pod, unprepared by the new one (from its checkpoint).
      pods.deleteAndAwaitUnprepared("before");
      pods.startWithDevices("after", image);
    }
  }
}
