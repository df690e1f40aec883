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
package io.dra4j.runtime.internal.slices;

import io.dra4j.api.device.Resources;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-off between {@link SlicePublisher#publish} and the reconcile loop: the latest desired
 * state and its version, whether anything changed since the loop last looked, and whether a pass
 * found the cluster matching the latest version. Thread-safe.
 */
final class DesiredState {

  /** How {@link #next} waits. */
  enum Wait {
    /** Until something changes. */
    SIGNAL,
    /** Until something changes or the deadline passes. */
    SIGNAL_OR_DEADLINE,
    /** Until the deadline, whatever changes (backoff after an error). */
    DEADLINE
  }

  /** A desired state and the version {@link #passed} reports back. */
  record Version(Resources resources, long version) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private Resources desired;
  private long desiredVersion;
  private long syncedVersion = -1;
  private boolean dirty;
  private boolean converged;
  private boolean closed;

  /** Replaces the desired state. */
  void publish(Resources resources) {
    lock.lock();
    try {
      desired = resources;
      desiredVersion++;
      markChanged();
    } finally {
      lock.unlock();
    }
  }

  /** Something in the cluster changed: the loop should compare again. */
  void signal() {
    lock.lock();
    try {
      markChanged();
    } finally {
      lock.unlock();
    }
  }

  private void markChanged() {
    dirty = true;
    converged = false;
    changed.signalAll();
  }

  /**
   * Waits as {@code wait} says ({@code deadlineNanos} on the {@link System#nanoTime} scale), then
   * takes the change: the latest desired state, or empty when nothing was published yet or {@link
   * #close} was called.
   */
  Optional<Version> next(Wait wait, long deadlineNanos) throws InterruptedException {
    lock.lock();
    try {
      while (!closed) {
        long left = deadlineNanos - System.nanoTime();
        if (wait == Wait.DEADLINE || (wait == Wait.SIGNAL_OR_DEADLINE && !dirty)) {
          if (left <= 0) {
            break;
          }
          changed.awaitNanos(left);
        } else if (dirty) {
          break;
        } else {
          changed.await();
        }
      }
      dirty = false;
      return desired == null || closed
          ? Optional.empty()
          : Optional.of(new Version(desired, desiredVersion));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reports a pass over {@code version}: {@code converged} when it found nothing to write, else the
   * loop runs again to confirm what it wrote.
   */
  void passed(long version, boolean converged) {
    lock.lock();
    try {
      if (converged) {
        syncedVersion = version;
        this.converged = !dirty;
        changed.signalAll();
      } else {
        dirty = true;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits until a pass after the latest publish found nothing left to write. */
  boolean awaitSynced(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!(converged && syncedVersion == desiredVersion && desired != null)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the loop for good: {@link #next} answers empty from now on. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
