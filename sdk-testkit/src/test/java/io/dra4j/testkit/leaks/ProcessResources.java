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
package io.dra4j.testkit.leaks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What this JVM holds open, read from {@code /proc}: live threads, file descriptors and ESTABLISHED
 * loopback TCP connections whose socket is one of this process's descriptors (so that other
 * processes on the machine do not count).
 *
 * @param threads live threads
 * @param fds entries of {@code /proc/self/fd}
 * @param connections ESTABLISHED TCP connections on 127.0.0.0/8 or ::1 owned by this process
 */
record ProcessResources(int threads, int fds, int connections) {
  private static final String ESTABLISHED = "01";

  /** The figures now. */
  static ProcessResources now() {
    Set<String> sockets = new HashSet<>();
    int fds = 0;
    try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : entries.toList()) {
        fds++;
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            sockets.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException gone) {
          // closed meanwhile (or the directory stream's own descriptor)
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list /proc/self/fd", e);
    }
    int connections =
        loopbackEstablished(Path.of("/proc/net/tcp"), sockets)
            + loopbackEstablished(Path.of("/proc/net/tcp6"), sockets);
    return new ProcessResources(
        ManagementFactory.getThreadMXBean().getThreadCount(), fds, connections);
  }

  private static int loopbackEstablished(Path table, Set<String> sockets) {
    if (!Files.exists(table)) {
      return 0;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(table);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + table, e);
    }
    int n = 0;
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length > 9
          && f[3].equals(ESTABLISHED)
          && isLoopback(f[1])
          && isLoopback(f[2])
          && sockets.contains(f[9])) {
        n++;
      }
    }
    return n;
  }

  /** An address column, {@code hex-ip:hex-port}; IPv4 in host byte order (little endian). */
  static boolean isLoopback(String address) {
    String ip = address.substring(0, address.indexOf(':'));
    if (ip.length() == 8) {
      return ip.endsWith("7F");
    }
    // ::1, or ::ffff:127.x.y.z (IPv4-mapped), each 32-bit word little endian.
    return ip.equals("00000000000000000000000001000000")
        || (ip.startsWith("0000000000000000FFFF0000") && ip.endsWith("7F"));
  }

  /**
   * Polls until no figure exceeds {@code baseline} by more than its margin, or the timeout passes;
   * returns the last figures.
   */
  static ProcessResources awaitSettled(
      ProcessResources baseline, ProcessResources margin, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ProcessResources last = now();
    while (!last.within(baseline, margin) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = now();
    }
    return last;
  }

  /** Whether no figure exceeds the baseline's by more than the margin's. */
  boolean within(ProcessResources baseline, ProcessResources margin) {
    return threads <= baseline.threads + margin.threads
        && fds <= baseline.fds + margin.fds
        && connections <= baseline.connections + margin.connections;
  }

  /**
   * What the process holds, by kind: thread names with digits replaced by {@code #}, and descriptor
   * targets ({@code socket}, {@code pipe}, {@code anon_inode:[eventpoll]}, or the file's
   * directory).
   */
  static Map<String, Integer> inventory() {
    Map<String, Integer> out = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      out.merge("thread " + t.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
    }
    try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : entries.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          String kind =
              target.startsWith("/")
                  ? String.valueOf(Path.of(target).getParent())
                  : target.replaceAll("\\[\\d+]$", "");
          out.merge("fd " + kind, 1, Integer::sum);
        } catch (IOException gone) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list /proc/self/fd", e);
    }
    return out;
  }

  /** The entries of {@code now} that grew since {@code then}, with their growth. */
  static Map<String, Integer> growth(Map<String, Integer> then, Map<String, Integer> now) {
    Map<String, Integer> out = new TreeMap<>();
    now.forEach(
        (k, v) -> {
          int d = v - then.getOrDefault(k, 0);
          if (d > 0) {
            out.put(k, d);
          }
        });
    return out;
  }

  @Override
  public String toString() {
    return "threads=" + threads + " fds=" + fds + " loopback-connections=" + connections;
  }
}
