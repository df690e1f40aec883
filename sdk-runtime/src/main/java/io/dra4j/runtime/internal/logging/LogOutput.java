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

import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * Where the runtime's own SLF4J provider writes and what it lets through: one level, one format and
 * one stream for the whole process, changeable at any time (every logger reads them on each call,
 * so loggers made before {@code --log-level} was applied obey it too).
 */
final class LogOutput {
  private record Settings(Level level, LogFormat format, Optional<PrintStream> stream) {}

  private static final Settings DEFAULT =
      new Settings(Level.INFO, LogFormat.TEXT, Optional.empty());

  private static volatile Settings settings = DEFAULT;

  private LogOutput() {}

  /** Applies a level, a format and the stream to write to. */
  static void configure(Level level, LogFormat format, PrintStream stream) {
    settings =
        new Settings(
            Objects.requireNonNull(level, "level"),
            Objects.requireNonNull(format, "format"),
            Optional.of(stream));
  }

  /** Back to INFO, text, standard error. */
  static void reset() {
    settings = DEFAULT;
  }

  /** Whether lines of that level are written. */
  static boolean enabled(Level level) {
    return level.toInt() >= settings.level().toInt();
  }

  /** Renders and writes one line, if its level is enabled. */
  static void write(String logger, Level level, String message, Optional<Throwable> thrown) {
    Settings s = settings;
    if (level.toInt() < s.level().toInt()) {
      return;
    }
    String line =
        s.format()
            .render(
                new LogEvent(
                    System.currentTimeMillis(),
                    level,
                    logger,
                    Thread.currentThread().getName(),
                    message,
                    thrown));
    PrintStream out = s.stream().orElse(System.err);
    out.println(line);
    out.flush();
  }
}
