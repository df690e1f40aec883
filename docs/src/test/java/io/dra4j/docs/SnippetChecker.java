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

/**
 * Checks a guide against the sources its snippets come from, and refreshes its snippet blocks. A
 * guide fails when a fence or marker is broken, a snippet block is empty, its source or region does
 * not exist, or its text differs from the region.
 */
final class SnippetChecker {
  private final SourceRegions sources;

  SnippetChecker(SourceRegions sources) {
    this.sources = sources;
  }

  /** What is wrong with a guide, each problem prefixed by {@code name:}; empty when it is sound. */
  List<String> check(String name, String text) {
    SnippetGuide guide = SnippetGuide.parse(text);
    List<String> problems = new ArrayList<>();
    guide.problems().forEach(p -> problems.add(name + ": " + p));
    if (!problems.isEmpty()) {
      // The blocks of a guide with broken fences are not what the author meant; fix those first.
      return problems;
    }
    for (SnippetGuide.Block b : guide.blocks()) {
      String where = name + ": line " + b.markerLine() + ": snippet " + b.id();
      SourceRegions.Lookup lookup = sources.find(b.source(), b.region());
      if (lookup instanceof SourceRegions.Lookup.Missing missing) {
        problems.add(where + ": " + missing.problem());
      } else if (b.body().isBlank()) {
        problems.add(where + ": the code block is empty: " + fix());
      } else if (lookup instanceof SourceRegions.Lookup.Found found
          && !found.text().equals(b.body())) {
        problems.add(
            where
                + ": the code block differs from the source region: "
                + fix()
                + ", or copy the region between '// snippet:"
                + b.region()
                + "' and '// end:"
                + b.region()
                + "':\n"
                + found.text());
      }
    }
    return problems;
  }

  /** The number of snippet blocks in a guide. */
  static int count(String text) {
    return SnippetGuide.parse(text).blocks().size();
  }

  /**
   * The guide with every snippet block rewritten from its source region. A guide with broken fences
   * or markers, and a block whose region cannot be found, is left as it is ({@link #check} reports
   * why).
   */
  String refresh(String text) {
    SnippetGuide guide = SnippetGuide.parse(text);
    if (!guide.problems().isEmpty()) {
      return text;
    }
    return guide.withBodies(
        b ->
            sources.find(b.source(), b.region()) instanceof SourceRegions.Lookup.Found found
                ? Optional.of(found.text())
                : Optional.empty());
  }

  private static String fix() {
    return "run ./mvnw -pl docs -am verify -Ddocs.fix=true to copy it from the source";
  }
}
