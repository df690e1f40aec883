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
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict field validation, as kube-apiserver applies it for {@code fieldValidation=Strict} (what
 * {@code kubectl} sends): every field of the object must be declared for its kind ({@link
 * KnownFields}) and every value must have the declared JSON type. Errors name the field path, e.g.
 * {@code .spec.devices.requests[0].exactly.selectorz: field not declared in schema}.
 */
final class StrictFields {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  private final List<ApiError.Cause> causes = new ArrayList<>();

  private StrictFields() {}

  /** The undeclared fields and wrongly typed values of an object of {@code kind}, in order. */
  static List<ApiError.Cause> check(String kind, JsonObject object) {
    StrictFields s = new StrictFields();
    KnownFields.of(kind).ifPresent(schema -> s.value("", object, schema));
    return s.causes;
  }

  private void value(String path, JsonElement v, FieldSchema schema) {
    if (v.isJsonNull()) {
      return; // null reads as the zero value, as Go's decoder does
    }
    if (schema instanceof FieldSchema.Model m) {
      if (expect(path, v, v.isJsonObject(), "object")) {
        for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
          String field = path + "." + e.getKey();
          FieldSchema declared = m.fields().get(e.getKey());
          if (declared == null) {
            causes.add(
                new ApiError.Cause(
                    "FieldValueUnknown", field, field + ": field not declared in schema"));
          } else {
            value(field, e.getValue(), declared);
          }
        }
      }
    } else if (schema instanceof FieldSchema.ListOf l) {
      if (expect(path, v, v.isJsonArray(), "array")) {
        int i = 0;
        for (JsonElement item : v.getAsJsonArray()) {
          value(path + "[" + i++ + "]", item, l.item());
        }
      }
    } else if (schema instanceof FieldSchema.MapOf m) {
      if (expect(path, v, v.isJsonObject(), "object")) {
        for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
          value(path + "." + e.getKey(), e.getValue(), m.value());
        }
      }
    } else {
      scalar(path, v, (FieldSchema.Scalar) schema);
    }
  }

  private void scalar(String path, JsonElement v, FieldSchema.Scalar s) {
    JsonPrimitive p = v.isJsonPrimitive() ? v.getAsJsonPrimitive() : null;
    boolean string = p != null && p.isString();
    boolean number = p != null && p.isNumber();
    boolean integer = number && INTEGER.matcher(p.getAsString()).matches();
    boolean ok =
        switch (s) {
          case STRING -> string;
          case INTEGER -> integer;
          case NUMBER -> number;
          case BOOLEAN -> p != null && p.isBoolean();
          case QUANTITY -> string || number;
          case INT_OR_STRING -> string || integer;
          case ANY -> true;
        };
    expect(path, v, ok, s.description);
  }

  private boolean expect(String path, JsonElement v, boolean ok, String type) {
    if (!ok) {
      causes.add(
          new ApiError.Cause(
              "FieldValueTypeInvalid",
              path,
              path + ": expected " + type + ", got " + describe(v) + " " + v));
    }
    return ok;
  }

  private static String describe(JsonElement v) {
    if (v.isJsonObject()) {
      return "object";
    }
    if (v.isJsonArray()) {
      return "array";
    }
    JsonPrimitive p = v.getAsJsonPrimitive();
    return p.isString() ? "string" : p.isNumber() ? "number" : "boolean";
  }
}
