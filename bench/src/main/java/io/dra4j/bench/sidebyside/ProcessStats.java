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
package io.dra4j.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Memory and CPU of another process, read from {@code /proc/<pid>/status} ({@code VmRSS}) and
 * {@code /proc/<pid>/stat} ({@code utime + stime}).
 */
public final class ProcessStats {
  private final long pid;
  private final long ticksPerSecond;

  public ProcessStats(long pid, long ticksPerSecond) {
    this.pid = pid;
    this.ticksPerSecond = ticksPerSecond;
  }

  /** The resident set size in KiB. */
  public long rssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/status: " + e, e);
    }
    throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
  }

  /** The number of open file descriptors, from {@code /proc/<pid>/fd}. */
  public long openFiles() {
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/" + pid + "/fd: " + e, e);
    }
  }

  /** User plus system CPU time used so far, in nanoseconds (clock-tick resolution). */
  long cpuNanos() {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/stat: " + e, e);
    }
    // The command name (field 2) may contain spaces; fields after it are separated by one space.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
    return ticks * TimeUnit.SECONDS.toNanos(1) / ticksPerSecond;
  }

  /** The kernel's clock ticks per second ({@code getconf CLK_TCK}), 100 when it cannot be read. */
  public static long clockTicksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the Linux default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
