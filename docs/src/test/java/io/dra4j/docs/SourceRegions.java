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
package io.dra4j.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the regions that guides copy from compiled sources: the lines between {@code //
 * snippet:name} and {@code // end:name} ({@code ## snippet:name} and {@code ## end:name} in the
 * archetype's Velocity templates), without blank lines at the edges and dedented.
 */
final class SourceRegions {

  /** What a lookup found: the region's text, or a problem that names the fix. */
  sealed interface Lookup {
    /** The region's text. */
    record Found(String text) implements Lookup {}

    /** Why there is no region. */
    record Missing(String problem) implements Lookup {}
  }

  private final Path root;

  SourceRegions(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The region {@code name} of {@code source}, a path relative to the repository root. */
  Lookup find(String source, String name) {
    Path file = root.resolve(source).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return new Lookup.Missing(
          "snippet source "
              + source
              + " does not exist: the path is relative to the repository root, like"
              + " examples/src/main/java/io/dra4j/examples/minimal/MinimalDriver.java");
    }
    try {
      return region(source, Files.readAllLines(file), name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The region {@code name} of a source's lines; {@code source} only names it in problems. */
  static Lookup region(String source, List<String> lines, String name) {
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size() && end < 0; i++) {
      String t = lines.get(i).trim();
      if (start < 0 && (t.equals("// snippet:" + name) || t.equals("## snippet:" + name))) {
        start = i + 1;
      } else if (start >= 0 && (t.equals("// end:" + name) || t.equals("## end:" + name))) {
        end = i;
      }
    }
    if (start < 0) {
      return new Lookup.Missing(
          source
              + " has no region '"
              + name
              + "' (regions there: "
              + names(lines)
              + "): mark it with '// snippet:"
              + name
              + "' and '// end:"
              + name
              + "' or fix the name in the marker");
    }
    if (end < 0) {
      return new Lookup.Missing(
          source
              + " opens region '"
              + name
              + "' at line "
              + start
              + " but never closes it: add '// end:"
              + name
              + "' after its last line");
    }
    while (start < end && lines.get(start).isBlank()) {
      start++;
    }
    while (end > start && lines.get(end - 1).isBlank()) {
      end--;
    }
    if (start == end) {
      return new Lookup.Missing(
          source + " region '" + name + "' is empty: put the code between its markers");
    }
    List<String> region = lines.subList(start, end);
    int indent =
        region.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return new Lookup.Found(
        region.stream()
            .map(l -> l.isBlank() ? "" : l.substring(indent))
            .collect(Collectors.joining("\n")));
  }

  private static String names(List<String> lines) {
    List<String> names = new ArrayList<>();
    for (String l : lines) {
      String t = l.trim();
      if (t.startsWith("// snippet:") || t.startsWith("## snippet:")) {
        names.add(t.substring("// snippet:".length()));
      }
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
