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

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link System.Logger} that logs through SLF4J, so that a provider's {@code
 * DriverContext.logger()} lines go where the runtime's go, in the same format and under the same
 * level. Messages with parameters use {@link MessageFormat} placeholders ({@code {0}}), as {@code
 * System.Logger} defines.
 */
public final class Slf4jSystemLogger implements System.Logger {
  private final Logger delegate;

  /** Logs through {@code delegate}. */
  public Slf4jSystemLogger(Logger delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** A logger through SLF4J's logger of that name. */
  public static System.Logger named(String name) {
    return new Slf4jSystemLogger(LoggerFactory.getLogger(name));
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  @Override
  public boolean isLoggable(Level level) {
    return level != Level.OFF && delegate.isEnabledForLevel(slf4j(level));
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
    if (isLoggable(level)) {
      delegate.atLevel(slf4j(level)).setCause(thrown).log(localized(bundle, message));
    }
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    if (isLoggable(level)) {
      String pattern = localized(bundle, format);
      String text =
          params == null || params.length == 0 ? pattern : MessageFormat.format(pattern, params);
      delegate.atLevel(slf4j(level)).log(text);
    }
  }

  /** The SLF4J level for a {@code System.Logger} level ({@code ALL} is TRACE). */
  static org.slf4j.event.Level slf4j(Level level) {
    return switch (level) {
      case ALL, TRACE -> org.slf4j.event.Level.TRACE;
      case DEBUG -> org.slf4j.event.Level.DEBUG;
      case INFO -> org.slf4j.event.Level.INFO;
      case WARNING -> org.slf4j.event.Level.WARN;
      case ERROR, OFF -> org.slf4j.event.Level.ERROR;
    };
  }

  private static String localized(ResourceBundle bundle, String message) {
    if (bundle == null || message == null) {
      return String.valueOf(message);
    }
    try {
      return bundle.getString(message);
    } catch (MissingResourceException e) {
      return message;
    }
  }
}
