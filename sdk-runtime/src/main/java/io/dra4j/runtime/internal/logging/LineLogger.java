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

import java.util.Optional;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that writes through {@link LogOutput}. */
final class LineLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  LineLogger(String name) {
    this.name = name;
  }

  @Override
  public boolean isTraceEnabled() {
    return LogOutput.enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return LogOutput.enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return LogOutput.enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return LogOutput.enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return LogOutput.enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable thrown) {
    LogOutput.write(
        name,
        level,
        MessageFormatter.basicArrayFormat(pattern, arguments),
        Optional.ofNullable(thrown));
  }
}
