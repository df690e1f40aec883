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

import io.dra4j.conformance.RealVsSimulatedKubeletE2E.Drivers;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.conformance.node.RealNode;
import io.dra4j.testkit.fixtures.NodeFixture;
import java.util.List;
import java.util.function.Function;

/**
 * A real node and a Node served by the testkit's {@code SimulatedKubelet}, side by side on one
 * control plane, each with the Neuron and EFA drivers as processes on a trn2.48xlarge fixture and
 * the seed objects in a namespace of its own ({@code <tag>-real-<version>}, {@code
 * <tag>-sim-<version>}). The simulated kubelet itself is the test's: it may restart it.
 *
 * @param objects the control plane's objects, as administrator
 * @param node the real node
 * @param real the drivers of the real node
 * @param sim the drivers of the simulated node
 * @param simulated the simulated node's directories
 * @param story pods of the real node's namespace
 * @param simStory pods of the simulated node's namespace
 */
record SideBySideNodes(
    KubeObjects objects,
    RealNode node,
    Drivers real,
    Drivers sim,
    SimulatedKubeletNode simulated,
    NodeStory story,
    NodeStory simStory)
    implements AutoCloseable {

  /**
   * Starts both nodes for {@code version}; {@code manifests} gives the objects to add to each
   * namespace after the seed objects.
   */
  static SideBySideNodes start(
      Clusters clusters, String version, String tag, Function<String, List<String>> manifests)
      throws Exception {
    ControlPlane cluster = clusters.nodePlane(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String realNs = tag + "-real-" + suffix;
    String simNs = tag + "-sim-" + suffix;
    String simNode = "sim-" + suffix + "-" + tag;
    for (String ns : List.of(realNs, simNs)) {
      DriverSchedulingE2E.applySeed(objects, ns);
      manifests.apply(ns).forEach(objects::apply);
    }
    TestObjects.createNode(objects, simNode, simNs);
    NodeFixture realFixture = RealVsSimulatedKubeletE2E.fixture("real-" + suffix + "-" + tag);
    NodeFixture simFixture = RealVsSimulatedKubeletE2E.fixture(simNode);
    SimulatedKubeletNode simulated = SimulatedKubeletNode.create(simNode);
    RealNode node = null;
    Drivers real = null;
    try {
      node =
          NodeStory.startNode(
              clusters.node(version),
              cluster,
              "real-" + suffix + "-" + tag,
              realNs,
              realFixture.root().resolve("dev"));
      real = Drivers.start(DriverProcess.NodeDirs.of(node), cluster, realFixture);
      Drivers sim = Drivers.start(simulated.dirs(), cluster, simFixture);
      return new SideBySideNodes(
          objects,
          node,
          real,
          sim,
          simulated,
          new NodeStory(objects, node, realNs, real.processes()),
          new NodeStory(objects, node, simNs, sim.processes()));
    } catch (Exception | Error e) {
      if (real != null) {
        real.close();
      }
      if (node != null) {
        node.close();
      }
      simulated.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      sim.close();
      real.close();
      node.close();
    } finally {
      simulated.close();
    }
  }
}
