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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code blocks of one Markdown guide, read line by line: which blocks carry a snippet marker,
 * and what is wrong with the guide's fences. A snippet block is a marker line {@code <!-- snippet:
 * path/to/File.java#name -->} followed (blank lines allowed) by a fenced block that opens with
 * {@code ```lang} and closes with a bare {@code ```}.
 */
final class SnippetGuide {
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");
  private static final String FENCE = "```";

  /**
   * One snippet block.
   *
   * @param markerLine the 1-based line of the marker
   * @param source the source path, relative to the repository root
   * @param region the region name in that source
   * @param openLine the 1-based line of the opening fence
   * @param closeLine the 1-based line of the closing fence
   * @param body the lines between the fences
   */
  record Block(
      int markerLine, String source, String region, int openLine, int closeLine, String body) {

    /** {@code path#name}, as the marker writes it. */
    String id() {
      return source + "#" + region;
    }
  }

  private final List<String> lines;
  private final List<Block> blocks;
  private final List<String> problems;

  private SnippetGuide(List<String> lines, List<Block> blocks, List<String> problems) {
    this.lines = lines;
    this.blocks = List.copyOf(blocks);
    this.problems = List.copyOf(problems);
  }

  /** Reads a guide's text. */
  static SnippetGuide parse(String text) {
    List<String> lines = List.of(text.split("\n", -1));
    List<Block> blocks = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Optional<Matcher> marker = Optional.empty();
    int markerLine = 0;
    int openLine = 0;
    boolean inside = false;
    for (int i = 0; i < lines.size(); i++) {
      int n = i + 1;
      String line = lines.get(i).strip();
      if (inside) {
        if (line.equals(FENCE)) {
          inside = false;
          if (marker.isPresent()) {
            Matcher m = marker.get();
            String body = String.join("\n", lines.subList(openLine, i));
            blocks.add(new Block(markerLine, m.group(1), m.group(2), openLine, n, body));
            marker = Optional.empty();
          }
        } else if (line.startsWith(FENCE)) {
          problems.add(
              "line "
                  + n
                  + ": fence '"
                  + line
                  + "' inside the code block opened at line "
                  + openLine
                  + ": a closing fence is a bare ``` without a language; close that block first");
        }
        continue;
      }
      if (line.startsWith("<!--") && line.contains("snippet:")) {
        Matcher m = MARKER.matcher(line);
        if (!m.matches()) {
          problems.add(
              "line "
                  + n
                  + ": malformed snippet marker '"
                  + line
                  + "': write <!-- snippet: path/to/File.java#region -->");
          continue;
        }
        if (marker.isPresent()) {
          problems.add(noBlockAfter(markerLine));
        }
        marker = Optional.of(m);
        markerLine = n;
        continue;
      }
      if (line.startsWith(FENCE)) {
        inside = true;
        openLine = n;
        continue;
      }
      if (!line.isEmpty() && marker.isPresent()) {
        problems.add(noBlockAfter(markerLine));
        marker = Optional.empty();
      }
    }
    if (inside) {
      problems.add(
          "line "
              + openLine
              + ": the code block opened here is never closed: add a line with a bare ``` after"
              + " its last line");
    } else if (marker.isPresent()) {
      problems.add(noBlockAfter(markerLine));
    }
    return new SnippetGuide(lines, blocks, problems);
  }

  private static String noBlockAfter(int markerLine) {
    return "line "
        + markerLine
        + ": snippet marker without a code block: put a fenced block (```java, then a bare ```)"
        + " right after the marker";
  }

  /** The snippet blocks, in the order of the guide. */
  List<Block> blocks() {
    return blocks;
  }

  /** What is wrong with the guide's markers and fences; empty when its structure is sound. */
  List<String> problems() {
    return problems;
  }

  /**
   * The guide with each snippet block's body replaced by {@code body.apply(block)} where that is
   * present. Only the lines between a block's fences change, so no other text can be lost.
   *
   * @throws IllegalStateException when the guide has structural problems
   */
  String withBodies(Function<Block, Optional<String>> body) {
    if (!problems.isEmpty()) {
      throw new IllegalStateException("cannot rewrite a guide with problems: " + problems);
    }
    List<String> out = new ArrayList<>();
    int next = 0;
    for (Block b : blocks) {
      Optional<String> replacement = body.apply(b);
      if (replacement.isEmpty()) {
        continue;
      }
      out.addAll(lines.subList(next, b.openLine()));
      out.addAll(List.of(replacement.get().split("\n", -1)));
      next = b.closeLine() - 1;
    }
    out.addAll(lines.subList(next, lines.size()));
    return String.join("\n", out);
  }
}
