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

import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.api.health.HealthStatus;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void aStreamOpenedAfterCloseEndsAtOnce() {
    HealthMonitor monitor = startedMonitor();
    monitor.close();

    RecordingCall call = new RecordingCall();
    monitor.stream(call, snapshot -> snapshot.devices());

    assertThat(call.completed).isTrue();
    assertThat(call.messages).isEmpty();
  }

  @Test
  void closeEndsAnOpenStream() {
    HealthMonitor monitor = startedMonitor();
    RecordingCall call = new RecordingCall();
    monitor.stream(call, snapshot -> snapshot.devices());

    monitor.close();

    assertThat(call.messages).isNotEmpty();
    assertThat(call.completed).isTrue();
  }

  @Test
  void pollNowRunsTheCheckBeforeItsIntervalAndTellsTheStreams() {
    AtomicReference<HealthStatus> status = new AtomicReference<>(HealthStatus.HEALTHY);
    HealthMonitor monitor =
        new HealthMonitor(
            "gpu.example.com",
            new HealthCheck() {
              @Override
              public List<DeviceHealth> check() {
                return List.of(new DeviceHealth("pool", "dev0", status.get(), ""));
              }

              @Override
              public Duration interval() {
                return Duration.ofHours(1);
              }
            },
            scheduler,
            Duration.ofHours(1),
            Clock.systemUTC());
    monitor.start();
    RecordingCall call = new RecordingCall();
    monitor.stream(call, snapshot -> snapshot.devices());

    status.set(HealthStatus.UNHEALTHY);
    List<DeviceHealth> polled = monitor.pollNow();

    assertThat(polled).extracting(DeviceHealth::status).containsExactly(HealthStatus.UNHEALTHY);
    assertThat(monitor.current()).isEqualTo(polled);
    assertThat(call.messages).last().isEqualTo(polled);
    monitor.close();
  }

  @Test
  void pollNowAfterCloseSaysTheCheckIsStopped() {
    HealthMonitor monitor = startedMonitor();
    monitor.close();

    assertThatThrownBy(monitor::pollNow)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the health check of driver gpu.example.com is stopped");
  }

  @Test
  void aStreamOpenedBeforeStartGetsNothingUntilTheFirstCheckHasRun() {
    HealthMonitor monitor = monitor();
    RecordingCall call = new RecordingCall();
    monitor.stream(call, snapshot -> snapshot.devices());

    assertThat(call.messages).as("no empty list before the provider started").isEmpty();
    assertThat(call.completed).isFalse();

    monitor.start();

    assertThat(call.messages).first().isEqualTo(List.of(DeviceHealth.healthy("pool", "dev0")));
    monitor.close();
    assertThat(call.completed).isTrue();
  }

  @Test
  void closeBeforeStartEndsAStreamThatNeverOpened() {
    HealthMonitor monitor = monitor();
    RecordingCall call = new RecordingCall();
    monitor.stream(call, snapshot -> snapshot.devices());

    monitor.close();

    assertThat(call.messages).isEmpty();
    assertThat(call.completed).isTrue();
  }

  private HealthMonitor startedMonitor() {
    HealthMonitor monitor = monitor();
    monitor.start();
    return monitor;
  }

  private HealthMonitor monitor() {
    return new HealthMonitor(
        "gpu.example.com",
        () -> List.of(DeviceHealth.healthy("pool", "dev0")),
        scheduler,
        Duration.ofSeconds(1),
        Clock.systemUTC());
  }

  /** A server call that records what the monitor sends. */
  private static final class RecordingCall extends ServerCallStreamObserver<List<DeviceHealth>> {
    final List<List<DeviceHealth>> messages = new ArrayList<>();
    volatile boolean completed;

    @Override
    public synchronized void onNext(List<DeviceHealth> value) {
      messages.add(value);
    }

    @Override
    public void onError(Throwable t) {
      completed = true;
    }

    @Override
    public void onCompleted() {
      completed = true;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void setOnCancelHandler(Runnable onCancelHandler) {}

    @Override
    public void setCompression(String compression) {}

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setOnReadyHandler(Runnable onReadyHandler) {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void disableAutoInboundFlowControl() {}
  }
}
