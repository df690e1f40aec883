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

import java.time.Duration;
import java.util.Map;

/**
 * Runs a start-and-close cycle many times and checks that threads, file descriptors and loopback
 * connections come back to where they were after one warm-up cycle.
 */
final class LeakCheck {
  /** How far each figure may end above its starting value. */
  static final ProcessResources MARGIN = new ProcessResources(4, 8, 2);

  /** How long the figures may take to settle after the last cycle. */
  static final Duration SETTLE = Duration.ofSeconds(20);

  /** One cycle: open something and close it again. */
  interface Cycle {
    void run() throws Exception;
  }

  private LeakCheck() {}

  /** Runs one warm-up cycle, then {@code cycles} more; asserts the figures settle back. */
  static void assertNoLeak(String what, int cycles, Cycle cycle) throws Exception {
    cycle.run();
    ProcessResources before = ProcessResources.now();
    Map<String, Integer> inventory = ProcessResources.inventory();
    for (int i = 0; i < cycles; i++) {
      cycle.run();
    }
    ProcessResources right = ProcessResources.now();
    Map<String, Integer> rightGrowth =
        ProcessResources.growth(inventory, ProcessResources.inventory());
    ProcessResources after = ProcessResources.awaitSettled(before, MARGIN, SETTLE);
    System.out.printf(
        "leak check, %d x %s:%n  before: %s%n  right after the last close: %s %s%n  settled: %s%n",
        cycles, what, before, right, rightGrowth, after);
    assertThat(after.within(before, MARGIN))
        .as(
            "after %d x %s the process holds %s, started with %s (margin %s); grown: %s",
            cycles,
            what,
            after,
            before,
            MARGIN,
            ProcessResources.growth(inventory, ProcessResources.inventory()))
        .isTrue();
  }
}
