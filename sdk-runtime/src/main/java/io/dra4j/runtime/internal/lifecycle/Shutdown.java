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
package io.dra4j.runtime.internal.lifecycle;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops executors and threads and waits, within a bound, until their threads have ended, so that a
 * {@code close()} returns with nothing of its object still running. An interrupt of the closing
 * thread ends the wait early and is kept.
 */
public final class Shutdown {
  private Shutdown() {}

  /**
   * Interrupts the executor's tasks ({@link ExecutorService#shutdownNow()}) and waits up to {@code
   * timeout} for its threads to end.
   *
   * @return whether every thread ended in time
   */
  public static boolean executor(ExecutorService executor, Duration timeout) {
    executor.shutdownNow();
    try {
      return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits up to {@code timeout} for a thread to end; the caller has told it to stop.
   *
   * @return whether it ended in time
   */
  public static boolean join(Thread thread, Duration timeout) {
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }
}
