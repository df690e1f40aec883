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

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends java.util.logging records (gRPC's, the JDK's) to SLF4J, so that they come out in the
 * driver's one format instead of the JDK's two-line console format.
 */
final class JulBridge extends Handler {
  private final SimpleFormatter messages = new SimpleFormatter();

  /**
   * Replaces the root logger's handlers with this bridge and lets through what {@code level}
   * allows.
   */
  static void install(Level level) {
    Logger root = LogManager.getLogManager().getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    root.addHandler(new JulBridge());
    root.setLevel(jul(level));
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null || !isLoggable(record)) {
      return;
    }
    String name = record.getLoggerName() == null ? "" : record.getLoggerName();
    LoggerFactory.getLogger(name)
        .atLevel(slf4j(record.getLevel()))
        .setCause(record.getThrown())
        .log(messages.formatMessage(record));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  /** The SLF4J level of a java.util.logging level: FINE and CONFIG are DEBUG, FINER is TRACE. */
  static Level slf4j(java.util.logging.Level level) {
    int v = level.intValue();
    if (v >= java.util.logging.Level.SEVERE.intValue()) {
      return Level.ERROR;
    } else if (v >= java.util.logging.Level.WARNING.intValue()) {
      return Level.WARN;
    } else if (v >= java.util.logging.Level.INFO.intValue()) {
      return Level.INFO;
    } else if (v >= java.util.logging.Level.FINE.intValue()) {
      return Level.DEBUG;
    }
    return Level.TRACE;
  }

  private static java.util.logging.Level jul(Level level) {
    return switch (level) {
      case ERROR -> java.util.logging.Level.SEVERE;
      case WARN -> java.util.logging.Level.WARNING;
      case INFO -> java.util.logging.Level.INFO;
      case DEBUG -> java.util.logging.Level.FINE;
      case TRACE -> java.util.logging.Level.ALL;
    };
  }
}
