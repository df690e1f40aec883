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
package io.dra4j.images.launch;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node for a driver process to run on, all below one directory: an in-memory API server (with the
 * Node object and a kubeconfig), the sysfs/dev tree of an instance type, and the kubelet's plugin
 * registry, plugins and CDI directories.
 *
 * <pre>{@code
 * try (ImageNode node = ImageNode.start(dir, "trn2.48xlarge")) {
 *   ... node.registrarDir() ... node.publishedDevices("neuron.aws.com") ...
 * }
 * }</pre>
 */
public final class ImageNode implements AutoCloseable {
  /** The name of the Node object and of the driver's {@code --node-name}. */
  public static final String NODE_NAME = "image-test-node";

  private final Path dir;
  private final FakeApiServer api;
  private final NodeFixture fixture;
  private final Path kubeconfig;

  private ImageNode(Path dir, FakeApiServer api, NodeFixture fixture, Path kubeconfig) {
    this.dir = dir;
    this.api = api;
    this.fixture = fixture;
    this.kubeconfig = kubeconfig;
  }

  /**
   * Writes the node's directories below {@code dir} and starts its API server.
   *
   * @param instanceType an instance type of {@link NodeFixtures#instanceTypes()}
   */
  public static ImageNode start(Path dir, String instanceType) {
    try {
      Files.createDirectories(dir);
      NodeFixture fixture = NodeFixtures.write(instanceType, dir.resolve("host"));
      for (String d : new String[] {"plugins_registry", "plugins", "cdi"}) {
        Files.createDirectories(dir.resolve(d));
      }
      FakeApiServer api = FakeApiServer.start();
      api.apply("apiVersion: v1\nkind: Node\nmetadata:\n  name: " + NODE_NAME + "\n");
      Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
      return new ImageNode(dir, api, fixture, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the simulated node below " + dir, e);
    }
  }

  /** The directory holding everything of this node. */
  public Path dir() {
    return dir;
  }

  /** The API server. */
  public FakeApiServer api() {
    return api;
  }

  /** The sysfs/dev fixture; its root holds {@code sys}, {@code dev} and {@code proc}. */
  public NodeFixture fixture() {
    return fixture;
  }

  /** The kubeconfig of the API server. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The kubelet plugin registry directory, where registration sockets appear. */
  public Path registrarDir() {
    return dir.resolve("plugins_registry");
  }

  /** The kubelet plugins directory. */
  public Path pluginsDir() {
    return dir.resolve("plugins");
  }

  /** The CDI spec directory. */
  public Path cdiDir() {
    return dir.resolve("cdi");
  }

  /** How many devices the ResourceSlices of {@code driver} on this node publish in total. */
  public int publishedDevices(String driver) {
    int n = 0;
    for (JsonObject slice : api.list("resourceslices")) {
      if (driver.equals(JsonFields.string(slice, "spec", "driver"))
          && NODE_NAME.equals(JsonFields.string(slice, "spec", "nodeName"))) {
        n += JsonFields.array(slice, "spec", "devices").size();
      }
    }
    return n;
  }

  /** Stops the API server; the files stay for the caller's temporary directory to remove. */
  @Override
  public void close() {
    api.close();
  }
}
