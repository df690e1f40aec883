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
package io.dra4j.conformance.node;

import io.dra4j.conformance.cluster.Logs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running process of a test node whose output is appended to one log file, kept across
 * restarts.
 */
final class Daemon {
  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;

  private Daemon(String name, List<String> command, Map<String, String> env, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.env = Map.copyOf(env);
    this.log = log;
  }

  /** Starts {@code command} with {@code env} added to this process's environment. */
  static Daemon start(String name, List<String> command, Map<String, String> env, Path log) {
    Daemon daemon = new Daemon(name, command, env, log);
    daemon.spawn();
    return daemon;
  }

  /** Starts the same command again (after {@link #kill} or {@link #stop}). */
  void restart() {
    stop();
    spawn();
  }

  private void spawn() {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new NodeException("cannot start " + name + " (" + command.get(0) + ")", e);
    }
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, as a crash would end it. */
  void kill() {
    process.destroyForcibly();
    waitFor(10);
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(10)) {
      kill();
    }
  }

  /** Fails with the end of the log when the process has exited. */
  void checkAlive(String during) {
    if (!process.isAlive()) {
      throw new NodeException(
          name + " exited with code " + process.exitValue() + " " + during + "; " + tail(40));
    }
  }

  String tail(int lines) {
    return Logs.tail(log, lines);
  }

  private boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
