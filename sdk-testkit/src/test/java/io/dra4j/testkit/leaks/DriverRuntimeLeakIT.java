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
package io.dra4j.testkit.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.HostPaths;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.junit.SampleDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Closing a runtime and its Kubernetes backend releases their gRPC servers, event loops, executors,
 * metrics server, watches and HTTP connections; so does a start that fails after the runtime served
 * its sockets.
 */
// Counts what the whole JVM holds: nothing may run beside it.
@Isolated
class DriverRuntimeLeakIT {
  private static final String NODE = "node-a";

  private final FakeApiServer api = FakeApiServer.start();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void fiftyRuntimesWithTheirBackendsStartedAndClosedLeaveNoThreadsDescriptorsOrConnections()
      throws Exception {
    onNode("DriverRuntime + KubeBackend against one FakeApiServer", 50, this::cycle);
  }

  @Test
  void runtimesWhoseProviderThrowsInStartAfterTheSocketsServeLeaveNoThreadsOrDescriptors()
      throws Exception {
    onNode("DriverRuntime whose provider throws in start()", 20, this::failedStart);
  }

  /** One node's directories, and a leak check over {@code cycles} runs of {@code cycle} on it. */
  private void onNode(String what, int cycles, NodeCycle cycle) throws Exception {
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: " + NODE + "}}");
    Path root = Files.createTempDirectory(Path.of("/tmp"), "dra4j-leak-");
    try {
      HostPaths host = HostPaths.under(root.resolve("host"));
      Files.createDirectories(host.sys());
      Files.createDirectories(host.dev());
      Path bootId = host.proc().resolve("sys/kernel/random/boot_id");
      Files.createDirectories(bootId.getParent());
      Files.writeString(bootId, "boot-1\n");
      for (String d : new String[] {"reg", "plugins", "cdi"}) {
        Files.createDirectories(root.resolve(d));
      }
      LeakCheck.assertNoLeak(what, cycles, () -> cycle.run(root, host));
    } finally {
      try (var walk = Files.walk(root)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @FunctionalInterface
  private interface NodeCycle {
    void run(Path root, HostPaths host) throws Exception;
  }

  private void cycle(Path root, HostPaths host) throws Exception {
    try (KubeBackend kube = KubeBackend.connectOwned(api.client(), SampleDriver.DRIVER, NODE)) {
      DriverRuntime runtime = runtime(new SampleDriver(), root, host, kube).start();
      try (runtime) {
        assertThat(kube.publisher().awaitSynced(Duration.ofSeconds(20))).isTrue();
        assertThat(kube.claimLookup().awaitSynced(Duration.ofSeconds(20))).isTrue();
        assertThat(get(runtime.metricsAddress().orElseThrow(), "/healthz")).contains("200");
      }
    }
  }

  /** The sockets and the metrics server are up when start() throws; the runtime closes them. */
  private void failedStart(Path root, HostPaths host) throws Exception {
    try (KubeBackend kube = KubeBackend.connectOwned(api.client(), SampleDriver.DRIVER, NODE)) {
      DriverRuntime runtime = runtime(new FailingStart(), root, host, kube);
      assertThatThrownBy(runtime::start).hasMessageContaining("no devices found");
      assertThat(runtime.awaitTermination(Duration.ZERO)).isTrue();
      try (var sockets = Files.list(root.resolve("reg"))) {
        assertThat(sockets).isEmpty();
      }
    }
  }

  private static DriverRuntime runtime(
      DeviceProvider provider, Path root, HostPaths host, KubeBackend kube) throws IOException {
    return DriverRuntime.builder(provider)
        .nodeName(NODE)
        .registrarDir(root.resolve("reg"))
        .pluginsDir(root.resolve("plugins"))
        .cdiDir(root.resolve("cdi"))
        .hostPaths(host)
        .kubernetes(kube)
        .metricsPort(freePort())
        .shutdownTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** A provider that finds no devices: start() throws once the runtime serves its sockets. */
  private static final class FailingStart implements DeviceProvider {
    @Override
    public String driverName() {
      return SampleDriver.DRIVER;
    }

    @Override
    public void start(DriverContext context) {
      throw new IllegalStateException("no devices found under /sys/class/sample");
    }

    @Override
    public Preparation prepare(PrepareRequest request) throws PrepareException {
      throw new PrepareException("never started");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The status line of a GET over a connection closed after the answer. */
  private static String get(InetSocketAddress address, String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", address.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      return answer.lines().findFirst().orElse("");
    }
  }
}
