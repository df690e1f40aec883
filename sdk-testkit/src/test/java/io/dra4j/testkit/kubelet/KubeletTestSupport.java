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
package io.dra4j.testkit.kubelet;

import io.dra4j.api.prepare.ClaimRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Creates a short directory under /tmp (unix socket paths must stay under 108 bytes) with the
 * kubelet's registration and plugin directories, and closes plugins and kubelets after each test.
 */
abstract class KubeletTestSupport {
  Path root;
  Path registrarDir;
  Path pluginsDir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void createDirs() throws IOException {
    root = Files.createTempDirectory(Path.of("/tmp"), "dra4j-kl-");
    registrarDir = root.resolve("plugins_registry");
    pluginsDir = root.resolve("plugins");
    Files.createDirectories(registrarDir);
    Files.createDirectories(pluginsDir);
  }

  @AfterEach
  void closeAndDelete() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  <T extends AutoCloseable> T closeLater(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  SimulatedKubelet.Builder kubelet() {
    return SimulatedKubelet.builder()
        .nodeName("node-1")
        .registrarDir(registrarDir)
        .pluginsDir(pluginsDir)
        .cdiDirs(List.of(root.resolve("etc-cdi"), root.resolve("run-cdi")));
  }

  SimulatedKubelet startKubelet(SimulatedKubelet.Builder builder) {
    return closeLater(builder.build().start());
  }

  /**
   * A plugin with the usual socket names: {@code <driver>-reg.sock} and {@code <driver>/dra.sock}.
   */
  FakeDraPlugin plugin(String driver) {
    return closeLater(
        new FakeDraPlugin(
            driver,
            registrarDir.resolve(driver + "-reg.sock"),
            pluginsDir.resolve(driver).resolve("dra.sock")));
  }

  static ClaimRef claim(String name) {
    return new ClaimRef("default", name, "uid-" + name);
  }
}
