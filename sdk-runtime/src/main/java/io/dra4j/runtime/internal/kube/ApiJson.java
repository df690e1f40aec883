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

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The JSON the API server validates. client-java's models start every list and map empty, so a
 * plain serialisation sends {@code "bools":[]}, {@code "nodeAllocatableResourceMappings":{}} and
 * similar on every object; {@link #toJson} removes empty collections and nulls, and the interceptor
 * here lifts the read timeout for watches.
 */
public final class ApiJson {
  private static final Gson TOLERANT =
      new GsonBuilder()
          .disableHtmlEscaping()
          .registerTypeAdapter(Quantity.class, new Quantity.QuantityAdapter())
          .registerTypeAdapter(OffsetDateTime.class, new JSON.OffsetDateTimeTypeAdapter())
          .registerTypeAdapter(IntOrString.class, new IntOrString.IntOrStringAdapter())
          .create();

  private ApiJson() {}

  /** Removes nulls, empty arrays and empty objects, recursively; returns the same element. */
  public static JsonElement compact(JsonElement e) {
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      List<String> drop = new ArrayList<>();
      for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
        JsonElement v = compact(entry.getValue());
        if (isEmpty(v)) {
          drop.add(entry.getKey());
        }
      }
      drop.forEach(o::remove);
    } else if (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      for (JsonElement item : a) {
        compact(item);
      }
    }
    return e;
  }

  private static boolean isEmpty(JsonElement v) {
    return v.isJsonNull()
        || (v.isJsonArray() && v.getAsJsonArray().isEmpty())
        || (v.isJsonObject() && v.getAsJsonObject().isEmpty());
  }

  /** A client-java model as the compact JSON the API server would receive. */
  public static JsonObject toJson(Object model) {
    return compact(TOLERANT.toJsonTree(model)).getAsJsonObject();
  }

  /**
   * A JSON object read as a client-java model, ignoring fields the model does not know
   * (client-java's own deserialiser rejects them, so an object from a newer API server would not
   * load).
   */
  public static <T> T fromJson(JsonElement json, Type type) {
    return TOLERANT.fromJson(json, type);
  }

  /**
   * A Gson with client-java's type adapters for quantities, times and int-or-string values that,
   * unlike client-java's own, reads models without rejecting unknown fields.
   */
  public static Gson tolerantGson() {
    return TOLERANT;
  }

  /**
   * The interceptor that gives watches no read timeout. Bodies need no rewriting here: the runtime
   * sends them as {@link #toJson} made them, compact.
   */
  static Interceptor interceptor() {
    return new WatchTimeout();
  }

  private static final class WatchTimeout implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      String watch = request.url().queryParameter("watch");
      if ("true".equals(watch) || "1".equals(watch)) {
        return chain.withReadTimeout(0, TimeUnit.MILLISECONDS).proceed(request);
      }
      return chain.proceed(request);
    }
  }
}
