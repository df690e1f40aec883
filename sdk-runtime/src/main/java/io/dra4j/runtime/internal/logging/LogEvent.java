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
package io.dra4j.runtime.internal.logging;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * One log line before it is rendered.
 *
 * @param epochMillis when it was logged
 * @param level its level
 * @param logger the logger's name, for a provider's context logger {@code io.dra4j.driver.<driver>}
 * @param thread the logging thread's name
 * @param message the formatted message
 * @param thrown the exception logged with it
 */
record LogEvent(
    long epochMillis,
    Level level,
    String logger,
    String thread,
    String message,
    Optional<Throwable> thrown) {

  /** Checks the components. */
  LogEvent {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(thrown, "thrown");
  }
}
