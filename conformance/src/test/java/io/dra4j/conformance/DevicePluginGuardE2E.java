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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.dra4j.api.DeviceProvider;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.driver.efa.EfaDeviceProvider;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The device-plugin guard against the real API server: a Node whose status (patched as the kubelet
 * would, with the node info fields of its release) still advertises the device plugin's extended
 * resource makes the driver refuse to start; once the resource is gone from the Node's status, the
 * same driver starts. On Kubernetes 1.37 the Node carries fields client-java 27 does not know,
 * which once made the guard read nothing and pass.
 */
class DevicePluginGuardE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();

  static Stream<Arguments> versionsAndDrivers() {
    return Clusters.versions()
        .flatMap(
            v ->
                Stream.of(
                    Arguments.of(v, "neuron", "aws.amazon.com/neuron"),
                    Arguments.of(v, "efa", EfaDeviceProvider.DEVICE_PLUGIN_RESOURCE)));
  }

  @ParameterizedTest(name = "Kubernetes {0}, {1} driver")
  @MethodSource("versionsAndDrivers")
  void aNodeThatStillAdvertisesTheDevicePluginsResourceStopsTheDriver(
      String version, String driver, String resource) throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String node = "guard-" + driver + "-" + version.replace('.', '-');
    JsonObject created = TestObjects.createNode(objects, node, "guard");
    NodeFixture fixture =
        NodeFixtures.write("trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(node));

    JsonObject status = created.getAsJsonObject("status");
    status.getAsJsonObject("allocatable").addProperty(resource, "16");
    status.getAsJsonObject("capacity").addProperty(resource, "16");
    status.add("nodeInfo", nodeInfo(version));
    JsonObject patched = objects.replaceStatus(created);
    assertThat(patched.getAsJsonObject("status").getAsJsonObject("allocatable").has(resource))
        .as("the API server stored %s", resource)
        .isTrue();
    assertThat(patched.getAsJsonObject("status").getAsJsonObject("nodeInfo").keySet())
        .as("node info fields stored by Kubernetes %s", version)
        .containsAll(nodeInfo(version).keySet());

    assertThatThrownBy(() -> start(cluster, node, fixture, provider(driver)).close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("will not start on node " + node)
        .hasMessageContaining(resource + "=16")
        .hasMessageContaining("Remove the device plugin from this node");

    JsonObject current = objects.get("v1", "Node", "", node);
    current.getAsJsonObject("status").getAsJsonObject("allocatable").remove(resource);
    current.getAsJsonObject("status").getAsJsonObject("capacity").remove(resource);
    objects.replaceStatus(current);

    try (Started started = start(cluster, node, fixture, provider(driver))) {
      assertThat(started.runtime()).isNotNull();
    }
  }

  /** The node info a kubelet of {@code version} reports, fields of newer releases included. */
  private static JsonObject nodeInfo(String version) {
    JsonObject info = new JsonObject();
    for (String field :
        new String[] {
          "machineID",
          "systemUUID",
          "bootID",
          "kernelVersion",
          "osImage",
          "containerRuntimeVersion",
          "kubeProxyVersion",
          "operatingSystem",
          "architecture"
        }) {
      info.addProperty(field, field.equals("operatingSystem") ? "linux" : "x");
    }
    info.addProperty("architecture", "amd64");
    info.addProperty("kubeletVersion", "v" + version + ".0");
    if (Clusters.minor(version) >= 37) {
      info.addProperty("runningInUserNamespace", false);
    }
    return info;
  }

  private static DeviceProvider provider(String driver) {
    return driver.equals("neuron") ? new NeuronDeviceProvider() : new EfaDeviceProvider();
  }

  /** A driver started on a node, with its connection and its temporary directory. */
  private record Started(DriverRuntime runtime, KubeBackend backend, Path root)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      runtime.close();
      backend.close();
      TempDirs.deleteTree(root);
    }
  }

  /** Starts the driver on {@code node}; closes everything it opened when the start fails. */
  private static Started start(
      ControlPlane cluster, String node, NodeFixture fixture, DeviceProvider provider)
      throws Exception {
    Path root = Files.createTempDirectory("dra4j-guard-");
    KubeBackend backend =
        KubeBackend.connectOwned(cluster.adminClient(), provider.driverName(), node);
    try {
      DriverRuntime runtime =
          DriverRuntime.builder(provider)
              .nodeName(node)
              .registrarDir(Files.createDirectories(root.resolve("plugins_registry")))
              .pluginsDir(Files.createDirectories(root.resolve("plugins")))
              .cdiDir(Files.createDirectories(root.resolve("cdi")))
              .hostPaths(fixture.hostPaths())
              .kubernetes(backend)
              .build()
              .start();
      return new Started(runtime, backend, root);
    } catch (Exception | Error e) {
      backend.close();
      TempDirs.deleteTree(root);
      throw e;
    }
  }
}
