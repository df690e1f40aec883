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

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request and its response: reads the query and the body, sends JSON, and records the
 * request in the {@link RequestLog} once, just before the response goes out, so a client that has
 * its answer always finds its request logged. Only requests identified with {@link #identify} (a
 * verb on a resource) are logged; discovery and refused requests are not.
 */
final class Exchange {
  static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final HttpExchange http;
  private final RequestLog log;
  private String verb = "";
  private Route route;
  private boolean logged;

  Exchange(HttpExchange http, RequestLog log) {
    this.http = http;
    this.log = log;
  }

  String method() {
    return http.getRequestMethod();
  }

  String rawPath() {
    return http.getRequestURI().getRawPath();
  }

  /** The request for logs and errors: method and URI. */
  String describe() {
    return http.getRequestMethod() + " " + http.getRequestURI();
  }

  /** The request header, empty when absent. */
  String header(String name) {
    return Optional.ofNullable(http.getRequestHeaders().getFirst(name)).orElse("");
  }

  /** The decoded query parameters; a parameter without a value maps to the empty string. */
  Map<String, String> query() {
    Map<String, String> out = new HashMap<>();
    String raw = http.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        out.put(Route.decode(pair), "");
      } else {
        out.put(Route.decode(pair.substring(0, eq)), Route.decode(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  /** Names what the request is, so that it is logged. */
  void identify(String verb, Route route) {
    this.verb = verb;
    this.route = route;
  }

  /** The body as text (empty when there is none). */
  String text() throws IOException {
    try (InputStream in = http.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The body as a JSON object; a protobuf body is read with {@link ProtobufBodies}.
   *
   * @throws ApiError 400 when it is not one, 415 for a protobuf body of a kind not read
   */
  JsonObject json() throws IOException {
    if (ProtobufBodies.isProtobuf(header("Content-Type"))) {
      try (InputStream in = http.getRequestBody()) {
        return ProtobufBodies.json(in.readAllBytes());
      }
    }
    String text = text();
    try {
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        throw ApiError.badRequest("the request body must be a JSON object");
      }
      return e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw ApiError.badRequest("the request body is not valid JSON: " + e.getMessage());
    }
  }

  /** Adds a {@code Warning} header to the response, as kube-apiserver does for warnings. */
  void warn(String message) {
    http.getResponseHeaders().add("Warning", "299 - \"" + message.replace("\"", "'") + "\"");
  }

  /** Sends a JSON response; returns {@code code}. */
  int send(int code, JsonObject body) throws IOException {
    byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
    record(code);
    http.getResponseHeaders().set("Content-Type", "application/json");
    http.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(bytes);
    }
    return code;
  }

  /** Sends an error as a {@code Status}, ignoring a client that went away; returns its code. */
  int fail(ApiError error) {
    try {
      return send(error.code, error.toStatus());
    } catch (IOException | RuntimeException e) {
      return error.code;
    }
  }

  /** Starts a 200 response of unknown length (a watch) and returns its body. */
  OutputStream stream() throws IOException {
    record(200);
    http.getResponseHeaders().set("Content-Type", "application/json");
    http.sendResponseHeaders(200, 0);
    return http.getResponseBody();
  }

  /** Logs the request if nothing was sent (with {@code code}) and ends the exchange. */
  void finish(int code) {
    record(code);
    http.close();
  }

  private void record(int code) {
    if (route != null && !logged) {
      logged = true;
      log.add(
          new RequestRecord(
              verb,
              route.resourcePath(),
              route.namespace(),
              route.name(),
              code,
              query().getOrDefault("resourceVersion", "")));
    }
  }
}
