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

import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds kubelet calls that arrive before the device provider has started. The runtime serves its
 * sockets, and the kubelet may register the driver, while the provider's {@code start} still runs;
 * a prepare or unprepare meanwhile waits here, at most {@link #DEFAULT_WAIT} and never past its
 * call's deadline, and proceeds once the gate {@linkplain #open() opens}. When the provider fails
 * to start, or the driver stops first, waiting and later calls are answered {@code UNAVAILABLE}
 * with the driver and the cause. Thread-safe.
 */
public final class StartGate {
  private static final Logger LOG = LoggerFactory.getLogger(StartGate.class);

  /** The longest a call waits for the provider to start. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

  private final String driver;
  private final Duration maxWait;
  private final CountDownLatch decided = new CountDownLatch(1);
  private volatile Optional<String> failure = Optional.empty();

  /**
   * @param driver the driver name, for the error messages
   * @param maxWait the longest a call waits for the gate to open
   */
  public StartGate(String driver, Duration maxWait) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
  }

  /** Lets waiting and later calls through; the provider has started. No effect once decided. */
  public synchronized void open() {
    decided.countDown();
  }

  /**
   * Refuses waiting and later calls with {@code UNAVAILABLE} naming {@code cause}. No effect once
   * the gate opened or failed.
   */
  public synchronized void fail(String cause) {
    if (decided.getCount() > 0) {
      failure = Optional.of(Objects.requireNonNull(cause, "cause"));
      decided.countDown();
    }
  }

  /** Whether the provider has started and calls go through. */
  public boolean isOpen() {
    return decided.getCount() == 0 && failure.isEmpty();
  }

  /**
   * Returns once the gate is open.
   *
   * @param operation the call, for the log and the error message
   * @param deadline the call's deadline; the wait ends a little before it
   * @throws StatusRuntimeException {@code UNAVAILABLE} when the start failed, the driver stops, or
   *     the provider has not started within the wait
   */
  public void await(String operation, Deadline deadline) {
    if (decided.getCount() > 0) {
      LOG.info("{} waits for the device provider of driver {} to start", operation, driver);
      long wait =
          Math.min(
              maxWait.toNanos(),
              ClaimBatches.answerBy(deadline).timeRemaining(TimeUnit.NANOSECONDS));
      try {
        if (!decided.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
          LOG.warn(
              "{} refused: the device provider of driver {} is still starting", operation, driver);
          throw unavailable(
              operation
                  + " refused: the device provider of driver "
                  + driver
                  + " has not finished start() after "
                  + Duration.ofNanos(Math.max(0, wait)).toMillis()
                  + " ms; the kubelet retries the call");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unavailable(
            operation
                + " refused: driver "
                + driver
                + " is stopping; the kubelet retries once the driver serves again");
      }
    }
    Optional<String> failed = failure;
    if (failed.isPresent()) {
      throw unavailable(
          operation + " refused: driver " + driver + " failed to start: " + failed.get());
    }
  }

  private static StatusRuntimeException unavailable(String message) {
    return Status.UNAVAILABLE.withDescription(message).asRuntimeException();
  }
}
