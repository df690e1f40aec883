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
package io.dra4j.testkit.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.runtime.internal.kube.ApiClients;
import io.dra4j.testkit.allocator.ApiModels;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The cluster's one way to the API server: HTTP with JSON objects, as the real controllers talk to
 * it. Reads, lists, creates, updates (status included) with optimistic concurrency, and deletes;
 * paths come from {@link ApiPaths}. {@link #close()} releases its connections and threads.
 */
final class ApiRest implements AutoCloseable {
  private static final int MAX_CONFLICT_RETRIES = 10;

  /** A non-2xx answer. */
  static final class ApiCallException extends IllegalStateException {
    private final int code;

    ApiCallException(String what, int code, String body) {
      super(what + " failed with HTTP " + code + ": " + message(body));
      this.code = code;
    }

    int code() {
      return code;
    }

    private static String message(String body) {
      try {
        JsonObject status = JsonParser.parseString(body).getAsJsonObject();
        return status.has("message") ? status.get("message").getAsString() : body;
      } catch (RuntimeException e) {
        return body;
      }
    }
  }

  private final String base;
  private static final MediaType JSON = MediaType.get("application/json");

  /** A status code and a body. */
  private record Answer(int code, String body) {}

  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(5))
          .callTimeout(Duration.ofSeconds(30))
          .build();

  ApiRest(String baseUrl) {
    this.base = baseUrl;
  }

  Optional<JsonObject> get(String path) {
    Answer r = send(request(path).get(), "GET " + path);
    if (r.code() == 404) {
      return Optional.empty();
    }
    return Optional.of(check(r, "GET " + path));
  }

  /** The items of a collection, in the server's order (namespace, then name). */
  List<JsonObject> list(String collectionPath) {
    String what = "GET " + collectionPath;
    JsonObject list = check(send(request(collectionPath).get(), what), what);
    List<JsonObject> items = new ArrayList<>();
    if (list.has("items") && list.get("items").isJsonArray()) {
      for (JsonElement item : list.getAsJsonArray("items")) {
        items.add(item.getAsJsonObject());
      }
    }
    return items;
  }

  JsonObject create(String collectionPath, JsonObject body) {
    String what = "POST " + collectionPath;
    return check(send(request(collectionPath).post(json(body)), what), what);
  }

  JsonObject replace(String path, JsonObject body) {
    String what = "PUT " + path;
    return check(send(request(path).put(json(body)), what), what);
  }

  /**
   * Reads the object, applies {@code change} and writes it to {@code path + suffix}; retries on 409
   * Conflict like a controller would.
   */
  JsonObject update(String path, String suffix, UnaryOperator<JsonObject> change) {
    for (int attempt = 0; ; attempt++) {
      JsonObject current =
          get(path).orElseThrow(() -> new ApiCallException("GET " + path, 404, "not found"));
      try {
        return replace(path + suffix, change.apply(current));
      } catch (ApiCallException e) {
        if (e.code() != 409 || attempt >= MAX_CONFLICT_RETRIES) {
          throw e;
        }
      }
    }
  }

  /** Deletes; returns whether the object existed. */
  boolean delete(String path) {
    Answer r = send(request(path).delete(), "DELETE " + path);
    if (r.code() == 404) {
      return false;
    }
    check(r, "DELETE " + path);
    return true;
  }

  private Request.Builder request(String path) {
    return new Request.Builder().url(base + path).header("Accept", "application/json");
  }

  private static RequestBody json(JsonObject body) {
    return RequestBody.create(ApiModels.gson().toJson(body), JSON);
  }

  private Answer send(Request.Builder request, String what) {
    try (Response r = http.newCall(request.build()).execute()) {
      return new Answer(r.code(), r.body() == null ? "" : r.body().string());
    } catch (IOException e) {
      throw new IllegalStateException(what + " failed: " + e, e);
    }
  }

  private static JsonObject check(Answer r, String what) {
    if (r.code() / 100 != 2) {
      throw new ApiCallException(what, r.code(), r.body());
    }
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  /** Releases the connections and threads of the HTTP client. */
  @Override
  public void close() {
    ApiClients.release(http);
  }
}
