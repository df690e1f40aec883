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
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the runtime's {@code resource.k8s.io/v1} code talk to an API server that serves only {@code
 * resource.k8s.io/v1beta2} or {@code v1beta1}: on the way out, {@code /apis/resource.k8s.io/v1/...}
 * and request bodies become the served version; on the way back, objects, list items and watch
 * events are read as {@code v1} again (see {@link ResourceVersions} for what changes). When the
 * version is not known yet (the server was unreachable at start), the first request to the group
 * discovers it.
 */
final class ResourceVersionTranslator implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceVersionTranslator.class);
  static final String GROUP = ResourceVersions.GROUP;
  private static final String GROUP_PATH = "/apis/" + GROUP;
  private static final String V1_PATH = GROUP_PATH + "/v1";

  private static final List<String> SUPPORTED = ResourceVersions.SUPPORTED;

  private final String driverName;
  private volatile String served;

  ResourceVersionTranslator(String driverName) {
    this.driverName = driverName;
  }

  /** The version in use, or empty before it is known. */
  Optional<String> served() {
    return Optional.ofNullable(served);
  }

  void use(String version) {
    if (!SUPPORTED.contains(version)) {
      throw new IllegalArgumentException(
          "resource.k8s.io/" + version + " is not one of the supported versions " + SUPPORTED);
    }
    served = version;
  }

  /**
   * The version to use among those the server lists for {@code resource.k8s.io}.
   *
   * @throws IllegalStateException naming the versions tried, those served, and the Kubernetes
   *     release needed, when none of the supported versions is served
   */
  static String choose(List<String> servedVersions, String server, String driverName) {
    for (String v : SUPPORTED) {
      if (servedVersions.contains(v)) {
        return v;
      }
    }
    throw unsupported(servedVersions, server, driverName);
  }

  /** The error for a server that serves none of the supported versions. */
  static IllegalStateException unsupported(
      List<String> servedVersions, String server, String driverName) {
    return new IllegalStateException(
        "the API server at "
            + server
            + " does not serve resource.k8s.io/v1, v1beta2 or v1beta1 (tried "
            + String.join(", ", SUPPORTED)
            + " in that order; it serves "
            + (servedVersions.isEmpty()
                ? "no version of resource.k8s.io"
                : "only " + GROUP + "/" + String.join(", " + GROUP + "/", servedVersions))
            + "): driver "
            + driverName
            + " needs Kubernetes 1.34 or newer, or 1.32/1.33 with DRA enabled (feature gate"
            + " DynamicResourceAllocation=true and kube-apiserver"
            + " --runtime-config=resource.k8s.io/v1beta1=true)");
  }

  /** The versions an APIGroup discovery document lists, in its order. */
  static List<String> versionsOf(JsonObject apiGroup) {
    List<String> out = new ArrayList<>();
    for (JsonObject v : JsonFields.objects(apiGroup, "versions")) {
      String version = JsonFields.string(v, "version");
      if (!version.isEmpty()) {
        out.add(version);
      }
    }
    return out;
  }

  // ---- pure translations ---------------------------------------------------------------------

  /** The encoded URL path with {@code resource.k8s.io/v1} replaced by {@code version}. */
  static String toServedPath(String encodedPath, String version) {
    int at = encodedPath.indexOf(V1_PATH);
    if (at < 0) {
      return encodedPath;
    }
    int end = at + V1_PATH.length();
    if (end != encodedPath.length() && encodedPath.charAt(end) != '/') {
      return encodedPath;
    }
    return encodedPath.substring(0, at) + GROUP_PATH + "/" + version + encodedPath.substring(end);
  }

  /** The resource (plural) a resource.k8s.io path names, or empty for discovery paths. */
  static String pluralOf(String encodedPath) {
    int at = encodedPath.indexOf(GROUP_PATH + "/");
    if (at < 0) {
      return "";
    }
    String[] parts = encodedPath.substring(at + GROUP_PATH.length() + 1).split("/");
    int i = 1;
    if (parts.length > 3 && parts[1].equals("namespaces")) {
      i = 3;
    }
    return parts.length > i ? parts[i] : "";
  }

  /** A v1 request body of resource {@code plural} as {@code version} has it. */
  static String toServedBody(String json, String version, String plural) {
    return rewriteJson(json, o -> ResourceVersions.toServed(o, version, plural));
  }

  /** A response body (object or list) of resource {@code plural} read as {@code v1}. */
  static String fromServedBody(String json, String version, String plural) {
    return rewriteJson(json, o -> ResourceVersions.toV1(o, version, plural));
  }

  /** One watch event line with its object read as {@code v1}. */
  static String fromServedWatchLine(String line, String version, String plural) {
    if (line.isBlank()) {
      return line;
    }
    return rewriteJson(
        line,
        event -> {
          JsonFields.object(event, "object")
              .ifPresent(o -> ResourceVersions.toV1(o, version, plural));
          return event;
        });
  }

  private static String rewriteJson(String json, UnaryOperator<JsonObject> change) {
    JsonElement parsed;
    try {
      parsed = JsonParser.parseString(json);
    } catch (RuntimeException notJson) {
      return json;
    }
    if (!parsed.isJsonObject()) {
      return json;
    }
    return change.apply(parsed.getAsJsonObject()).toString();
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String path = request.url().encodedPath();
    if (!isV1Path(path)) {
      return chain.proceed(request);
    }
    String version = served;
    if (version == null) {
      version = discover(chain);
    }
    if (version.equals("v1")) {
      return chain.proceed(request);
    }
    String plural = pluralOf(path);
    HttpUrl url = request.url().newBuilder().encodedPath(toServedPath(path, version)).build();
    Request.Builder out = request.newBuilder().url(url);
    RequestBody body = request.body();
    if (body != null && body.contentType() != null && isJson(body.contentType())) {
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      String text = toServedBody(buffer.readString(StandardCharsets.UTF_8), version, plural);
      out.method(request.method(), RequestBody.create(text, body.contentType()));
    }
    Response response = chain.proceed(out.build());
    ResponseBody responseBody = response.body();
    if (responseBody == null) {
      return response;
    }
    MediaType type = responseBody.contentType();
    String watch = request.url().queryParameter("watch");
    String v = version;
    if ("true".equals(watch) || "1".equals(watch)) {
      BufferedSource lines =
          Okio.buffer(
              new LineRewritingSource(
                  responseBody.source(), l -> fromServedWatchLine(l, v, plural)));
      return response.newBuilder().body(ResponseBody.create(lines, type, -1L)).build();
    }
    String text = fromServedBody(responseBody.string(), version, plural);
    return response
        .newBuilder()
        .body(ResponseBody.create(text, type == null ? MediaType.get("application/json") : type))
        .build();
  }

  private static boolean isV1Path(String path) {
    int at = path.indexOf(V1_PATH);
    return at >= 0
        && (at + V1_PATH.length() == path.length() || path.charAt(at + V1_PATH.length()) == '/');
  }

  private static boolean isJson(MediaType type) {
    return type.subtype().contains("json");
  }

  /** Asks the server which versions it serves, through the same chain (same credentials). */
  private synchronized String discover(Chain chain) throws IOException {
    if (served != null) {
      return served;
    }
    Request original = chain.request();
    String path = original.url().encodedPath();
    String prefix = path.substring(0, path.indexOf(V1_PATH));
    Request discovery =
        original
            .newBuilder()
            .url(original.url().newBuilder().encodedPath(prefix + GROUP_PATH).query(null).build())
            .get()
            .build();
    List<String> versions;
    try (Response r = chain.proceed(discovery)) {
      if (r.code() == 404) {
        versions = List.of();
      } else if (!r.isSuccessful() || r.body() == null) {
        throw new IOException(
            "discovery of " + GROUP + " answered HTTP " + r.code() + "; will try again");
      } else {
        versions = versionsOf(JsonParser.parseString(r.body().string()).getAsJsonObject());
      }
    } catch (RuntimeException badJson) {
      throw new IOException("discovery of " + GROUP + " returned unreadable JSON", badJson);
    }
    String base =
        original
            .url()
            .newBuilder()
            .encodedPath(prefix.isEmpty() ? "/" : prefix)
            .query(null)
            .build()
            .toString();
    try {
      served = choose(versions, base, driverName);
    } catch (IllegalStateException unsupported) {
      throw new IOException(unsupported.getMessage(), unsupported);
    }
    LOG.info(
        "driver {} uses {}/{} (the API server serves {})", driverName, GROUP, served, versions);
    return served;
  }

  /** Rewrites a newline-delimited stream one line at a time, as the lines arrive. */
  private static final class LineRewritingSource implements Source {
    private final BufferedSource upstream;
    private final UnaryOperator<String> change;
    private final Buffer pending = new Buffer();

    LineRewritingSource(BufferedSource upstream, UnaryOperator<String> change) {
      this.upstream = upstream;
      this.change = change;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      if (pending.size() == 0) {
        String line = upstream.readUtf8Line();
        if (line == null) {
          return -1;
        }
        pending.writeUtf8(change.apply(line)).writeByte('\n');
      }
      return pending.read(sink, Math.min(byteCount, pending.size()));
    }

    @Override
    public Timeout timeout() {
      return upstream.timeout();
    }

    @Override
    public void close() throws IOException {
      upstream.close();
    }
  }
}
