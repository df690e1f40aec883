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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerializeLockTest {
  @TempDir Path dir;

  @Test
  void aSecondInstanceWaitsUntilTheFirstReleasesTheLock() throws Exception {
    Path file = dir.resolve("serialize.lock");
    SerializeLock first = new SerializeLock(file);
    SerializeLock second = new SerializeLock(file);

    try (SerializeLock.Held held = first.acquire(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> second.acquire(Duration.ofMillis(50)))
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining("another driver instance");
    }

    try (SerializeLock.Held held = second.acquire(Duration.ofSeconds(5))) {
      assertThat(Files.exists(file)).isTrue();
    }
  }

  @Test
  void theLockIsReusableAfterRelease() throws Exception {
    SerializeLock lock = new SerializeLock(dir.resolve("serialize.lock"));

    lock.acquire(Duration.ofSeconds(1)).close();
    lock.acquire(Duration.ofSeconds(1)).close();
  }
}
