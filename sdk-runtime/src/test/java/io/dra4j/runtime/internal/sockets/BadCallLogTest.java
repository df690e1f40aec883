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
package io.dra4j.runtime.internal.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.runtime.internal.logging.LogFormat;
import io.dra4j.runtime.internal.logging.RuntimeLogging;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class BadCallLogTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final AtomicLong now = new AtomicLong();
  private final BadCallLog log = new BadCallLog(3, Duration.ofMinutes(1), now::get);

  @BeforeEach
  void capture() {
    RuntimeLogging.configure(
        Level.INFO, LogFormat.TEXT, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    RuntimeLogging.configure(Level.INFO, LogFormat.TEXT, System.err);
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void theFirstCallsOfAWindowAreLoggedAndTheRestCountedOnTheNextLoggedLine() {
    for (int i = 0; i < 100; i++) {
      log.refused("v1.DRAPlugin/NodePrepareResources", "bad bytes " + i);
    }
    assertThat(lines()).hasSize(3);
    assertThat(lines().get(0))
        .contains("WARN", "refused v1.DRAPlugin/NodePrepareResources with INVALID_ARGUMENT")
        .contains("bad bytes 0")
        .doesNotContain("not logged");

    now.addAndGet(Duration.ofMinutes(1).toNanos());
    log.refused("v1.DRAPlugin/NodeUnprepareResources", "empty uid");

    assertThat(lines()).hasSize(4);
    assertThat(lines().get(3))
        .contains("NodeUnprepareResources", "empty uid", "97 more refused or failed calls");
  }

  @Test
  void aFailureIsLoggedWithItsStackTraceWhileAdmitted() {
    log.failed("m", "INTERNAL", new IllegalStateException("boom"));

    assertThat(lines().get(0)).contains("ERROR", "m failed with INTERNAL");
    assertThat(String.join("\n", lines())).contains("IllegalStateException: boom");
  }
}
