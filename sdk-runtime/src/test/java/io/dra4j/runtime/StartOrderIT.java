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
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.prepare.StartGate;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesResponse;
import io.dra4j.runtime.internal.proto.registration.PluginInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver registers before it publishes: its sockets answer while the provider's start() still
 * runs, and prepare calls of that window wait for the start and get its outcome.
 */
class StartOrderIT {
  /** Each blocking step on a thread of its own, whatever the size of the common pool. */
  private static final Executor OWN_THREAD = r -> new Thread(r).start();

  private final NodeFixture node = new NodeFixture();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void tearDown() throws Exception {
    node.close();
  }

  @Test
  void registersBeforeItPublishesAndAPrepareOfThatWindowCompletesOnceStarted() throws Exception {
    BlockingStart provider = new BlockingStart(false);
    int port = freePort();
    DriverRuntime runtime = node.runtime(provider).metricsPort(port).build();
    CompletableFuture<DriverRuntime> starting = startAsync(runtime);
    provider.entered.await();
    ClaimRef ref = node.claims.allocate("ns", "early", "uid-early", TestProvider.DRIVER, "dev-0");

    try (FakeKubelet kubelet = new FakeKubelet(runtime)) {
      PluginInfo info = kubelet.getInfo();
      assertThat(info.getName()).isEqualTo(TestProvider.DRIVER);
      assertThat(info.getEndpoint()).isEqualTo(runtime.serviceSocket().toString());
      assertThat(node.publisher.published()).as("registered before publishing").isEmpty();
      kubelet.notify(true, "");
      assertThat(runtime.registrationStatus().isRegistered()).isTrue();
      HttpResponse<String> notReady = get(port, "/readyz");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("still starting");

      CompletableFuture<NodePrepareResourcesResponse> early =
          CompletableFuture.supplyAsync(() -> kubelet.prepare(ref), OWN_THREAD);
      awaitACallWaitingForTheStart();
      assertThat(provider.prepareCalls("uid-early")).isZero();
      assertThat(early).isNotDone();

      provider.proceed.countDown();

      assertThat(starting.join()).isSameAs(runtime);
      assertThat(early.join().getClaimsOrThrow("uid-early").getError()).isEmpty();
      assertThat(early.join().getClaimsOrThrow("uid-early").getDevicesList())
          .singleElement()
          .satisfies(d -> assertThat(d.getDeviceName()).isEqualTo("dev-0"));
      assertThat(provider.prepareCalls("uid-early")).isOne();
      assertThat(node.publisher.published()).isNotEmpty();
      assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
    } finally {
      provider.proceed.countDown();
      runtime.close();
    }
  }

  @Test
  void aPrepareOfThatWindowGetsUnavailableNamingTheCauseWhenStartFails() throws Exception {
    BlockingStart provider = new BlockingStart(true);
    DriverRuntime runtime = node.runtime(provider).build();
    CompletableFuture<DriverRuntime> starting = startAsync(runtime);
    provider.entered.await();
    ClaimRef ref = node.claims.allocate("ns", "early", "uid-early", TestProvider.DRIVER, "dev-0");

    try (FakeKubelet kubelet = new FakeKubelet(runtime)) {
      assertThat(kubelet.getInfo().getName()).isEqualTo(TestProvider.DRIVER);
      CompletableFuture<NodePrepareResourcesResponse> early =
          CompletableFuture.supplyAsync(() -> kubelet.prepare(ref), OWN_THREAD);
      awaitACallWaitingForTheStart();

      provider.proceed.countDown();

      assertThatThrownBy(early::join)
          .cause()
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(e.getStatus().getDescription())
                    .contains("driver " + TestProvider.DRIVER + " failed to start")
                    .contains("no devices under /sys/class/gpu");
              });
      assertThatThrownBy(starting::join)
          .cause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no devices under /sys/class/gpu");
    }
    assertThat(provider.prepareCalls("uid-early")).isZero();
    try (var files = Files.list(node.registrar)) {
      assertThat(files).as("the registration socket is removed").isEmpty();
    }
    assertThat(runtime.serviceSocket()).doesNotExist();
    assertThat(runtime.awaitTermination(Duration.ZERO)).isTrue();
  }

  /** A provider whose start() blocks until {@link #proceed}, then publishes or throws. */
  private static final class BlockingStart extends TestProvider {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch proceed = new CountDownLatch(1);
    private final boolean fail;

    BlockingStart(boolean fail) {
      this.fail = fail;
    }

    @Override
    public void start(DriverContext context) {
      entered.countDown();
      try {
        proceed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      if (fail) {
        throw new IllegalStateException("no devices under /sys/class/gpu");
      }
      super.start(context);
    }
  }

  private static CompletableFuture<DriverRuntime> startAsync(DriverRuntime runtime) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return runtime.start();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        OWN_THREAD);
  }

  /** Waits until a kubelet call is held by the start gate, so the test covers that window. */
  private static void awaitACallWaitingForTheStart() {
    await()
        .until(
            () ->
                Thread.getAllStackTraces().values().stream()
                    .flatMap(Arrays::stream)
                    .anyMatch(
                        f ->
                            f.getClassName().equals(StartGate.class.getName())
                                && f.getMethodName().equals("await")));
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
