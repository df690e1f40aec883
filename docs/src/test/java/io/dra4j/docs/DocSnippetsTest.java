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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code snippet in the guides is a region of a compiled, tested source file. A guide marks a
 * snippet with {@code <!-- snippet: path/to/File.java#name -->} followed by a fenced block; the
 * source marks the region with {@code // snippet:name} and {@code // end:name} (in the archetype's
 * Velocity templates {@code ## snippet:name} and {@code ## end:name}, comments that generation
 * drops). This test fails when a guide's block differs from the source, so the docs cannot rot.
 */
class DocSnippetsTest {

  private static final Pattern MARKER =
      Pattern.compile(
          "<!-- snippet: (\\S+)#(\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "cannot find the repository root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
    }
    return p;
  }

  static List<Path> guides(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
      s.filter(f -> f.toString().endsWith(".md")).forEach(out::add);
    }
    out.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.walk(root.resolve("drivers"), 2)) {
      s.filter(f -> f.getFileName().toString().equals("README.md")).forEach(out::add);
    }
    try (Stream<Path> s = Files.walk(root.resolve("examples"))) {
      s.filter(f -> f.getFileName().toString().equals("README.md")).forEach(out::add);
    }
    return out;
  }

  static String region(Path source, String name) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).trim();
      if (t.equals("// snippet:" + name) || t.equals("## snippet:" + name)) {
        start = i + 1;
      } else if ((t.equals("// end:" + name) || t.equals("## end:" + name)) && start >= 0) {
        end = i;
        break;
      }
    }
    if (start < 0 || end < 0) {
      throw new AssertionError(
          source + " has no region '// snippet:" + name + "' ... '// end:" + name + "'");
    }
    while (start < end && lines.get(start).isBlank()) {
      start++;
    }
    while (end > start && lines.get(end - 1).isBlank()) {
      end--;
    }
    List<String> region = lines.subList(start, end);
    int indent =
        region.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return region.stream()
        .map(l -> l.isBlank() ? "" : l.substring(indent))
        .collect(Collectors.joining("\n"));
  }

  /** Rewrites every snippet block of a guide from its source ({@code -Ddocs.fix=true}). */
  static String refresh(Path root, String text) throws IOException {
    Matcher m = MARKER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Path source = root.resolve(m.group(1));
      String body = Files.exists(source) ? region(source, m.group(2)) : m.group(3);
      String block = m.group(0);
      String replaced = block.substring(0, m.start(3) - m.start()) + body + "\n```";
      m.appendReplacement(out, Matcher.quoteReplacement(replaced));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Test
  void everyGuideSnippetMatchesItsCompiledSource() throws IOException {
    Path root = repoRoot();
    int checked = 0;
    List<String> problems = new ArrayList<>();
    boolean fix = Boolean.getBoolean("docs.fix");
    for (Path guide : guides(root)) {
      if (!Files.exists(guide)) {
        continue;
      }
      String text = Files.readString(guide);
      if (fix) {
        text = refresh(root, text);
        Files.writeString(guide, text);
      }
      int markers = text.split("<!-- snippet:", -1).length - 1;
      int blocks = (int) MARKER.matcher(text).results().count();
      if (markers != blocks) {
        problems.add(
            root.relativize(guide)
                + ": "
                + markers
                + " snippet markers but "
                + blocks
                + " checked blocks; put a fenced block with at least one line right after each"
                + " marker (an empty block is never checked)");
      }
      Matcher m = MARKER.matcher(text);
      while (m.find()) {
        Path source = root.resolve(m.group(1));
        if (!Files.exists(source)) {
          problems.add(
              root.relativize(guide) + ": snippet source " + m.group(1) + " does not exist");
          continue;
        }
        String expected = region(source, m.group(2));
        if (!expected.equals(m.group(3))) {
          problems.add(
              root.relativize(guide)
                  + ": snippet "
                  + m.group(1)
                  + "#"
                  + m.group(2)
                  + " differs from the source; copy the region between '// snippet:"
                  + m.group(2)
                  + "' and '// end:"
                  + m.group(2)
                  + "' into the guide:\n"
                  + expected);
        }
        checked++;
      }
    }
    assertThat(problems).as("stale snippets").isEmpty();
    assertThat(checked).as("snippets checked").isPositive();
  }
}
