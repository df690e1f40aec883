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
package io.dra4j.testkit.cel;

/**
 * A CEL selector that does not compile in the DRA environment, or does not return a bool. The
 * message names the expression and the compiler's complaint.
 */
public final class SelectorCompileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String expression;

  SelectorCompileException(String expression, String problem) {
    super("CEL selector " + quote(expression) + " does not compile: " + problem);
    this.expression = expression;
  }

  /** The expression that failed. */
  public String expression() {
    return expression;
  }

  static String quote(String expression) {
    String oneLine = expression.replaceAll("\\s+", " ").trim();
    return "\"" + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine) + "\"";
  }
}
