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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * The objects of the fake server, stored as JSON, with one global resourceVersion counter and a
 * bounded event history for watches. All mutations happen under one lock, so watch events are
 * delivered in resourceVersion order.
 */
final class ObjectStore {
  static final int HISTORY = 100_000;
  private static final String ALPHANUM = "bcdfghjklmnpqrstvwxz2456789";

  /** One change, as a watch sends it. */
  record Event(long rv, ApiResource resource, String type, JsonObject object) {}

  /** A registered watch: events matching it are queued until the HTTP handler sends them. */
  static final class Watcher {
    final ApiResource resource;
    final String namespace;
    final Predicate<JsonObject> filter;
    final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    volatile boolean closed;

    Watcher(ApiResource resource, String namespace, Predicate<JsonObject> filter) {
      this.resource = resource;
      this.namespace = namespace;
      this.filter = filter;
    }

    boolean wants(Event e) {
      return e.resource == resource
          && (namespace.isEmpty() || namespace.equals(namespaceOf(e.object)))
          && filter.test(e.object);
    }
  }

  /** A list result: the items and the resourceVersion they were read at. */
  record ListResult(long resourceVersion, List<JsonObject> items) {}

  private final Object lock = new Object();
  private final Map<ApiResource, TreeMap<String, JsonObject>> objects = new HashMap<>();
  private final ArrayDeque<Event> history = new ArrayDeque<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final SecureRandom random = new SecureRandom();
  private long resourceVersion = 1;
  private long oldestHistoryRv = 1;

  static String namespaceOf(JsonObject o) {
    return JsonFields.string(o, "metadata", "namespace");
  }

  static String nameOf(JsonObject o) {
    return JsonFields.string(o, "metadata", "name");
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private TreeMap<String, JsonObject> table(ApiResource r) {
    return objects.computeIfAbsent(r, k -> new TreeMap<>());
  }

  Optional<JsonObject> get(ApiResource r, String namespace, String name) {
    synchronized (lock) {
      JsonObject o = table(r).get(key(namespace, name));
      return Optional.ofNullable(o).map(JsonObject::deepCopy);
    }
  }

  ListResult list(ApiResource r, String namespace, Predicate<JsonObject> filter) {
    synchronized (lock) {
      List<JsonObject> out = new ArrayList<>();
      for (JsonObject o : table(r).values()) {
        if ((namespace.isEmpty() || namespace.equals(namespaceOf(o))) && filter.test(o)) {
          out.add(o.deepCopy());
        }
      }
      return new ListResult(resourceVersion, out);
    }
  }

  long currentResourceVersion() {
    synchronized (lock) {
      return resourceVersion;
    }
  }

  JsonObject create(ApiResource r, String namespace, JsonObject obj) {
    synchronized (lock) {
      JsonObject o = obj.deepCopy();
      JsonObject meta = metadata(o);
      String name = JsonFields.string(meta, "name");
      if (name.isEmpty()) {
        String prefix = JsonFields.string(meta, "generateName");
        if (prefix.isEmpty()) {
          throw ApiError.invalid(
              r,
              "",
              List.of(
                  new ApiError.Cause(
                      "FieldValueRequired",
                      "metadata.name",
                      "Required value: name or generateName is required")));
        }
        do {
          name = prefix + randomSuffix();
        } while (table(r).containsKey(key(namespace, name)));
        meta.addProperty("name", name);
      }
      if (table(r).containsKey(key(namespace, name))) {
        throw ApiError.alreadyExists(r, name);
      }
      if (r.namespaced()) {
        meta.addProperty("namespace", namespace);
      } else {
        meta.remove("namespace");
      }
      o.addProperty("apiVersion", r.apiVersion());
      o.addProperty("kind", r.kind());
      meta.addProperty("uid", UUID.randomUUID().toString());
      meta.addProperty(
          "creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      meta.addProperty("generation", 1);
      long rv = ++resourceVersion;
      meta.addProperty("resourceVersion", String.valueOf(rv));
      table(r).put(key(namespace, name), o);
      record(new Event(rv, r, "ADDED", o.deepCopy()));
      return o.deepCopy();
    }
  }

  /**
   * Replaces an object. With {@code statusOnly} only {@code status} is taken from the new object;
   * with {@code keepStatus} the stored status is kept (the main resource of a type with a status
   * subresource).
   */
  JsonObject update(
      ApiResource r,
      String namespace,
      String name,
      JsonObject obj,
      boolean statusOnly,
      boolean keepStatus) {
    synchronized (lock) {
      JsonObject old = table(r).get(key(namespace, name));
      if (old == null) {
        throw ApiError.notFound(r, name);
      }
      JsonObject oldMeta = metadata(old);
      String wantRv = JsonFields.string(metadata(obj), "resourceVersion");
      if (!wantRv.isEmpty() && !wantRv.equals(JsonFields.string(oldMeta, "resourceVersion"))) {
        throw ApiError.conflict(
            r,
            name,
            "the object has been modified; please apply your changes to the latest version and"
                + " try again");
      }
      String wantUid = JsonFields.string(metadata(obj), "uid");
      if (!wantUid.isEmpty() && !wantUid.equals(JsonFields.string(oldMeta, "uid"))) {
        throw ApiError.conflict(
            r, name, "Precondition failed: UID in object meta: " + wantUid + ", does not match");
      }
      JsonObject o;
      if (statusOnly) {
        o = old.deepCopy();
        if (obj.has("status")) {
          o.add("status", obj.get("status").deepCopy());
        } else {
          o.remove("status");
        }
      } else {
        o = obj.deepCopy();
        if (keepStatus) {
          o.remove("status");
          if (old.has("status")) {
            o.add("status", old.get("status").deepCopy());
          }
        }
        JsonObject meta = metadata(o);
        for (String k : List.of("uid", "creationTimestamp", "namespace", "name")) {
          meta.remove(k);
          if (oldMeta.has(k)) {
            meta.add(k, oldMeta.get(k));
          }
        }
        meta.remove("generation");
        meta.add("generation", oldMeta.get("generation"));
        o.addProperty("apiVersion", r.apiVersion());
        o.addProperty("kind", r.kind());
        if (!specOf(o).equals(specOf(old))) {
          meta.addProperty("generation", oldMeta.get("generation").getAsLong() + 1);
        }
      }
      metadata(o).remove("resourceVersion");
      metadata(o).add("resourceVersion", oldMeta.get("resourceVersion"));
      if (o.equals(old)) {
        return old.deepCopy();
      }
      long rv = ++resourceVersion;
      metadata(o).addProperty("resourceVersion", String.valueOf(rv));
      table(r).put(key(namespace, name), o);
      record(new Event(rv, r, "MODIFIED", o.deepCopy()));
      return o.deepCopy();
    }
  }

  JsonObject delete(
      ApiResource r, String namespace, String name, String preconditionUid, String preconditionRv) {
    synchronized (lock) {
      JsonObject old = table(r).get(key(namespace, name));
      if (old == null) {
        throw ApiError.notFound(r, name);
      }
      JsonObject meta = metadata(old);
      if (!preconditionUid.isEmpty() && !preconditionUid.equals(JsonFields.string(meta, "uid"))) {
        throw ApiError.conflict(
            r,
            name,
            "Precondition failed: UID in precondition: "
                + preconditionUid
                + ", UID in object meta: "
                + JsonFields.string(meta, "uid"));
      }
      if (!preconditionRv.isEmpty()
          && !preconditionRv.equals(JsonFields.string(meta, "resourceVersion"))) {
        throw ApiError.conflict(
            r,
            name,
            "Precondition failed: ResourceVersion in precondition: "
                + preconditionRv
                + ", ResourceVersion in object meta: "
                + JsonFields.string(meta, "resourceVersion"));
      }
      table(r).remove(key(namespace, name));
      long rv = ++resourceVersion;
      JsonObject gone = old.deepCopy();
      metadata(gone).addProperty("resourceVersion", String.valueOf(rv));
      record(new Event(rv, r, "DELETED", gone.deepCopy()));
      collectGarbage(JsonFields.string(meta, "uid"));
      return gone;
    }
  }

  /** Deletes the dependents of a deleted owner, as the garbage collector would. */
  private void collectGarbage(String ownerUid) {
    for (ApiResource r : ApiResource.ALL) {
      List<JsonObject> dependents = new ArrayList<>();
      for (JsonObject o : table(r).values()) {
        JsonArray refs = metadata(o).getAsJsonArray("ownerReferences");
        if (refs == null) {
          continue;
        }
        for (JsonElement ref : refs) {
          if (ref.isJsonObject()
              && ownerUid.equals(JsonFields.string(ref.getAsJsonObject(), "uid"))) {
            dependents.add(o);
            break;
          }
        }
      }
      for (JsonObject d : dependents) {
        delete(r, namespaceOf(d), nameOf(d), "", "");
      }
    }
  }

  /**
   * Registers a watch from {@code fromRv}; 0 means "current state as ADDED events, then changes".
   *
   * @throws ApiError 410 Gone when {@code fromRv} is older than the history kept, 504 with cause
   *     {@code ResourceVersionTooLarge} when it is newer than the current version
   */
  Watcher watch(ApiResource r, String namespace, Predicate<JsonObject> filter, long fromRv) {
    synchronized (lock) {
      Watcher w = new Watcher(r, namespace, filter);
      if (fromRv <= 0) {
        for (JsonObject o : table(r).values()) {
          Event e = new Event(resourceVersion, r, "ADDED", o.deepCopy());
          if (w.wants(e)) {
            w.queue.add(e);
          }
        }
      } else {
        if (fromRv > resourceVersion) {
          // kube-apiserver waits up to 3 s for the version to appear first; this server answers
          // at once. A client sees it after the server lost its storage (a restart with no data).
          throw new ApiError(
              504,
              "Timeout",
              "Too large resource version: " + fromRv + ", current: " + resourceVersion,
              r,
              "",
              List.of(
                  new ApiError.Cause("ResourceVersionTooLarge", "", "Too large resource version")));
        }
        if (fromRv < oldestHistoryRv - 1) {
          throw new ApiError(
              410,
              "Expired",
              "too old resource version: " + fromRv + " (" + (oldestHistoryRv - 1) + ")");
        }
        for (Event e : history) {
          if (e.rv > fromRv && w.wants(e)) {
            w.queue.add(e);
          }
        }
      }
      watchers.add(w);
      return w;
    }
  }

  /**
   * The current resourceVersion when the watch has taken every event up to it from its queue (what
   * a BOOKMARK event may announce), else empty.
   */
  OptionalLong bookmark(Watcher w) {
    synchronized (lock) {
      return w.queue.isEmpty() ? OptionalLong.of(resourceVersion) : OptionalLong.empty();
    }
  }

  /** Forgets the event history: a watch from any version before the current one gets 410. */
  void compact() {
    synchronized (lock) {
      history.clear();
      oldestHistoryRv = resourceVersion + 1;
    }
  }

  void unwatch(Watcher w) {
    w.closed = true;
    watchers.remove(w);
  }

  /** Ends every open watch (clients see the stream close and re-watch). */
  void closeWatches() {
    for (Watcher w : watchers) {
      unwatch(w);
    }
  }

  private void record(Event e) {
    history.addLast(e);
    while (history.size() > HISTORY) {
      oldestHistoryRv = history.removeFirst().rv + 1;
    }
    for (Watcher w : watchers) {
      if (w.wants(e)) {
        w.queue.add(e);
      }
    }
  }

  private String randomSuffix() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      sb.append(ALPHANUM.charAt(random.nextInt(ALPHANUM.length())));
    }
    return sb.toString();
  }

  static JsonObject metadata(JsonObject o) {
    JsonObject meta = o.getAsJsonObject("metadata");
    if (meta == null) {
      meta = new JsonObject();
      o.add("metadata", meta);
    }
    return meta;
  }

  private static JsonObject specOf(JsonObject o) {
    JsonObject copy = o.deepCopy();
    copy.remove("metadata");
    copy.remove("status");
    return copy;
  }
}
