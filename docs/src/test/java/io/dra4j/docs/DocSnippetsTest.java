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
 * source marks the region with {@code // snippet:name} and {@code // end:name}. This test fails
 * when a guide's block differs from the source, so the docs cannot rot.
 */
class DocSnippetsTest {

  private static final Pattern MARKER =
      Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
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
      if (t.equals("// snippet:" + name)) {
        start = i + 1;
      } else if (t.equals("// end:" + name) && start >= 0) {
        end = i;
        break;
      }
    }
    if (start < 0 || end < 0) {
      throw new AssertionError(source + " has no region '// snippet:" + name + "' ... '// end:" + name + "'");
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

  @Test
  void everyGuideSnippetMatchesItsCompiledSource() throws IOException {
    Path root = repoRoot();
    int checked = 0;
    List<String> problems = new ArrayList<>();
    for (Path guide : guides(root)) {
      if (!Files.exists(guide)) {
        continue;
      }
      Matcher m = MARKER.matcher(Files.readString(guide));
      while (m.find()) {
        Path source = root.resolve(m.group(1));
        if (!Files.exists(source)) {
          problems.add(root.relativize(guide) + ": snippet source " + m.group(1) + " does not exist");
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
