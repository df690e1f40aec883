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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes everything a test node left on the machine, by process id and by path, never by name: the
 * processes in its cgroup tree (containers, sandboxes) and every process whose command line names
 * its directory (containerd, shims, kubelet), then its mounts, its bridge and its cgroups, and its
 * directory.
 */
final class NodeTeardown {
  private static final Logger LOG = LoggerFactory.getLogger(NodeTeardown.class);
  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

  private NodeTeardown() {}

  static void run(NodeLayout layout) {
    for (String controller : HostSupport.CONTROLLERS) {
      for (Path cgroup : cgroups(controller, layout)) {
        for (long pid : pids(cgroup.resolve("cgroup.procs"))) {
          kill(pid);
        }
      }
    }
    String marker = layout.root().toString();
    for (long pid : processesNaming(marker)) {
      kill(pid);
    }
    unmountBelow(layout.root());
    command("ip", "link", "delete", layout.bridge());
    for (String controller : HostSupport.CONTROLLERS) {
      List<Path> trees = cgroups(controller, layout);
      trees.sort(Comparator.comparingInt(Path::getNameCount).reversed());
      for (Path cgroup : trees) {
        try {
          Files.deleteIfExists(cgroup);
        } catch (IOException e) {
          LOG.warn("cannot remove cgroup {}: {}", cgroup, e.toString());
        }
      }
    }
    command("rm", "-rf", "--one-file-system", layout.root().toString());
    LOG.info("Node {} torn down", layout.id());
  }

  /** The node's cgroup and every cgroup below it in one v1 hierarchy. */
  static List<Path> cgroups(String controller, NodeLayout layout) {
    Path top = CGROUPS.resolve(controller).resolve(layout.cgroupName());
    if (!Files.isDirectory(top)) {
      return new ArrayList<>();
    }
    try (Stream<Path> dirs = Files.walk(top)) {
      return new ArrayList<>(dirs.filter(Files::isDirectory).toList());
    } catch (IOException e) {
      return new ArrayList<>(List.of(top));
    }
  }

  private static List<Long> pids(Path procs) {
    try {
      return Files.readAllLines(procs).stream()
          .filter(l -> !l.isBlank())
          .map(l -> Long.parseLong(l.strip()))
          .toList();
    } catch (IOException | NumberFormatException e) {
      return List.of();
    }
  }

  private static List<Long> processesNaming(String marker) {
    long self = ProcessHandle.current().pid();
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
          continue;
        }
        try {
          String cmdline =
              new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains(marker)) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException e) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list /proc: {}", e.toString());
    }
    return found;
  }

  private static void kill(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  private static void unmountBelow(Path root) {
    List<String> points = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] fields = line.split(" ");
        if (fields.length > 4 && fields[4].startsWith(root.toString())) {
          points.add(fields[4].replace("\\040", " "));
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot read /proc/self/mountinfo: {}", e.toString());
    }
    for (int i = points.size() - 1; i >= 0; i--) {
      command("umount", "-l", points.get(i));
    }
  }

  /** Runs a command, logging (not failing on) a non-zero exit. */
  static boolean command(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      if (p.exitValue() != 0) {
        LOG.debug("{} exited with {}: {}", String.join(" ", command), p.exitValue(), out);
        return false;
      }
      return true;
    } catch (IOException e) {
      LOG.warn("cannot run {}: {}", command[0], e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
