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

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The runtime's HTTP client for the Kubernetes API: a base URL, an OkHttp client that carries TLS
 * and credentials, and the few request shapes the runtime sends. Bodies go out and come back as
 * JSON trees; nothing here touches client-java's generated API classes or its global model
 * registry, which would load some 1,500 classes into every driver process.
 *
 * <p>Made from a kubeconfig or the in-cluster service account by {@link KubeConfigLoader}, or
 * wrapped around a caller's client-java {@link ApiClient} by {@link #of(ApiClient)}.
 */
public final class KubeClient {
  /** The media type of JSON bodies. */
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** The media type of a JSON merge patch. */
  public static final MediaType MERGE_PATCH = MediaType.get("application/merge-patch+json");

  private static final String USER_AGENT = "dra4j";

  private final String basePath;
  private final OkHttpClient http;
  private final RequestSigner signer;
  private final Runnable release;

  /** Adds what a request needs to be accepted (credentials) that the HTTP client does not add. */
  @FunctionalInterface
  interface RequestSigner {
    /** Signs {@code request}; the identity for clients whose HTTP client authenticates. */
    Request sign(Request request) throws ApiException;
  }

  KubeClient(String basePath, OkHttpClient http, RequestSigner signer, Runnable release) {
    this.basePath = trimSlash(Objects.requireNonNull(basePath, "basePath"));
    this.http = Objects.requireNonNull(http, "http");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.release = Objects.requireNonNull(release, "release");
  }

  /**
   * A client over {@code client}'s base path, HTTP client and bearer-token settings. The client
   * stays the caller's: {@link #release()} leaves it open.
   */
  public static KubeClient of(ApiClient client) {
    return new KubeClient(client.getBasePath(), client.getHttpClient(), signer(client), () -> {});
  }

  /**
   * Like {@link #of(ApiClient)}, but {@link #release()} releases {@code client}'s connections and
   * threads: for a client nothing else uses.
   */
  public static KubeClient owning(ApiClient client) {
    return new KubeClient(
        client.getBasePath(),
        client.getHttpClient(),
        signer(client),
        () -> ApiClients.release(client.getHttpClient()));
  }

  private static RequestSigner signer(ApiClient client) {
    RequestSigner signer =
        request -> {
          Map<String, String> headers = new HashMap<>();
          List<Pair> query = new ArrayList<>();
          client.updateParamsForAuth(
              client.getAuthentications().keySet().toArray(String[]::new),
              query,
              headers,
              new HashMap<>(),
              null,
              request.method(),
              request.url().uri());
          if (headers.isEmpty() && query.isEmpty()) {
            return request;
          }
          HttpUrl.Builder url = request.url().newBuilder();
          query.forEach(p -> url.addQueryParameter(p.getName(), p.getValue()));
          Request.Builder b = request.newBuilder().url(url.build());
          headers.forEach(b::header);
          return b.build();
        };
    return signer;
  }

  /** The API server's base URL, without a trailing slash. */
  public String basePath() {
    return basePath;
  }

  /** The HTTP client every request goes through. */
  public OkHttpClient http() {
    return http;
  }

  /** This client with another HTTP client (usually {@code http().newBuilder()...build()}). */
  public KubeClient withHttp(OkHttpClient other) {
    return new KubeClient(basePath, other, signer, release);
  }

  /**
   * The URL of {@code path} (starting with {@code /}) with the given query parameters, as name and
   * value pairs; a pair whose value is empty is left out.
   */
  public HttpUrl url(String path, String... query) {
    if (query.length % 2 != 0) {
      throw new IllegalArgumentException("query parameters come in name/value pairs: " + path);
    }
    HttpUrl parsed = HttpUrl.parse(basePath + path);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "not a valid API URL: " + basePath + path + "; check the server in the kubeconfig");
    }
    HttpUrl.Builder url = parsed.newBuilder();
    for (int i = 0; i < query.length; i += 2) {
      if (query[i + 1] != null && !query[i + 1].isEmpty()) {
        url.addQueryParameter(query[i], query[i + 1]);
      }
    }
    return url.build();
  }

  /** A GET of {@code path} with query parameters as in {@link #url}. */
  public Call get(String path, String... query) throws ApiException {
    return call(new Request.Builder().url(url(path, query)).get());
  }

  /** A request with a JSON body ({@code POST}, {@code PUT}, {@code DELETE}). */
  public Call send(String method, String path, JsonElement body) throws ApiException {
    return send(method, path, body.toString(), JSON);
  }

  /** A request with a body of the given media type, such as a merge patch. */
  public Call send(String method, String path, String body, MediaType type) throws ApiException {
    return call(
        new Request.Builder().url(url(path)).method(method, RequestBody.create(body, type)));
  }

  private Call call(Request.Builder request) throws ApiException {
    Request built =
        request.header("Accept", "application/json").header("User-Agent", USER_AGENT).build();
    return http.newCall(signer.sign(built));
  }

  /**
   * Runs {@code call} and reads the answer as a JSON object.
   *
   * @throws ApiException with the HTTP status and body when the server answers an error, with code
   *     0 when no answer came (connection refused, timeout, cancelled) or the body is not JSON
   */
  public JsonObject execute(Call call) throws ApiException {
    try (Response response = call.execute()) {
      return read(call, response);
    } catch (IOException e) {
      throw new ApiException(e);
    }
  }

  /**
   * The JSON object of a response (which the caller closes).
   *
   * @throws ApiException as {@link #execute}
   */
  public static JsonObject read(Call call, Response response) throws ApiException {
    String text;
    try {
      ResponseBody body = response.body();
      text = body == null ? "" : body.string();
    } catch (IOException e) {
      throw new ApiException(e.getMessage(), e, response.code(), response.headers().toMultimap());
    }
    if (!response.isSuccessful()) {
      throw failure(response, text);
    }
    try {
      JsonElement json = JsonParser.parseString(text);
      return json.isJsonObject() ? json.getAsJsonObject() : new JsonObject();
    } catch (JsonParseException e) {
      throw new ApiException(
          "the API server answered "
              + call.request().method()
              + " "
              + call.request().url().encodedPath()
              + " with a body that is not JSON: "
              + e.getMessage(),
          e,
          response.code(),
          response.headers().toMultimap(),
          text);
    }
  }

  /** The error for an answer that is not a success, with the server's body (a Status, usually). */
  static ApiException failure(Response response, String body) {
    return new ApiException(
        response.message(), response.code(), response.headers().toMultimap(), body);
  }

  /**
   * Opens the watch stream of {@code call}.
   *
   * @throws ApiException with the HTTP status and body when the server refuses the watch
   */
  public KubeWatch watch(Call call) throws ApiException {
    return KubeWatch.open(call);
  }

  /**
   * Releases the HTTP client's connections and threads when this client made it (from a kubeconfig
   * or the service account); a client from {@link #of(ApiClient)} stays open.
   */
  public void release() {
    release.run();
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return "KubeClient[" + basePath + "]";
  }
}
