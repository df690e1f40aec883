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
package io.dra4j.testkit.apiserver;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/** Field and label selectors: equality ({@code =}, {@code ==}, {@code !=}) and existence. */
final class Selectors {
  private Selectors() {}

  static Predicate<JsonObject> fields(String selector) {
    return matching(selector, "field", Selectors::fieldValue);
  }

  static Predicate<JsonObject> labels(String selector) {
    return matching(selector, "label", Selectors::labelValue);
  }

  private static Predicate<JsonObject> matching(
      String selector, String what, BiFunction<JsonObject, String, String> valueOf) {
    Predicate<JsonObject> p = o -> true;
    for (String term : terms(selector)) {
      Term t = Term.parse(term, what);
      p = p.and(o -> t.matches(valueOf.apply(o, t.key)));
    }
    return p;
  }

  private static List<String> terms(String selector) {
    List<String> out = new ArrayList<>();
    if (selector == null || selector.isBlank()) {
      return out;
    }
    for (String t : selector.split(",")) {
      if (!t.isBlank()) {
        out.add(t.trim());
      }
    }
    return out;
  }

  private static String fieldValue(JsonObject o, String path) {
    return JsonFields.string(o, path.split("\\."));
  }

  private static String labelValue(JsonObject o, String key) {
    JsonObject meta = o.getAsJsonObject("metadata");
    if (meta == null || !meta.has("labels")) {
      return null;
    }
    JsonElement v = meta.getAsJsonObject("labels").get(key);
    return v == null ? null : v.getAsString();
  }

  private record Term(String key, String op, String value) {
    static Term parse(String term, String what) {
      int ne = term.indexOf("!=");
      if (ne > 0) {
        return new Term(term.substring(0, ne).trim(), "!=", term.substring(ne + 2).trim());
      }
      int eq2 = term.indexOf("==");
      if (eq2 > 0) {
        return new Term(term.substring(0, eq2).trim(), "=", term.substring(eq2 + 2).trim());
      }
      int eq = term.indexOf('=');
      if (eq > 0) {
        return new Term(term.substring(0, eq).trim(), "=", term.substring(eq + 1).trim());
      }
      if (term.startsWith("!")) {
        return new Term(term.substring(1).trim(), "!exists", "");
      }
      if (term.matches("[A-Za-z0-9._/-]+")) {
        return new Term(term, "exists", "");
      }
      throw ApiError.badRequest(
          "unable to parse " + what + " selector term '" + term + "': use key=value or key!=value");
    }

    boolean matches(String actual) {
      switch (op) {
        case "=":
          return value.equals(actual == null ? "" : actual) && actual != null;
        case "!=":
          return !value.equals(actual);
        case "exists":
          return actual != null;
        default:
          return actual == null;
      }
    }
  }
}
