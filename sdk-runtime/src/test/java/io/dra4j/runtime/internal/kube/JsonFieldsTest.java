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
package io.dra4j.runtime.internal.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
  private static final JsonObject CLAIM =
      JsonParser.parseString(
              """
              {"metadata":{"name":"c","uid":"u-1","generation":3,"deleted":false,"nothing":null},
               "spec":"not an object",
               "status":{"reservedFor":[{"name":"p1"},"stray",{"name":"p2"}],
                         "allocation":{"devices":{"results":[]}}}}
              """)
          .getAsJsonObject();

  @Test
  void stringWalksThePathAndReadsAnyPrimitiveAsText() {
    assertThat(JsonFields.string(CLAIM, "metadata", "name")).isEqualTo("c");
    assertThat(JsonFields.string(CLAIM, "metadata", "generation")).isEqualTo("3");
    assertThat(JsonFields.string(CLAIM, "metadata", "deleted")).isEqualTo("false");
  }

  @Test
  void stringIsEmptyForMissingStepsNullsObjectsAndArrays() {
    assertThat(JsonFields.string(CLAIM, "metadata", "namespace")).isEmpty();
    assertThat(JsonFields.string(CLAIM, "metadata", "nothing")).isEmpty();
    assertThat(JsonFields.string(CLAIM, "spec", "driver")).as("through a string").isEmpty();
    assertThat(JsonFields.string(CLAIM, "nope", "deeper", "name")).isEmpty();
    assertThat(JsonFields.string(CLAIM, "metadata")).as("an object").isEmpty();
    assertThat(JsonFields.string(CLAIM, "status", "reservedFor")).as("an array").isEmpty();
  }

  @Test
  void numberReadsWholeNumbersAndIsZeroOtherwise() {
    assertThat(JsonFields.number(CLAIM, "metadata", "generation")).isEqualTo(3);
    assertThat(JsonFields.number(CLAIM, "metadata", "name")).as("a string").isZero();
    assertThat(JsonFields.number(CLAIM, "metadata", "nothing")).as("null").isZero();
    assertThat(JsonFields.number(CLAIM, "spec", "generation")).as("missing").isZero();
    assertThat(JsonFields.number(JsonParser.parseString("{\"g\":1.5}").getAsJsonObject(), "g"))
        .as("not whole")
        .isZero();
  }

  @Test
  void atTreatsJsonNullAsAbsentAndNoPathAsTheObjectItself() {
    assertThat(JsonFields.at(CLAIM, "metadata", "nothing")).isEmpty();
    assertThat(JsonFields.at(CLAIM, "metadata", "uid")).contains(new JsonPrimitive("u-1"));
    assertThat(JsonFields.at(CLAIM)).contains(CLAIM);
  }

  @Test
  void objectIsPresentOnlyForObjects() {
    assertThat(JsonFields.object(CLAIM, "status", "allocation", "devices")).isPresent();
    assertThat(JsonFields.object(CLAIM, "spec")).isEmpty();
    assertThat(JsonFields.object(CLAIM, "status", "missing")).isEmpty();
  }

  @Test
  void arrayIsEmptyWhenMissingOrNotAnArray() {
    assertThat(JsonFields.array(CLAIM, "status", "reservedFor")).hasSize(3);
    assertThat(JsonFields.array(CLAIM, "status", "allocation", "devices", "config")).isEmpty();
    assertThat(JsonFields.array(CLAIM, "metadata", "name")).isEmpty();
  }

  @Test
  void objectsKeepsOnlyTheObjectItemsInOrder() {
    assertThat(JsonFields.objects(CLAIM, "status", "reservedFor"))
        .extracting(o -> JsonFields.string(o, "name"))
        .containsExactly("p1", "p2");
    assertThat(JsonFields.objects(CLAIM, "status", "nothing")).isEmpty();
  }

  private static JsonObject typed() {
    JsonObject o = new JsonObject();
    o.addProperty("s", "text");
    o.addProperty("n", 42);
    o.addProperty("big", 3_000_000_000L);
    o.addProperty("frac", 1.5);
    o.addProperty("b", true);
    o.add("o", new JsonObject());
    o.add("a", new JsonArray());
    o.add("null", JsonNull.INSTANCE);
    return o;
  }

  @Test
  void typedReadersReturnTheValueOfTheRightType() {
    JsonObject o = typed();
    assertThat(JsonFields.optString(o, "s")).contains("text");
    assertThat(JsonFields.optInt(o, "n")).contains(42);
    assertThat(JsonFields.optBoolean(o, "b")).contains(true);
    assertThat(JsonFields.optObject(o, "o")).contains(new JsonObject());
    assertThat(JsonFields.optArray(o, "a")).contains(new JsonArray());
    assertThat(JsonFields.requireString(o, "s")).isEqualTo("text");
    assertThat(JsonFields.requireObject(o, "o")).isEqualTo(new JsonObject());
    assertThat(JsonFields.requireArray(o, "a")).isEmpty();
  }

  @Test
  void typedReadersAreEmptyForAbsentAndNullFields() {
    JsonObject o = typed();
    for (String field : new String[] {"missing", "null"}) {
      assertThat(JsonFields.optString(o, field)).as(field).isEmpty();
      assertThat(JsonFields.optInt(o, field)).as(field).isEmpty();
      assertThat(JsonFields.optBoolean(o, field)).as(field).isEmpty();
      assertThat(JsonFields.optObject(o, field)).as(field).isEmpty();
      assertThat(JsonFields.optArray(o, field)).as(field).isEmpty();
    }
  }

  @Test
  void aWrongTypeNamesTheFieldTheExpectedTypeAndWhatWasFound() {
    JsonObject o = typed();
    assertThatThrownBy(() -> JsonFields.optString(o, "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'n' must be a string, got the number 42");
    assertThatThrownBy(() -> JsonFields.optInt(o, "s"))
        .hasMessage("field 's' must be an integer, got the string \"text\"");
    assertThatThrownBy(() -> JsonFields.optBoolean(o, "s"))
        .hasMessage("field 's' must be true or false, got the string \"text\"");
    assertThatThrownBy(() -> JsonFields.optObject(o, "a"))
        .hasMessage("field 'a' must be an object, got an array");
    assertThatThrownBy(() -> JsonFields.optArray(o, "o"))
        .hasMessage("field 'o' must be an array, got an object");
    assertThatThrownBy(() -> JsonFields.requireString(o, "b"))
        .hasMessage("field 'b' must be a string, got the boolean true");
  }

  @Test
  void optIntRejectsFractionsAndNumbersOutOfIntRange() {
    JsonObject o = typed();
    assertThatThrownBy(() -> JsonFields.optInt(o, "frac"))
        .hasMessage("field 'frac' must be an integer, got the number 1.5");
    assertThatThrownBy(() -> JsonFields.optInt(o, "big"))
        .hasMessage("field 'big' must be an integer, got the number 3000000000");
  }

  @Test
  void requiredReadersNameTheMissingFieldAndItsType() {
    JsonObject o = typed();
    assertThatThrownBy(() -> JsonFields.requireString(o, "missing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'missing' is required; give it a string");
    assertThatThrownBy(() -> JsonFields.requireObject(o, "null"))
        .hasMessage("field 'null' is required; give it an object");
    assertThatThrownBy(() -> JsonFields.requireArray(o, "missing"))
        .hasMessage("field 'missing' is required; give it an array");
  }

  @Test
  void describeNamesTheJsonTypeAndCutsLongStrings() {
    assertThat(JsonFields.describe(JsonNull.INSTANCE)).isEqualTo("null");
    assertThat(JsonFields.describe(new JsonObject())).isEqualTo("an object");
    assertThat(JsonFields.describe(new JsonArray())).isEqualTo("an array");
    assertThat(JsonFields.describe(new JsonPrimitive(false))).isEqualTo("the boolean false");
    assertThat(JsonFields.describe(new JsonPrimitive(7))).isEqualTo("the number 7");
    assertThat(JsonFields.describe(new JsonPrimitive("x".repeat(70))))
        .isEqualTo("the string \"" + "x".repeat(64) + "...\"");
  }
}
