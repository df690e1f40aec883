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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The cluster's one way to the API server: HTTP with JSON objects, as the real controllers talk to
 * it. Reads, lists, creates, updates (status included) with optimistic concurrency, and deletes;
 * paths come from {@link ApiPaths}.
 */
final class ApiRest {
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
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiRest(String baseUrl) {
    this.base = baseUrl;
  }

  Optional<JsonObject> get(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET(), "GET " + path);
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(check(r, "GET " + path));
  }

  /** The items of a collection, in the server's order (namespace, then name). */
  List<JsonObject> list(String collectionPath) {
    String what = "GET " + collectionPath;
    JsonObject list = check(send(HttpRequest.newBuilder(uri(collectionPath)).GET(), what), what);
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
    return check(send(json(collectionPath).POST(publisher(body)), what), what);
  }

  JsonObject replace(String path, JsonObject body) {
    String what = "PUT " + path;
    return check(send(json(path).PUT(publisher(body)), what), what);
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
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).DELETE(), "DELETE " + path);
    if (r.statusCode() == 404) {
      return false;
    }
    check(r, "DELETE " + path);
    return true;
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private HttpRequest.Builder json(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher publisher(JsonObject body) {
    return HttpRequest.BodyPublishers.ofString(ModelJson.gson().toJson(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String what) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(what + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " was interrupted", e);
    }
  }

  private static JsonObject check(HttpResponse<String> r, String what) {
    if (r.statusCode() / 100 != 2) {
      throw new ApiCallException(what, r.statusCode(), r.body());
    }
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }
}
