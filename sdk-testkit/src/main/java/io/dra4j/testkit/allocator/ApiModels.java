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
package io.dra4j.testkit.allocator;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.ToNumberPolicy;
import io.dra4j.runtime.internal.kube.ApiJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts between the API server's JSON and the client-java models the allocator reads. Unlike
 * client-java's own deserializer it tolerates fields the models do not know, so objects from a
 * newer API server (or a newer manifest) still load. Numbers inside untyped values (the opaque
 * {@code parameters} of a config) keep their text, so {@code 1} stays {@code 1} and a large long
 * keeps every digit when a model is written back, as the API server copies them byte for byte.
 */
public final class ApiModels {
  private static final Gson GSON =
      ApiJson.tolerantGson()
          .newBuilder()
          .setObjectToNumberStrategy(ToNumberPolicy.LAZILY_PARSED_NUMBER)
          .create();
  private static final Gson WITH_NULLS = GSON.newBuilder().serializeNulls().create();

  private ApiModels() {}

  /** The model of one API object. */
  public static <T> T model(JsonObject json, Class<T> type) {
    return GSON.fromJson(json, type);
  }

  /** The models of API objects, in order. */
  public static <T> List<T> models(List<JsonObject> json, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (JsonObject o : json) {
      out.add(model(o, type));
    }
    return out;
  }

  /**
   * The JSON of a model without nulls, empty lists and empty maps (as the API would store it),
   * except inside opaque {@code parameters}, which are kept as written, nulls and empty objects
   * too.
   */
  public static JsonObject json(Object model) {
    return compact(WITH_NULLS.toJsonTree(model)).getAsJsonObject();
  }

  private static JsonElement compact(JsonElement e) {
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      List<String> drop = new ArrayList<>();
      for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
        if (entry.getKey().equals("parameters") && o.has("driver")) {
          continue; // an opaque config's payload: the driver's bytes, not the API's
        }
        JsonElement v = compact(entry.getValue());
        if (v.isJsonNull()
            || (v.isJsonArray() && v.getAsJsonArray().isEmpty())
            || (v.isJsonObject() && v.getAsJsonObject().isEmpty())) {
          drop.add(entry.getKey());
        }
      }
      drop.forEach(o::remove);
    } else if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(ApiModels::compact);
    }
    return e;
  }

  /** The Gson instance behind the conversions, with client-java's type adapters. */
  public static Gson gson() {
    return GSON;
  }
}
