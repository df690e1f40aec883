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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class RuntimeLoggingTest {
  /** Time, level padded to 5, logger, " - ", message. */
  static final String TEXT_LINE =
      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (ERROR|WARN |INFO |DEBUG|TRACE) \\S+ - .*";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final System.Logger driver = Slf4jSystemLogger.named("io.dra4j.driver.gpu.example.com");

  @AfterEach
  void restoreDefaults() throws IOException {
    LogOutput.reset();
    LogManager.getLogManager().readConfiguration();
  }

  private void configure(Level level, LogFormat format) {
    boolean own =
        RuntimeLogging.configure(level, format, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(own).as("the runtime's own provider is bound").isTrue();
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aWarningIsOneTextLineWithTimeLevelLoggerAndMessage() {
    configure(Level.INFO, LogFormat.TEXT);

    LoggerFactory.getLogger("io.dra4j.runtime.Example").warn("disk {} is slow", "sda");

    assertThat(lines())
        .singleElement()
        .asString()
        .matches(TEXT_LINE)
        .endsWith(" WARN  io.dra4j.runtime.Example - disk sda is slow");
  }

  @Test
  void theContextLoggerWritesTheSameLineUnderTheDriversName() {
    configure(Level.INFO, LogFormat.TEXT);

    driver.log(System.Logger.Level.WARNING, "node {0}: {1}", "node-1", "no devices");

    assertThat(lines())
        .singleElement()
        .asString()
        .matches(TEXT_LINE)
        .endsWith(" WARN  io.dra4j.driver.gpu.example.com - node node-1: no devices");
  }

  @Test
  void errorLevelSuppressesWarningsOfTheRuntimeAndOfTheContextLogger() {
    configure(Level.ERROR, LogFormat.TEXT);

    LoggerFactory.getLogger("io.dra4j.runtime.Example").warn("runtime warning");
    driver.log(System.Logger.Level.WARNING, "driver warning");
    driver.log(System.Logger.Level.ERROR, "driver error");

    assertThat(driver.isLoggable(System.Logger.Level.WARNING)).isFalse();
    assertThat(lines()).singleElement().asString().endsWith(" - driver error");
  }

  @Test
  void debugLevelLetsDebugLinesThroughToLoggersMadeBefore() {
    org.slf4j.Logger early = LoggerFactory.getLogger("io.dra4j.runtime.Early");
    configure(Level.DEBUG, LogFormat.TEXT);

    early.debug("details");

    assertThat(lines())
        .singleElement()
        .asString()
        .endsWith(" DEBUG io.dra4j.runtime.Early - details");
  }

  @Test
  void jsonPutsEachEventOnOneLineWithItsFields() {
    configure(Level.INFO, LogFormat.JSON);

    driver.log(System.Logger.Level.WARNING, "quote \" and\nnewline");

    assertThat(lines())
        .singleElement()
        .asString()
        .matches(
            "\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\","
                + "\"level\":\"WARN\",\"logger\":\"io.dra4j.driver.gpu.example.com\","
                + "\"thread\":\"[^\"]+\",\"message\":\"quote \\\\\" and\\\\nnewline\"\\}");
  }

  @Test
  void anExceptionFollowsTheTextLineAndIsOneJsonField() {
    configure(Level.INFO, LogFormat.TEXT);
    LoggerFactory.getLogger("x").error("failed", new IllegalStateException("boom"));
    assertThat(lines().get(0)).matches(TEXT_LINE).endsWith(" - failed");
    assertThat(lines().get(1)).isEqualTo("java.lang.IllegalStateException: boom");

    out.reset();
    configure(Level.INFO, LogFormat.JSON);
    LoggerFactory.getLogger("x").error("failed", new IllegalStateException("boom"));
    assertThat(lines())
        .singleElement()
        .asString()
        .contains("\"exception\":\"java.lang.IllegalStateException: boom\\n\\tat ");
  }

  @Test
  void javaUtilLoggingComesOutInTheSameFormatAndObeysTheLevel() {
    configure(Level.WARN, LogFormat.TEXT);
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.grpc.Example");

    jul.info("hidden");
    jul.log(java.util.logging.Level.WARNING, "channel {0} closed", "c1");

    assertThat(lines())
        .singleElement()
        .asString()
        .matches(TEXT_LINE)
        .endsWith(" WARN  io.grpc.Example - channel c1 closed");
  }

  @Test
  void systemLoggerLevelsMapToSlf4jLevels() {
    assertThat(Slf4jSystemLogger.slf4j(System.Logger.Level.ALL)).isEqualTo(Level.TRACE);
    assertThat(Slf4jSystemLogger.slf4j(System.Logger.Level.DEBUG)).isEqualTo(Level.DEBUG);
    assertThat(Slf4jSystemLogger.slf4j(System.Logger.Level.INFO)).isEqualTo(Level.INFO);
    assertThat(Slf4jSystemLogger.slf4j(System.Logger.Level.WARNING)).isEqualTo(Level.WARN);
    assertThat(Slf4jSystemLogger.slf4j(System.Logger.Level.ERROR)).isEqualTo(Level.ERROR);
    assertThat(driver.isLoggable(System.Logger.Level.OFF)).isFalse();
    assertThat(JulBridge.slf4j(java.util.logging.Level.SEVERE)).isEqualTo(Level.ERROR);
    assertThat(JulBridge.slf4j(java.util.logging.Level.CONFIG)).isEqualTo(Level.DEBUG);
    assertThat(JulBridge.slf4j(java.util.logging.Level.FINEST)).isEqualTo(Level.TRACE);
  }

  @Test
  void aMessageWithoutParametersIsNotTreatedAsAPattern() {
    configure(Level.INFO, LogFormat.TEXT);

    driver.log(System.Logger.Level.INFO, "braces {0} and '{}' stay");

    assertThat(lines()).singleElement().asString().endsWith(" - braces {0} and '{}' stay");
  }
}
