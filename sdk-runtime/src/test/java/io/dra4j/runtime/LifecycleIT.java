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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dra4j.api.DriverContext;
import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesResponse;
import io.dra4j.runtime.internal.sockets.SocketPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LifecycleIT {
  private final NodeFixture node = new NodeFixture();

  @AfterEach
  void tearDown() throws Exception {
    node.close();
  }

  @Test
  void startPublishesThroughTheContextAndCloseRemovesSocketsButNotSlices() throws Exception {
    TestProvider provider = new TestProvider();
    DriverRuntime runtime = node.runtime(provider).build().start();
    Path registration = runtime.registrationSocket();
    Path service = runtime.serviceSocket();
    assertThat(registration).exists();
    assertThat(service).exists();
    assertThat(node.publisher.published())
        .singleElement()
        .satisfies(r -> assertThat(r.pools().get(0).devices()).hasSize(4));

    runtime.close();

    assertThat(registration).doesNotExist();
    assertThat(service).doesNotExist();
    assertThat(provider.closed).isTrue();
    assertThat(node.publisher.closed()).as("the caller owns the publisher").isFalse();
    assertThat(runtime.awaitTermination(Duration.ZERO)).isTrue();
  }

  @Test
  void gracefulShutdownLetsACallInFlightFinish() throws Exception {
    TestProvider provider = new TestProvider();
    DriverRuntime runtime = node.runtime(provider).build().start();
    ClaimRef slow = node.claims.allocate("ns", "slow-1", "uid-slow", TestProvider.DRIVER, "dev-0");
    try (FakeKubelet kubelet = new FakeKubelet(runtime)) {
      CompletableFuture<NodePrepareResourcesResponse> inFlight =
          CompletableFuture.supplyAsync(() -> kubelet.prepare(slow));
      provider.slowStarted.await();

      CompletableFuture<Void> closing = CompletableFuture.runAsync(runtime::close);
      await().until(() -> !runtime.registrationSocket().toFile().exists());
      assertThat(closing).isNotDone();
      provider.release.countDown();

      assertThat(inFlight.get().getClaimsOrThrow("uid-slow").getError()).isEmpty();
      closing.get();
      assertThat(runtime.serviceSocket()).doesNotExist();
    }
  }

  @Test
  void staleSocketFilesAreReplaced() throws Exception {
    SocketPaths paths =
        SocketPaths.of(node.registrar, node.plugins, TestProvider.DRIVER, Optional.empty());
    Files.createDirectories(paths.pluginDataDir());
    Files.writeString(paths.registrationSocket(), "stale");
    Files.writeString(paths.serviceSocket(), "stale");

    try (DriverRuntime runtime = node.runtime(new TestProvider()).build().start();
        FakeKubelet kubelet = new FakeKubelet(runtime)) {
      assertThat(kubelet.getInfo().getName()).isEqualTo(TestProvider.DRIVER);
    }
  }

  @Test
  void aMissingRegistrarDirectoryFailsFastNamingTheSetting() throws Exception {
    DriverRuntime.Builder builder =
        node.runtime(new TestProvider()).registrarDir(node.root.resolve("nope"));

    assertThatThrownBy(() -> builder.build().start())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).contains("registrarDir"))
        .hasMessageStartingWith("registrarDir: ")
        .hasMessageContaining("does not exist")
        .hasMessageContaining("plugins_registry")
        .hasMessageNotContaining("--");
  }

  @Test
  void anUnusableCdiDirectoryFailsFastNamingTheSettingNotAFlag() throws Exception {
    Path file = Files.writeString(node.root.resolve("file"), "x");

    assertThatThrownBy(
            () -> node.runtime(new TestProvider()).cdiDir(file.resolve("cdi")).build().start())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.setting()).contains("cdiDir");
              assertThat(e.problem()).contains(file.resolve("cdi").toString());
            })
        .hasMessageStartingWith("cdiDir: ")
        .hasMessageNotContaining("--cdi-dir")
        .hasMessageNotContaining("CDI_ROOT");
  }

  @Test
  void aMissingNodeNameFailsAtBuildNamingTheSetting() {
    assertThatThrownBy(
            () -> DriverRuntime.builder(new TestProvider()).kubernetes(node.kubernetes).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).contains("nodeName"))
        .hasMessageContaining("spec.nodeName")
        .hasMessageNotContaining("--node-name")
        .hasMessageNotContaining("NODE_NAME");
  }

  @Test
  void aMissingKubernetesConnectionFailsAtBuild() {
    assertThatThrownBy(() -> DriverRuntime.builder(new TestProvider()).nodeName("node-1").build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.setting()).contains("kubernetes"))
        .hasMessageContaining("KubeBackend.connect");
  }

  @Test
  void badValuesFailAtOnceNamingTheSetting() {
    DriverRuntime.Builder builder = node.runtime(new TestProvider());

    assertThatThrownBy(() -> builder.metricsPort(70000))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("metricsPort: 70000");
    assertThatThrownBy(() -> builder.prepareParallelism(0))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("prepareParallelism: 0");
    assertThatThrownBy(() -> builder.healthResendInterval(Duration.ofSeconds(16)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("healthResendInterval: PT16S");
  }

  @Test
  void aConfigKindTheDecoderRejectsStopsTheDriverBeforeItStartsOrPublishes() throws Exception {
    TestProvider provider =
        new TestProvider() {
          @Override
          public List<ConfigKind<?>> configKinds() {
            return List.of(ConfigKind.of("gpu.example.com/v1", "GpuConfig", Unbindable.class));
          }
        };

    assertThatThrownBy(() -> node.runtime(provider).build().start())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(provider.getClass().getName())
        .hasMessageContaining("cannot decode")
        .hasMessageContaining("Unbindable.since")
        .hasMessageContaining("fix configKinds()");
    assertThat(provider.context).as("provider.start was never called").isNull();
    assertThat(node.publisher.published()).isEmpty();
    assertThat(node.kubernetes.publisherRequests()).as("no publisher was even asked for").isZero();
    try (var files = Files.list(node.registrar)) {
      assertThat(files).isEmpty();
    }
  }

  /** A config record with a component type the decoder cannot bind. */
  record Unbindable(Object since) {}

  @Test
  void aProviderThatFailsToStartStopsTheRuntimeWithoutSockets() throws Exception {
    TestProvider failing =
        new TestProvider() {
          @Override
          public void start(DriverContext context) {
            throw new IllegalStateException("no devices under /sys/class/gpu");
          }
        };

    assertThatThrownBy(() -> node.runtime(failing).build().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("threw in start()")
        .hasMessageContaining("no devices under /sys/class/gpu")
        .as("the caller says which driver failed to start")
        .hasMessageNotContaining(TestProvider.DRIVER);
    try (var files = Files.list(node.registrar)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void closeDuringStartLeavesNoSocketsOnceTheStartEnds() throws Exception {
    TestProvider blocking =
        new TestProvider() {
          @Override
          public void start(DriverContext context) {
            slowStarted.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    DriverRuntime runtime = node.runtime(blocking).build();
    CompletableFuture<DriverRuntime> starting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return runtime.start();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    blocking.slowStarted.await();

    runtime.close();
    blocking.release.countDown();

    assertThatThrownBy(starting::join)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed while it started");
    try (var files = Files.list(node.registrar)) {
      assertThat(files).isEmpty();
    }
    assertThat(blocking.closed).isTrue();
    assertThat(runtime.awaitTermination(Duration.ZERO)).isTrue();
  }

  @Test
  void rollingUpdateRunsTwoInstancesSideBySideWithUidSockets() throws Exception {
    try (DriverRuntime old =
            node.runtime(new TestProvider()).rollingUpdate("pod-old").build().start();
        DriverRuntime updated =
            node.runtime(new TestProvider()).rollingUpdate("pod-new").build().start();
        FakeKubelet toOld = new FakeKubelet(old);
        FakeKubelet toNew = new FakeKubelet(updated)) {
      assertThat(old.registrationSocket().getFileName().toString())
          .isEqualTo(TestProvider.DRIVER + "-pod-old-reg.sock");
      assertThat(updated.serviceSocket().getFileName().toString()).isEqualTo("dra-pod-new.sock");
      ClaimRef ref =
          node.claims.allocate("ns", "shared", "uid-shared", TestProvider.DRIVER, "dev-0");

      NodePrepareResourcesResponse viaOld = toOld.prepare(ref);
      NodePrepareResourcesResponse viaNew = toNew.prepare(ref);

      assertThat(viaNew).isEqualTo(viaOld);
      assertThat(toNew.unprepare(ref).getClaimsOrThrow("uid-shared").getError()).isEmpty();
      assertThat(node.plugins.resolve(TestProvider.DRIVER).resolve("serialize.lock")).exists();
    }
  }

  @Test
  void aMaximalDriverNameInADeepDirectoryStillGetsWorkingSockets() throws Exception {
    String driver = "a".repeat(20) + "." + "b".repeat(20) + "." + "c".repeat(21);
    assertThat(driver).hasSize(63);
    Path deep = Files.createDirectories(node.root.resolve("kubelet"));
    Path registrar = Files.createDirectories(deep.resolve("plugins_registry"));
    Path plugins = Files.createDirectories(deep.resolve("plugins"));
    TestProvider provider = new TestProvider(driver, 1, Optional.empty());
    String podUid = "0b7a9c61-5d7e-4f0e-9a3c-2f1e8d6b4a90";

    try (DriverRuntime runtime =
            node.runtime(provider)
                .registrarDir(registrar)
                .pluginsDir(plugins)
                .rollingUpdate(podUid)
                .build()
                .start();
        FakeKubelet kubelet = new FakeKubelet(runtime)) {
      assertThat(runtime.registrationSocket().toString().length()).isLessThan(108);
      assertThat(runtime.serviceSocket().toString().length()).isLessThan(108);
      assertThat(kubelet.getInfo().getEndpoint()).isEqualTo(runtime.serviceSocket().toString());
      ClaimRef ref = node.claims.allocate("ns", "long", "uid-long", driver, "dev-0");
      assertThat(kubelet.prepare(ref).getClaimsOrThrow("uid-long").getError()).isEmpty();
    }
  }
}
