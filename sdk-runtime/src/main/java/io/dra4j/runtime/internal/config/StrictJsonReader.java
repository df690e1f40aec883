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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Parses strict JSON (RFC 8259) into a Gson tree and rejects duplicate keys, which Gson's tree
 * parser silently resolves to the last value. Numbers are kept exact as {@link BigDecimal}.
 */
final class StrictJsonReader {
  private StrictJsonReader() {}

  /**
   * Parses one JSON document.
   *
   * @throws DecodingFailure for malformed JSON, content after the value, or a key given twice (at
   *     that key's path)
   */
  static JsonElement parse(String text) {
    try {
      JsonReader r = new JsonReader(new StringReader(text));
      r.setStrictness(Strictness.STRICT);
      JsonElement root = read(r, "");
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new DecodingFailure(
            "", "the parameters are not valid JSON: content after the JSON value");
      }
      return root;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new DecodingFailure("", "the parameters are not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonElement read(JsonReader r, String path) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT:
        {
          JsonObject o = new JsonObject();
          r.beginObject();
          while (r.hasNext()) {
            String key = r.nextName();
            String p = DecodingFailure.join(path, key);
            if (o.has(key)) {
              throw new DecodingFailure(p, "appears twice; give each field once");
            }
            o.add(key, read(r, p));
          }
          r.endObject();
          return o;
        }
      case BEGIN_ARRAY:
        {
          JsonArray a = new JsonArray();
          r.beginArray();
          while (r.hasNext()) {
            a.add(read(r, path + "[" + a.size() + "]"));
          }
          r.endArray();
          return a;
        }
      case STRING:
        return new JsonPrimitive(r.nextString());
      case NUMBER:
        return new JsonPrimitive(new BigDecimal(r.nextString()));
      case BOOLEAN:
        return new JsonPrimitive(r.nextBoolean());
      case NULL:
        r.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new IllegalStateException("unexpected " + r.peek() + " at " + r.getPath());
    }
  }
}
