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
package io.dra4j.api.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Reads sysfs attribute files and links without throwing. Every method answers "missing, unreadable
 * or malformed" with an empty value, so a driver publishes what it can read and logs or reports
 * what it could not. Resolve paths against {@link io.dra4j.api.HostPaths#sys()} so tests can point
 * them at a fixture tree, for example {@code
 * Sysfs.readLong(paths.sys().resolve("class/net/eth0/mtu"))}.
 */
public final class Sysfs {
  private Sysfs() {}

  /** The trimmed content of a file, empty when it is missing, unreadable or blank. */
  public static Optional<String> read(Path file) {
    try {
      String s = Files.readString(file).trim();
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * A number from a file, decimal or {@code 0x} hexadecimal, empty when missing or not a number.
   */
  public static OptionalLong readLong(Path file) {
    Optional<String> text = read(file);
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    String s = text.get();
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return OptionalLong.of(Long.parseLong(s.substring(2), 16));
      }
      return OptionalLong.of(Long.parseLong(s));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The last name element of a symbolic link's target ({@code efa} for a driver link). */
  public static Optional<String> linkTargetName(Path link) {
    try {
      Path target = Files.readSymbolicLink(link).getFileName();
      return Optional.ofNullable(target).map(Path::toString);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The real path with every link resolved, empty when the path does not exist. */
  public static Optional<Path> realPath(Path path) {
    try {
      return Optional.of(path.toRealPath());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The entries of a directory sorted by name, empty when it does not exist. */
  public static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }
}
