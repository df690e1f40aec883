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
package io.dra4j.runtime;

import io.dra4j.api.HostPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A node's directories in a short temporary path (unix socket paths must stay under 108 bytes):
 * registry, plugins, CDI and a host tree whose {@code proc} holds a boot ID.
 */
public final class NodeFixture implements AutoCloseable {
  public final Path root;
  public final Path registrar;
  public final Path plugins;
  public final Path cdi;
  public final HostPaths host;
  public final InMemoryClaimLookup claims = new InMemoryClaimLookup();
  public final RecordingPublisher publisher = new RecordingPublisher();
  public final InMemoryConnection kubernetes = new InMemoryConnection(claims, publisher);

  public NodeFixture() {
    this("boot-1");
  }

  public NodeFixture(String bootId) {
    try {
      root = Files.createTempDirectory(Path.of("/tmp"), "dra4j-it-");
      registrar = Files.createDirectories(root.resolve("reg"));
      plugins = Files.createDirectories(root.resolve("plugins"));
      cdi = Files.createDirectories(root.resolve("cdi"));
      host = HostPaths.under(root.resolve("host"));
      Files.createDirectories(host.sys());
      Files.createDirectories(host.dev());
      bootId(bootId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Changes the boot ID, as a reboot does. */
  public void bootId(String bootId) throws IOException {
    Path file = host.proc().resolve("sys/kernel/random/boot_id");
    Files.createDirectories(file.getParent());
    Files.writeString(file, bootId + "\n");
  }

  /** A runtime builder wired to this node. */
  public DriverRuntime.Builder runtime(TestProvider provider) {
    return DriverRuntime.builder(provider)
        .nodeName("node-1")
        .registrarDir(registrar)
        .pluginsDir(plugins)
        .cdiDir(cdi)
        .hostPaths(host)
        .kubernetes(kubernetes)
        .prepareParallelism(4);
  }

  /** The checkpoint file of a driver. */
  public Path checkpointFile(String driver) {
    return plugins.resolve(driver).resolve("checkpoint.json");
  }

  /** Files in the CDI directory. */
  public long cdiFiles() throws IOException {
    try (Stream<Path> files = Files.list(cdi)) {
      return files.count();
    }
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
