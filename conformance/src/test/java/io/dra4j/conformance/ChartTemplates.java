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
package io.dra4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the subset of Helm template syntax the drivers' RBAC templates use: {@code {{ include
 * "name" . }}} replaced by a given value, {@code {{- include "labels" . | nindent N }}} lines and
 * {@code {{- if/end }}} guards dropped. Anything else is refused, so a template that grows beyond
 * this subset fails loudly instead of being applied half-rendered.
 */
final class ChartTemplates {
  private static final Pattern INCLUDE = Pattern.compile("\\{\\{-? include \"([^\"]+)\" \\. -?}}");
  private static final Pattern DROPPED =
      Pattern.compile(
          "^\\s*\\{\\{-? (include \"[^\"]+\" \\. \\| nindent \\d+|if [^}]+|end) -?}}\\s*$");

  private ChartTemplates() {}

  static String render(String template, Map<String, String> includes) {
    List<String> out = new ArrayList<>();
    for (String line : template.split("\n", -1)) {
      if (DROPPED.matcher(line).matches()) {
        continue;
      }
      Matcher m = INCLUDE.matcher(line);
      StringBuilder rendered = new StringBuilder();
      while (m.find()) {
        String value = includes.get(m.group(1));
        if (value == null) {
          throw new IllegalArgumentException(
              "template includes \""
                  + m.group(1)
                  + "\", which has no value; give one of "
                  + includes.keySet());
        }
        m.appendReplacement(rendered, Matcher.quoteReplacement(value));
      }
      m.appendTail(rendered);
      if (rendered.indexOf("{{") >= 0) {
        throw new IllegalArgumentException(
            "template line uses Helm syntax this renderer does not support: " + line.strip());
      }
      out.add(rendered.toString());
    }
    // A "labels:" key whose only content was an include is left empty; drop it.
    return String.join("\n", out).replaceAll("(?m)^\\s*labels:\\s*$\\n", "");
  }
}
