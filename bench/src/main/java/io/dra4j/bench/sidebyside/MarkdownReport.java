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

import java.util.List;
import java.util.Optional;

/**
 * Renders the side-by-side table: one column per driver, the Go helper first, and after every dra4j
 * column its ratio to Go and whether the target is met. The notes say how it was measured.
 */
final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * The Markdown text.
   *
   * @param go the Go helper's result
   * @param dra4j the dra4j results, one column pair each
   * @param context lines describing the machine and the run, printed above the table
   */
  static String render(DriverResult go, List<DriverResult> dra4j, List<String> context) {
    StringBuilder out = new StringBuilder();
    out.append("# dra4j and the Go kubeletplugin helper, side by side\n\n");
    for (String line : context) {
      out.append(line).append('\n');
    }
    out.append('\n');
    out.append("| measurement | ").append(go.label());
    for (DriverResult d : dra4j) {
      out.append(" | ").append(d.label()).append(" | ").append(d.label()).append(" / Go");
    }
    out.append(" | target (dra4j / Go) |\n|---|---:");
    out.append("|---:|---:".repeat(dra4j.size())).append("|---|\n");
    for (Metric m : Metric.all()) {
      out.append("| ").append(m.name()).append(" | ").append(m.print(go));
      for (DriverResult d : dra4j) {
        out.append(" | ").append(m.print(d)).append(" | ").append(ratioCell(m, d, go));
      }
      out.append(" | ").append(m.target().map(Object::toString).orElse("–")).append(" |\n");
    }
    return out.toString();
  }

  /** The ratio with two decimals, followed by ✓ or ✗ when the row has a target. */
  static String ratioCell(Metric m, DriverResult d, DriverResult go) {
    Optional<Double> ratio = m.ratio(d, go);
    if (ratio.isEmpty()) {
      return m.value().applyAsDouble(d) == 0 ? "=" : "–";
    }
    String text = Metric.format(ratio.get(), 2);
    return m.target().map(t -> text + (t.met(ratio.get()) ? " ✓" : " ✗")).orElse(text);
  }
}
