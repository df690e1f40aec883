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
package io.dra4j.runtime.internal.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartGateTest {
  private static final String DRIVER = "gpu.example.com";

  private static Deadline in45s() {
    return Deadline.after(45, TimeUnit.SECONDS);
  }

  @Test
  void aCallWaitsUntilTheGateOpens() {
    StartGate gate = new StartGate(DRIVER, Duration.ofMinutes(1));
    Thread[] waiter = new Thread[1];
    CompletableFuture<Void> call =
        CompletableFuture.runAsync(
            () -> gate.await("NodePrepareResources", in45s()),
            r -> {
              waiter[0] = new Thread(r);
              waiter[0].start();
            });
    await().until(() -> waiter[0].getState() == Thread.State.TIMED_WAITING);
    assertThat(call).isNotDone();

    gate.open();

    call.join();
    assertThat(gate.isOpen()).isTrue();
  }

  @Test
  void aFailedStartRefusesWithUnavailableNamingTheDriverAndTheCause() {
    StartGate gate = new StartGate(DRIVER, Duration.ofMinutes(1));
    gate.fail("device provider Gpu threw in start(): no devices");
    gate.open();

    assertThat(gate.isOpen()).as("a failed gate stays failed").isFalse();
    assertThatThrownBy(() -> gate.await("NodeUnprepareResources", in45s()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE))
        .hasMessageContaining("NodeUnprepareResources refused")
        .hasMessageContaining("driver " + DRIVER + " failed to start")
        .hasMessageContaining("no devices");
  }

  @Test
  void anOpenGateIgnoresALaterFailure() {
    StartGate gate = new StartGate(DRIVER, Duration.ofMinutes(1));
    gate.open();
    gate.fail("it stopped before its device provider started");

    gate.await("NodePrepareResources", in45s());
    assertThat(gate.isOpen()).isTrue();
  }

  @Test
  void aStartThatTakesLongerThanTheWaitIsRefusedWithUnavailable() {
    StartGate gate = new StartGate(DRIVER, Duration.ofMillis(1));

    assertThatThrownBy(() -> gate.await("NodePrepareResources", in45s()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE))
        .hasMessageContaining("driver " + DRIVER + " has not finished start()")
        .hasMessageContaining("the kubelet retries");
  }
}
