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
package io.dra4j.conformance.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of a {@link ControlPlane} (etcd, kube-apiserver, ...): started with its output
 * appended to {@code <name>.log} in the cluster's directory, waited for until healthy, stopped.
 *
 * @param name the component's name, also its log's
 * @param process the running process
 * @param log its log file, kept across restarts
 */
record ComponentProcess(String name, Process process, Path log) {
  private static final Logger LOG = LoggerFactory.getLogger(ComponentProcess.class);

  /** Starts {@code command} in {@code dir}; its output is appended to {@code <name>.log}. */
  static ComponentProcess spawn(Path dir, String name, List<String> command) {
    Path log = dir.resolve(name + ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new ComponentProcess(name, process, log);
    } catch (IOException e) {
      throw new ControlPlaneException("cannot start " + name + " (" + command.get(0) + ")", e);
    }
  }

  /**
   * Waits until {@code ready} holds.
   *
   * @throws ControlPlaneException with the log's tail when the process exits or the deadline passes
   */
  void await(Instant deadline, BooleanSupplier ready) {
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new ControlPlaneException(
            name + " exited with code " + exitCode() + " during start-up; " + Logs.tail(log, 30));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new ControlPlaneException(
            name + " did not become healthy before the start timeout; " + Logs.tail(log, 30));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ControlPlaneException("interrupted while starting " + name, e);
      }
    }
  }

  /** Terminates the process, and kills it when it has not stopped within 10 s. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        LOG.warn("{} did not stop within 10 s; killing it", name);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Its name, whether it runs (or its exit code) and the last 20 lines of its log. */
  String describe() {
    return name
        + (process.isAlive() ? " (running)" : " (exited " + exitCode() + ")")
        + ": "
        + Logs.tail(log, 20);
  }

  String exitCode() {
    return process.isAlive() ? "-" : Integer.toString(process.exitValue());
  }

  /** A TCP port no one listens on now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new ControlPlaneException("no free TCP port on this machine", e);
    }
  }
}
