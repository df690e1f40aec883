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
package io.dra4j.bench.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One scenario's result: a titled Markdown table plus notes, printed as the scenario ends. */
final class Table {
  private final String title;
  private final List<String> columns;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Table(String title, String... columns) {
    this.title = title;
    this.columns = List.of(columns);
  }

  Table row(Object... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(
          title + ": a row of " + cells.length + " cells for " + columns.size() + " columns");
    }
    rows.add(Arrays.stream(cells).map(String::valueOf).toList());
    return this;
  }

  Table note(String note) {
    notes.add(note);
    return this;
  }

  String markdown() {
    StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n");
    line(sb, columns);
    line(sb, columns.stream().map(c -> "---").toList());
    rows.forEach(r -> line(sb, r));
    notes.forEach(n -> sb.append("\n").append(n).append("\n"));
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells) {
    sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
