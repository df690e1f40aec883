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
package io.dra4j.runtime.internal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.FakeKubelet;
import io.dra4j.runtime.NodeFixture;
import io.dra4j.runtime.TestProvider;
import io.dra4j.runtime.internal.proto.health.v1.DRAResourceHealthGrpc;
import io.dra4j.runtime.internal.proto.health.v1.HealthStatus;
import io.dra4j.runtime.internal.proto.health.v1.NodeWatchResourcesRequest;
import io.dra4j.runtime.internal.proto.health.v1.NodeWatchResourcesResponse;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthIT {
  private final NodeFixture node = new NodeFixture();
  private final AtomicReference<List<DeviceHealth>> devices =
      new AtomicReference<>(
          List.of(
              DeviceHealth.healthy("pool-a", "dev-0"), DeviceHealth.healthy("pool-a", "dev-1")));
  private volatile boolean checkThrows;
  private final HealthCheck check =
      new HealthCheck() {
        @Override
        public List<DeviceHealth> check() {
          if (checkThrows) {
            throw new IllegalStateException("sysfs is gone");
          }
          return devices.get();
        }

        @Override
        public Duration interval() {
          return Duration.ofMillis(20);
        }
      };
  private DriverRuntime runtime;
  private ManagedChannel channel;
  private Context.CancellableContext watch;
  private final BlockingQueue<NodeWatchResourcesResponse> received = new LinkedBlockingQueue<>();

  private void start(Optional<HealthCheck> health, Duration resend) throws Exception {
    runtime =
        node.runtime(new TestProvider(TestProvider.DRIVER, 2, health))
            .healthResendInterval(resend)
            .build()
            .start();
    channel = FakeKubelet.channel(runtime.serviceSocket());
  }

  private void watchV1() {
    watch = Context.current().withCancellation();
    Thread reader =
        new Thread(
            () ->
                watch.run(
                    () -> {
                      try {
                        Iterator<NodeWatchResourcesResponse> stream =
                            DRAResourceHealthGrpc.newBlockingStub(channel)
                                .nodeWatchResources(NodeWatchResourcesRequest.getDefaultInstance());
                        stream.forEachRemaining(received::add);
                      } catch (StatusRuntimeException e) {
                        // cancelled by the test or the server stopped
                      }
                    }));
    reader.setDaemon(true);
    reader.start();
  }

  private NodeWatchResourcesResponse next() throws InterruptedException {
    NodeWatchResourcesResponse r = received.poll(10, TimeUnit.SECONDS);
    assertThat(r).as("a health message within 10 s").isNotNull();
    return r;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (watch != null) {
      watch.cancel(null);
    }
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    runtime.close();
    node.close();
  }

  @Test
  void theStreamStartsWithTheCompleteDeviceListAndTheKubeletTimeout() throws Exception {
    start(Optional.of(check), Duration.ofSeconds(15));
    watchV1();

    NodeWatchResourcesResponse first = next();

    assertThat(first.getDevicesList())
        .extracting(d -> d.getDevice().getDeviceName(), d -> d.getHealth())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dev-0", HealthStatus.HEALTHY),
            org.assertj.core.groups.Tuple.tuple("dev-1", HealthStatus.HEALTHY));
    assertThat(first.getDevices(0).getHealthCheckTimeoutSeconds()).isEqualTo(30);
    assertThat(first.getDevices(0).getDevice().getPoolName()).isEqualTo("pool-a");
    assertThat(first.getDevices(0).getLastUpdatedTime()).isPositive();
  }

  @Test
  void aChangeSendsTheCompleteListAgain() throws Exception {
    start(Optional.of(check), Duration.ofSeconds(15));
    watchV1();
    next();

    devices.set(
        List.of(
            DeviceHealth.healthy("pool-a", "dev-0"),
            DeviceHealth.unhealthy("pool-a", "dev-1", "uncorrectable ECC errors")));

    NodeWatchResourcesResponse changed = next();
    assertThat(changed.getDevicesCount()).isEqualTo(2);
    assertThat(changed.getDevices(1).getHealth()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(changed.getDevices(1).getMessage()).isEqualTo("uncorrectable ECC errors");
    assertThat(changed.getDevices(0).getHealth()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void anUnchangedListIsResentPeriodically() throws Exception {
    start(Optional.of(check), Duration.ofMillis(100));
    watchV1();
    NodeWatchResourcesResponse first = next();

    NodeWatchResourcesResponse second = next();
    NodeWatchResourcesResponse third = next();

    assertThat(second.getDevicesList()).isEqualTo(first.getDevicesList());
    assertThat(third.getDevicesList()).isEqualTo(first.getDevicesList());
  }

  @Test
  void aFailingCheckReportsEveryDeviceUnknownWithTheError() throws Exception {
    start(Optional.of(check), Duration.ofSeconds(15));
    watchV1();
    next();

    checkThrows = true;

    NodeWatchResourcesResponse failed = next();
    assertThat(failed.getDevicesList())
        .hasSize(2)
        .allSatisfy(
            d -> {
              assertThat(d.getHealth()).isEqualTo(HealthStatus.UNKNOWN);
              assertThat(d.getMessage()).contains("sysfs is gone");
            });
  }

  @Test
  void theV1alpha1ServiceStreamsTheSameDevices() throws Exception {
    start(Optional.of(check), Duration.ofSeconds(15));

    var stream =
        io.dra4j.runtime.internal.proto.health.v1alpha1.DRAResourceHealthGrpc.newBlockingStub(
                channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .nodeWatchResources(
                io.dra4j.runtime.internal.proto.health.v1alpha1.NodeWatchResourcesRequest
                    .getDefaultInstance());

    var first = stream.next();
    assertThat(first.getDevicesList())
        .extracting(d -> d.getDevice().getDeviceName())
        .containsExactly("dev-0", "dev-1");
    assertThat(first.getDevices(0).getHealth())
        .isEqualTo(io.dra4j.runtime.internal.proto.health.v1alpha1.HealthStatus.HEALTHY);
  }

  @Test
  void withoutAHealthCheckTheHealthServiceIsUnimplemented() throws Exception {
    start(Optional.empty(), Duration.ofSeconds(15));

    Iterator<NodeWatchResourcesResponse> stream =
        DRAResourceHealthGrpc.newBlockingStub(channel)
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .nodeWatchResources(NodeWatchResourcesRequest.getDefaultInstance());

    assertThatThrownBy(stream::hasNext)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
  }

  @Test
  void closingTheRuntimeEndsOpenStreams() throws Exception {
    start(Optional.of(check), Duration.ofSeconds(15));
    var stream =
        DRAResourceHealthGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .nodeWatchResources(NodeWatchResourcesRequest.getDefaultInstance());
    stream.next();

    runtime.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> !runtime.serviceSocket().toFile().exists());
    assertThat(stream.hasNext()).isFalse();
  }
}
