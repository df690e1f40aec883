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
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.testkit.kubelet.PodPrepareResult;
import io.dra4j.testkit.kubelet.SimulatedKubelet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Node of the real control plane served by the testkit's {@link SimulatedKubelet}: its kubelet,
 * plugin and CDI directories in a temporary directory (removed on close), its log directory in the
 * E2E work directory, and the kubelet's part that the simulation leaves to the test: preparing a
 * scheduled pod's claims, unpreparing them and deleting the pod.
 *
 * @param root the temporary directory
 * @param dirs the directories the node's drivers are started with
 */
record SimulatedKubeletNode(Path root, DriverProcess.NodeDirs dirs) implements AutoCloseable {

  /** Creates the directories of a simulated node named {@code nodeName}. */
  static SimulatedKubeletNode create(String nodeName) throws IOException {
    Path root = Files.createTempDirectory("dra4j-sim-");
    return new SimulatedKubeletNode(
        root,
        new DriverProcess.NodeDirs(
            nodeName,
            Files.createDirectories(root.resolve("plugins_registry")),
            Files.createDirectories(root.resolve("plugins")),
            Files.createDirectories(root.resolve("cdi")),
            Files.createTempDirectory(
                Files.createDirectories(Clusters.workDir()), "node-" + nodeName + "-")));
  }

  /** A simulated kubelet for this node's directories. */
  SimulatedKubelet.Builder kubelet() {
    return SimulatedKubelet.builder()
        .nodeName(dirs.nodeName())
        .registrarDir(dirs.registrar())
        .pluginsDir(dirs.plugins())
        .cdiDirs(List.of(dirs.cdi()));
  }

  /** Waits until the pod is scheduled and prepares its claims; fails when that fails. */
  static void run(SimulatedKubelet kubelet, KubeObjects objects, String ns, String pod) {
    JsonObject p = DriverPrepareE2E.awaitScheduled(objects, ns, pod);
    PodPrepareResult result =
        kubelet.preparePod(
            RealVsSimulatedKubeletE2E.v1Pod(p), RealVsSimulatedKubeletE2E.claims(objects, p));
    assertThat(result.succeeded()).as(result.eventMessage()).isTrue();
  }

  /** Unprepares the pod's claims and deletes it, as a kubelet confirms a pod's end. */
  static void remove(SimulatedKubelet kubelet, KubeObjects objects, String ns, String pod) {
    JsonObject p = objects.get("v1", "Pod", ns, pod);
    assertThat(kubelet.unpreparePod(RealVsSimulatedKubeletE2E.podRef(p)).succeeded()).isTrue();
    objects.deleteNow("v1", "Pod", ns, pod);
  }

  /** Removes the node's temporary directory (sockets, checkpoints, CDI specs). */
  @Override
  public void close() throws IOException {
    TempDirs.deleteTree(root);
  }
}
