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
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the Kubernetes REST API over the {@link ObjectStore}: routes a request to its resource,
 * runs its verb (get, list, watch, create, update, patch, delete, deletecollection) and sends the
 * status code and body kube-apiserver would, errors as a {@code Status}. Discovery documents, the
 * outage and queued failures of {@link Faults}, and {@link Admission} are checked on the way.
 * Called on the listener's request threads, one per request; a watch holds its thread while open.
 */
final class RestHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RestHandler.class);
  private static final long WATCH_POLL_MS = 200;

  private final ObjectStore store;
  private final Emulation emulation;
  private final Admission admission;
  private final Faults faults;
  private final Authorization authorization;
  private final RequestLog log;
  private volatile boolean closed;

  RestHandler(
      ObjectStore store,
      Emulation emulation,
      Admission admission,
      Faults faults,
      Authorization authorization,
      RequestLog log) {
    this.authorization = authorization;
    this.store = store;
    this.emulation = emulation;
    this.admission = admission;
    this.faults = faults;
    this.log = log;
  }

  /** Ends open watches and makes new ones end at once. */
  void close() {
    closed = true;
    store.closeWatches();
  }

  @Override
  public void handle(HttpExchange http) {
    Exchange ex = new Exchange(http, log);
    int code = 500;
    try {
      faults.checkAvailable();
      if (ex.rawPath().equals(Authorization.REVIEW_PATH) && ex.method().equals("POST")) {
        code = ex.send(201, authorization.review(ex.json()));
        return;
      }
      List<String> versions = emulation.resourceVersions();
      Optional<JsonObject> discovery =
          Discovery.answer(ex.rawPath(), versions, emulation.minor(), emulation.taintRuleVersion())
              .or(() -> OpenApiV3.answer(ex.rawPath(), versions));
      if (discovery.isPresent()) {
        faults.checkDiscovery();
        code = ex.send(200, discovery.get());
        return;
      }
      Map<String, String> query = ex.query();
      Route route = Route.parse(ex.rawPath(), versions, emulation.taintRuleVersion());
      String verb = verb(ex.method(), route, query);
      ex.identify(verb, route);
      authorization.check(verb, route);
      faults.check(verb, route);
      code = dispatch(ex, verb, route, query);
    } catch (IOException e) {
      LOG.debug("fake API server: client went away from {}", ex.describe(), e);
    } catch (ApiError e) {
      code = ex.fail(e);
    } catch (RuntimeException e) {
      LOG.warn("fake API server failed a request: {}", ex.describe(), e);
      code = ex.fail(new ApiError(500, "InternalError", String.valueOf(e)));
    } finally {
      ex.finish(code);
    }
  }

  private static String verb(String method, Route route, Map<String, String> query) {
    boolean named = !route.name().isEmpty();
    return switch (method) {
      case "GET" -> {
        String w = query.getOrDefault("watch", "");
        yield named ? "get" : w.equals("true") || w.equals("1") ? "watch" : "list";
      }
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default ->
          throw new ApiError(405, "MethodNotAllowed", "method " + method + " is not supported");
    };
  }

  private int dispatch(Exchange ex, String verb, Route route, Map<String, String> query)
      throws IOException {
    Predicate<JsonObject> filter =
        Selectors.fields(query.get("fieldSelector"))
            .and(Selectors.labels(query.get("labelSelector")));
    return switch (verb) {
      case "get" -> ex.send(200, route.wire(stored(route)));
      case "list" ->
          ex.send(200, route.listOf(store.list(route.resource(), route.namespace(), filter)));
      case "watch" -> watch(ex, route, filter, query);
      case "create" -> ex.send(201, route.wire(create(ex, route)));
      case "update" -> ex.send(200, route.wire(update(ex, route)));
      case "patch" -> ex.send(200, route.wire(patch(ex, route)));
      case "delete" -> delete(ex, route);
      case "deletecollection" -> ex.send(200, route.listOf(deleteAll(route, filter)));
      default -> throw new ApiError(405, "MethodNotAllowed", verb + " is not supported");
    };
  }

  private JsonObject stored(Route route) {
    return store
        .get(route.resource(), route.namespace(), route.name())
        .orElseThrow(() -> ApiError.notFound(route.resource(), route.name()));
  }

  private JsonObject create(Exchange ex, Route route) throws IOException {
    ApiResource r = route.resource();
    JsonObject body = ex.json();
    checkApiVersion(route, body);
    body = route.stored(body);
    checkNamespace(route, body);
    // Strict decoding reads the whole body, status included, before the status is dropped.
    Admission.fields(r, body, fieldValidation(ex), ex::warn);
    if (r.hasStatus()) {
      body.remove("status");
    }
    if (r.namespaced() && ObjectStore.namespaceOf(body).isEmpty()) {
      ObjectStore.metadata(body).addProperty("namespace", route.namespace());
    }
    admission.admit(r, body, "Ignore", ex::warn);
    return store.create(r, route.namespace(), body);
  }

  private JsonObject update(Exchange ex, Route route) throws IOException {
    JsonObject body = ex.json();
    checkApiVersion(route, body);
    body = route.stored(body);
    checkName(route, body);
    return replace(ex, route, body);
  }

  private JsonObject patch(Exchange ex, Route route) throws IOException {
    String type = ex.header("Content-Type");
    if (type.contains("json-patch") || type.contains("apply-patch")) {
      throw new ApiError(
          415,
          "UnsupportedMediaType",
          "the fake API server supports merge and strategic merge patches only, not " + type);
    }
    JsonElement patch = JsonParser.parseString(ex.text());
    Optional<String> directive = directive(patch);
    if (directive.isPresent()) {
      throw new ApiError(
          415,
          "UnsupportedMediaType",
          "the fake API server applies a strategic merge patch as a merge patch and cannot honour"
              + " its directive "
              + directive.get()
              + " (kubectl apply sends one when a list merged by key, such as a Pod's containers,"
              + " changed): replace the object instead, kubectl replace --force -f <file>");
    }
    JsonObject current = stored(route);
    return replace(
        ex, route, route.stored(mergePatch(route.wire(current), patch).getAsJsonObject()));
  }

  /** Stores a new version: the status only through {@code /status}, else all but the status. */
  private JsonObject replace(Exchange ex, Route route, JsonObject body) {
    ApiResource r = route.resource();
    boolean statusOnly = route.subresource().equals("status");
    if (statusOnly) {
      admission.admitStatus(r, body, fieldValidation(ex), ex::warn);
    } else {
      admission.admit(r, body, fieldValidation(ex), ex::warn);
    }
    return store.update(
        r, route.namespace(), route.name(), body, statusOnly, r.hasStatus() && !statusOnly);
  }

  /** The request's {@code fieldValidation} parameter; empty (meaning Strict here) when absent. */
  private static String fieldValidation(Exchange ex) {
    return ex.query().getOrDefault("fieldValidation", "");
  }

  private int delete(Exchange ex, Route route) throws IOException {
    ApiResource r = route.resource();
    String uid = "";
    String rv = "";
    String text = ex.text();
    if (!text.isBlank()) {
      JsonObject pre =
          JsonParser.parseString(text).getAsJsonObject().getAsJsonObject("preconditions");
      uid = JsonFields.string(pre, "uid");
      rv = JsonFields.string(pre, "resourceVersion");
    }
    JsonObject gone = store.delete(r, route.namespace(), route.name(), uid, rv);
    if (!r.group().isEmpty()) {
      return ex.send(200, route.wire(gone));
    }
    // The core group answers a delete with a Status, not the deleted object.
    JsonObject status = new JsonObject();
    status.addProperty("kind", "Status");
    status.addProperty("apiVersion", "v1");
    status.add("metadata", new JsonObject());
    status.addProperty("status", "Success");
    JsonObject details = new JsonObject();
    details.addProperty("name", route.name());
    details.addProperty("kind", r.plural());
    details.addProperty("uid", JsonFields.string(gone, "metadata", "uid"));
    status.add("details", details);
    return ex.send(200, status);
  }

  private ObjectStore.ListResult deleteAll(Route route, Predicate<JsonObject> filter) {
    ApiResource r = route.resource();
    List<JsonObject> deleted = new ArrayList<>();
    for (JsonObject o : store.list(r, route.namespace(), filter).items()) {
      try {
        deleted.add(store.delete(r, ObjectStore.namespaceOf(o), ObjectStore.nameOf(o), "", ""));
      } catch (ApiError e) {
        // Deleted concurrently: fine.
      }
    }
    return new ObjectStore.ListResult(store.currentResourceVersion(), deleted);
  }

  private static void checkApiVersion(Route route, JsonObject body) {
    String sent = JsonFields.string(body, "apiVersion");
    String expected = route.apiVersion();
    if (!sent.isEmpty() && !sent.equals(expected)) {
      throw ApiError.badRequest(
          "the API version in the data ("
              + sent
              + ") does not match the expected API version ("
              + expected
              + ")");
    }
  }

  private static void checkNamespace(Route route, JsonObject body) {
    String ns = ObjectStore.namespaceOf(body);
    if (route.resource().namespaced() && !ns.isEmpty() && !ns.equals(route.namespace())) {
      throw ApiError.badRequest(
          "the namespace of the provided object ("
              + ns
              + ") does not match the namespace sent on the request ("
              + route.namespace()
              + ")");
    }
  }

  private static void checkName(Route route, JsonObject body) {
    String name = ObjectStore.nameOf(body);
    if (!name.isEmpty() && !name.equals(route.name())) {
      throw ApiError.badRequest(
          "the name of the object ("
              + name
              + ") does not match the name on the URL ("
              + route.name()
              + ")");
    }
    ObjectStore.metadata(body).addProperty("name", route.name());
  }

  /** The first strategic merge patch directive ({@code $setElementOrder/...}, ...) in a patch. */
  private static Optional<String> directive(JsonElement patch) {
    if (patch.isJsonArray()) {
      for (JsonElement e : patch.getAsJsonArray()) {
        Optional<String> d = directive(e);
        if (d.isPresent()) {
          return d;
        }
      }
    } else if (patch.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : patch.getAsJsonObject().entrySet()) {
        Optional<String> d =
            e.getKey().startsWith("$") ? Optional.of(e.getKey()) : directive(e.getValue());
        if (d.isPresent()) {
          return d;
        }
      }
    }
    return Optional.empty();
  }

  /** A JSON merge patch (RFC 7386): null removes a field, objects merge, anything else replaces. */
  static JsonElement mergePatch(JsonElement target, JsonElement patch) {
    if (!patch.isJsonObject()) {
      return patch.deepCopy();
    }
    JsonObject result =
        target != null && target.isJsonObject()
            ? target.getAsJsonObject().deepCopy()
            : new JsonObject();
    for (Map.Entry<String, JsonElement> e : patch.getAsJsonObject().entrySet()) {
      if (e.getValue().isJsonNull()) {
        result.remove(e.getKey());
      } else {
        result.add(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  /** Streams events as newline-delimited JSON until the watch times out, is closed or breaks. */
  private int watch(
      Exchange ex, Route route, Predicate<JsonObject> filter, Map<String, String> query)
      throws IOException {
    long from = parseLong(query.getOrDefault("resourceVersion", "0"));
    long timeoutSeconds = parseLong(query.getOrDefault("timeoutSeconds", "0"));
    long deadline =
        timeoutSeconds > 0
            ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds)
            : Long.MAX_VALUE;
    ObjectStore.Watcher w = store.watch(route.resource(), route.namespace(), filter, from);
    IdleBookmarks bookmarks =
        new IdleBookmarks(
            store,
            w,
            route.resource().kind(),
            route.apiVersion(),
            Boolean.parseBoolean(query.get("allowWatchBookmarks")));
    try (OutputStream out = ex.stream()) {
      out.flush();
      while (!w.closed && !closed && System.nanoTime() < deadline) {
        ObjectStore.Event e;
        try {
          e = w.queue.poll(WATCH_POLL_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
        if (e == null) {
          bookmarks.idle(out);
          continue;
        }
        JsonObject line = new JsonObject();
        line.addProperty("type", e.type());
        line.add("object", route.wire(e.object()));
        out.write((Exchange.GSON.toJson(line) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        bookmarks.sent();
      }
    } catch (IOException gone) {
      // The client went away.
    } finally {
      store.unwatch(w);
    }
    return 200;
  }

  private static long parseLong(String s) {
    try {
      return s.isEmpty() ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("not a number: " + s);
    }
  }
}
