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
package io.dra4j.runtime.internal.kube;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: each failure doubles the delay (from {@code initial} up to
 * {@code max}); each delay is randomised by ±20% so that many clients do not retry in step. Not
 * thread-safe; one per retry loop.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private Duration current;

  /** A backoff from {@code initial} doubling up to {@code max}. */
  public Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
    this.current = initial;
  }

  /** The standard backoff for API errors: 100 ms doubling up to 30 s. */
  public static Backoff forApiErrors() {
    return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
  }

  /** The delay before the next attempt; each call doubles the following one. */
  public Duration next() {
    Duration base = current;
    Duration doubled = current.multipliedBy(2);
    current = doubled.compareTo(max) > 0 ? max : doubled;
    double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofNanos((long) (base.toNanos() * factor));
  }

  /** Starts again from the initial delay (after a success). */
  public void reset() {
    current = initial;
  }
}
