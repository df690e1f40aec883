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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code snippet in the guides is a region of a compiled, tested source file. A guide marks a
 * snippet with {@code <!-- snippet: path/to/File.java#name -->} followed by a fenced block; the
 * source marks the region with {@code // snippet:name} and {@code // end:name} (in the archetype's
 * Velocity templates {@code ## snippet:name} and {@code ## end:name}, comments that generation
 * drops). This test fails when a guide's fences or markers are broken or a block differs from its
 * source, so the docs cannot rot. With {@code -Ddocs.fix=true} it first rewrites the blocks from
 * their sources.
 */
class DocSnippetsTest {

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

  /** Every Markdown file under docs/, and every other one that has a snippet marker. */
  static List<Path> guides(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(f -> f.getFileName().toString().endsWith(".md"))
          .filter(f -> !skipped(root.relativize(f)))
          .filter(f -> f.startsWith(root.resolve("docs")) || hasMarker(f))
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      String p = part.toString();
      if (p.equals("target") || p.equals("node_modules") || p.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasMarker(Path file) {
    try {
      return Files.readString(file).contains("<!-- snippet:");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Test
  void everyGuideSnippetMatchesItsCompiledSource() throws IOException {
    Path root = repoRoot();
    SnippetChecker checker = new SnippetChecker(new SourceRegions(root));
    boolean fix = Boolean.getBoolean("docs.fix");
    List<Path> guides = guides(root);
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path guide : guides) {
      String text = Files.readString(guide);
      if (fix) {
        String refreshed = checker.refresh(text);
        if (!refreshed.equals(text)) {
          Files.writeString(guide, refreshed);
          text = refreshed;
        }
      }
      problems.addAll(checker.check(root.relativize(guide).toString(), text));
      checked += SnippetChecker.count(text);
    }
    assertThat(guides)
        .as("guides")
        .contains(root.resolve("docs/getting-started.md"), root.resolve("docs/spi.md"));
    assertThat(problems).as("guide problems").isEmpty();
    assertThat(checked).as("snippets checked").isPositive();
  }
}
