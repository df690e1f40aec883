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
package io.dra4j.images.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running driver process started by {@link DriverImageRun}: when its registration socket
 * appeared, its resident memory and user, and a SIGTERM stop. Closing it stops it.
 */
public final class DriverProcess implements AutoCloseable {
  private final Process process;
  private final long startNanos;
  private final ImageNode node;
  private final Path log;
  private volatile long socketNanos;

  private DriverProcess(Process process, long startNanos, ImageNode node, Path log) {
    this.process = process;
    this.startNanos = startNanos;
    this.node = node;
    this.log = log;
  }

  static DriverProcess start(ProcessBuilder pb, ImageNode node, Path log) throws IOException {
    long t0 = System.nanoTime();
    Process p = pb.start();
    return new DriverProcess(p, t0, node, log);
  }

  /** The process id (of the JVM itself: the isolation steps exec into it). */
  public long pid() {
    return process.pid();
  }

  /**
   * Waits until a registration socket ({@code *-reg.sock}) is in the node's plugin registry.
   *
   * @throws IllegalStateException when the process exits first or the time runs out; the message
   *     holds the end of the driver's output
   */
  public Path awaitRegistrationSocket(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Path> socket = registrationSocket();
      if (socket.isPresent()) {
        if (socketNanos == 0) {
          socketNanos = System.nanoTime();
        }
        return socket.get();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the driver exited with code "
                + process.exitValue()
                + " before its registration socket appeared; output:\n"
                + outputTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no registration socket in "
                + node.registrarDir()
                + " after "
                + timeout
                + "; output:\n"
                + outputTail());
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the driver", e);
      }
    }
  }

  /**
   * From process start to the registration socket, once {@link #awaitRegistrationSocket} saw it.
   */
  public Duration startToSocket() {
    if (socketNanos == 0) {
      throw new IllegalStateException("the registration socket has not been seen yet");
    }
    return Duration.ofNanos(socketNanos - startNanos);
  }

  /** The time since the process was started. */
  public Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** The resident set size in KiB ({@code VmRSS}), empty once the process is gone. */
  public OptionalLong rssKiB() {
    return status("VmRSS:")
        .map(v -> OptionalLong.of(Long.parseLong(v.split("\\s+")[0])))
        .orElse(OptionalLong.empty());
  }

  /** The real uid of the process, empty once it is gone. */
  public OptionalLong uid() {
    return status("Uid:")
        .map(v -> OptionalLong.of(Long.parseLong(v.split("\\s+")[0])))
        .orElse(OptionalLong.empty());
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the driver printed so far. */
  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  /**
   * Sends SIGTERM and waits for the exit.
   *
   * @return the exit code
   * @throws IllegalStateException when the process does not exit in time (it is then killed)
   */
  public int stop(Duration timeout) {
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            "the driver did not stop within " + timeout + " of SIGTERM; output:\n" + outputTail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    return process.exitValue();
  }

  /** Stops the process if it still runs (SIGTERM, then SIGKILL after 30 s). */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        stop(Duration.ofSeconds(30));
      } catch (IllegalStateException e) {
        // killed; the caller asked only for it to be gone
      }
    }
  }

  private Optional<Path> registrationSocket() {
    try (Stream<Path> s = Files.list(node.registrarDir())) {
      return s.filter(p -> p.getFileName().toString().endsWith("-reg.sock")).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Optional<String> status(String field) {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/" + pid() + "/status"));
      return lines.stream()
          .filter(l -> l.startsWith(field))
          .map(l -> l.substring(field.length()).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private String outputTail() {
    String out = output();
    return out.length() > 4000 ? out.substring(out.length() - 4000) : out;
  }
}
