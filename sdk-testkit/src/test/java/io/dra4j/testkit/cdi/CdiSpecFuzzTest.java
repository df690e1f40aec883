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
package io.dra4j.testkit.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of CDI spec reading: any file content parses or fails with an {@link
 * IllegalArgumentException} whose message says what is wrong, within a bounded time; a valid spec
 * with one value replaced by a value of any type never fails any other way.
 */
class CdiSpecFuzzTest {
  private static final Duration PER_TRY = Duration.ofSeconds(10);

  private static final String VALID =
      """
      {"cdiVersion": "1.1.0", "kind": "example.com/gpu",
       "annotations": {"example.com/a": "b"},
       "containerEdits": {"env": ["COMMON=1"], "additionalGids": [5]},
       "devices": [
         {"name": "claim1-gpu0",
          "containerEdits": {
            "env": ["GPU=0"],
            "deviceNodes": [{"path": "/dev/gpu0", "hostPath": "/host/dev/gpu0",
                             "permissions": "rw", "type": "c", "major": 195, "minor": 0,
                             "fileMode": 438, "uid": 0, "gid": 0}],
            "mounts": [{"hostPath": "/opt/lib", "containerPath": "/usr/lib/gpu",
                        "options": ["ro", "bind"], "type": "bind"}],
            "hooks": [{"hookName": "createContainer", "path": "/usr/bin/gpu-hook",
                       "args": ["gpu-hook", "x"], "env": ["A=1"], "timeout": 5}],
            "netDevices": [{"hostInterfaceName": "eth1", "name": "net1"}],
            "intelRdt": {"closID": "c1", "enableMonitoring": true}}},
         {"name": "claim1-gpu1", "containerEdits": {"deviceNodes": [{"path": "/dev/gpu1"}]}}]}
      """;

  @Property
  void anyTextParsesOrFailsWithAMessage(@ForAll("texts") String text) {
    assertTimeoutPreemptively(PER_TRY, () -> parseOrExplain(text));
  }

  @Property
  void aValidSpecWithOneValueReplacedParsesOrFailsWithAMessage(
      @ForAll("mutatedSpecs") String text) {
    assertTimeoutPreemptively(PER_TRY, () -> parseOrExplain(text));
  }

  @Property(tries = 1)
  void theUnchangedSpecParses() {
    assertThat(CdiSpecParser.parse(VALID).devices()).hasSize(2);
  }

  private static void parseOrExplain(String text) {
    try {
      CdiSpecParser.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotNull().hasSizeGreaterThan(10).isNotEqualTo("null");
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings().withChars("{}[]\":,- \n&*!|>?%@`'abc01").ofMaxLength(80),
        Arbitraries.of(
            "a: &x [*x, *x]",
            "!!java.lang.Object {}",
            "!!binary AAAA",
            "? [a]\n: b",
            "<<: {a: 1}",
            "cdiVersion: 0.3.0\ncdiVersion: 0.3.0",
            "{cdiVersion: !!int 1, kind: x/y}",
            "---\n---\n"),
        Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n)),
        Arbitraries.integers().between(1, 60).map(CdiSpecFuzzTest::laughs));
  }

  /** Aliases that double at every level: the classic memory bomb. */
  private static String laughs(int levels) {
    StringBuilder sb = new StringBuilder("a0: &a0 [\"lol\"]\n");
    for (int i = 1; i <= levels; i++) {
      sb.append("a")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [*a")
          .append(i - 1)
          .append(", *a")
          .append(i - 1)
          .append("]\n");
    }
    return sb.toString();
  }

  @Provide
  Arbitrary<String> mutatedSpecs() {
    Arbitrary<JsonElement> replacement =
        Arbitraries.oneOf(
            Arbitraries.of(
                    "null",
                    "true",
                    "0",
                    "-1",
                    "1.5",
                    "1e400",
                    "\"\"",
                    "\"x\"",
                    "\"0.3.0\"",
                    "\"v1.1.0\"",
                    "\"a/b\"",
                    "\"/\"",
                    "\"rw\"",
                    "\"prestart\"",
                    "\"A\"",
                    "\"=\"",
                    "[]",
                    "[1]",
                    "[\"x\"]",
                    "[null]",
                    "{}",
                    "{\"x\":1}",
                    "{\"name\":\"d\"}",
                    "99999999999999999999")
                .map(JsonParser::parseString),
            Arbitraries.strings()
                .all()
                .ofMaxLength(12)
                .map(
                    s -> {
                      JsonArray a = new JsonArray();
                      a.add(s);
                      return a.get(0);
                    }));
    return Combinators.combine(
            Arbitraries.integers().between(0, 10_000), replacement, Arbitraries.of(0, 1, 2))
        .as(CdiSpecFuzzTest::mutate);
  }

  /** Replaces, removes (0, 1, 2: replace, remove, add unknown) the value at one place. */
  private static String mutate(int at, JsonElement value, int how) {
    JsonElement root = JsonParser.parseString(VALID);
    List<Map.Entry<JsonElement, Object>> places = new ArrayList<>();
    collect(root, places);
    Map.Entry<JsonElement, Object> place = places.get(at % places.size());
    JsonElement parent = place.getKey();
    if (parent instanceof JsonObject o) {
      String key = (String) place.getValue();
      switch (how) {
        case 0 -> o.add(key, value);
        case 1 -> o.remove(key);
        default -> o.add("unknown" + at, value);
      }
    } else {
      JsonArray a = (JsonArray) parent;
      int i = (Integer) place.getValue();
      switch (how) {
        case 0 -> a.set(i, value);
        case 1 -> a.remove(i);
        default -> a.add(value);
      }
    }
    return root.toString();
  }

  private static void collect(JsonElement e, List<Map.Entry<JsonElement, Object>> places) {
    if (e instanceof JsonObject o) {
      for (String k : o.keySet()) {
        places.add(Map.entry(o, k));
        collect(o.get(k), places);
      }
    } else if (e instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        places.add(Map.entry(a, i));
        collect(a.get(i), places);
      }
    }
  }
}
