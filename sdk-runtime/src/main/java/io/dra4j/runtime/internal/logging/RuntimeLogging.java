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
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Sets up the driver process's log output from {@code --log-level} and {@code --log-format}. Call
 * it before the first logger is made: it picks {@link LineLoggerProvider} when the class path has
 * no SLF4J provider of its own (so a driver run by hand or from the images logs without extra
 * jars), applies the level and format to it and routes java.util.logging to it; for a class path
 * that carries slf4j-simple instead, it sets that one's level.
 */
public final class RuntimeLogging {
  private static final String PROVIDER_PROPERTY = "slf4j.provider";
  private static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

  private RuntimeLogging() {}

  /**
   * Applies the level and format to the whole process; lines go to {@code stream}.
   *
   * @return whether the runtime's own provider writes the lines; when another provider is bound,
   *     that one's configuration decides the format
   */
  public static boolean configure(Level level, LogFormat format, PrintStream stream) {
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel", level.toString().toLowerCase(Locale.ROOT));
    if (System.getProperty(PROVIDER_PROPERTY) == null && !hasOtherProvider()) {
      System.setProperty(PROVIDER_PROPERTY, LineLoggerProvider.class.getName());
      if (System.getProperty(VERBOSITY_PROPERTY) == null) {
        // SLF4J announces an explicitly chosen provider at INFO; that line is noise here.
        System.setProperty(VERBOSITY_PROPERTY, "WARN");
      }
    }
    LogOutput.configure(level, format, stream);
    Logger log = LoggerFactory.getLogger(RuntimeLogging.class);
    boolean own = log instanceof LineLogger;
    if (own) {
      // Only for the own provider: with slf4j-jdk14 bound, the bridge would loop.
      JulBridge.install(level);
    } else if (format == LogFormat.JSON) {
      log.warn(
          "--log-format json applies to the runtime's own log output, but the class path has"
              + " another SLF4J provider ({}): configure JSON output in that provider, or remove it"
              + " from the class path",
          LoggerFactory.getILoggerFactory().getClass().getName());
    }
    return own;
  }

  private static boolean hasOtherProvider() {
    try {
      return ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader())
          .stream()
          .anyMatch(p -> p.type() != LineLoggerProvider.class);
    } catch (ServiceConfigurationError e) {
      return true; // a broken registration: SLF4J reports it when it loads the providers
    }
  }
}
