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
package io.dra4j.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class StrictJsonReaderTest {
  private static DecodingFailure fails(String json) {
    return catchThrowableOfType(DecodingFailure.class, () -> StrictJsonReader.parse(json));
  }

  @Test
  void readsTheSameTreeAsGson() {
    String json = "{\"a\":[1,\"x\",true,null,{\"b\":{}}],\"c\":-0.5e2}";
    assertThat(StrictJsonReader.parse(json)).isEqualTo(JsonParser.parseString(json));
  }

  @Test
  void numbersStayExact() {
    JsonElement e = StrictJsonReader.parse("[9007199254740993, 0.1, 1e400]");
    assertThat(e.getAsJsonArray().get(0).getAsBigDecimal())
        .isEqualTo(new BigDecimal("9007199254740993"));
    assertThat(e.getAsJsonArray().get(1).getAsBigDecimal()).isEqualTo(new BigDecimal("0.1"));
    assertThat(e.getAsJsonArray().get(2).getAsBigDecimal()).isEqualTo(new BigDecimal("1e400"));
  }

  @Test
  void aDuplicateKeyFailsAtItsPath() {
    DecodingFailure top = fails("{\"a\":1,\"a\":1}");
    assertThat(top.path()).isEqualTo("a");
    assertThat(top.getMessage()).isEqualTo("appears twice; give each field once");

    DecodingFailure nested = fails("{\"x\":{\"y\":[{},{\"z\":1,\"z\":2}]}}");
    assertThat(nested.path()).isEqualTo("x.y[1].z");
  }

  @Test
  void theSameKeyInSiblingObjectsIsFine() {
    assertThat(StrictJsonReader.parse("[{\"a\":1},{\"a\":2}]").getAsJsonArray()).hasSize(2);
  }

  @Test
  void lenientSyntaxIsRejected() {
    for (String bad :
        new String[] {
          "{'a':1}", "{a:1}", "[1,]", "{\"a\":1,}", "// c\n{}", "[NaN]", "\"x\" \"y\"", ""
        }) {
      DecodingFailure f = fails(bad);
      assertThat(f).as(bad).isNotNull();
      assertThat(f.getMessage()).as(bad).startsWith("the parameters are not valid JSON");
      assertThat(f.path()).as(bad).isEmpty();
    }
  }

  @Test
  void contentAfterTheValueIsRejected() {
    for (String bad : new String[] {"{} {}", "1 2", "{}x"}) {
      assertThat(fails(bad).getMessage()).as(bad).startsWith("the parameters are not valid JSON");
    }
  }

  @Test
  void truncatedJsonIsRejectedWithTheParserMessage() {
    DecodingFailure f = fails("{\"apiVersion\":");
    assertThat(f.getMessage()).startsWith("the parameters are not valid JSON: ");
    assertThat(f.getCause()).isNotNull();
  }
}
