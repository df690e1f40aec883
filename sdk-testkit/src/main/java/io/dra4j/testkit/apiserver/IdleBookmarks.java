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

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The BOOKMARK events of one watch that asked for them ({@code allowWatchBookmarks=true}): after a
 * second without events, one BOOKMARK with the store's current resourceVersion, as kube-apiserver
 * sends them now and then. Writing them is also how the server notices a client that went away (the
 * write fails), which ends the watch and frees its thread.
 */
final class IdleBookmarks {
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ObjectStore store;
  private final ObjectStore.Watcher watcher;
  private final String kind;
  private final String apiVersion;
  private final boolean enabled;
  private long idleSince = System.nanoTime();

  IdleBookmarks(
      ObjectStore store,
      ObjectStore.Watcher watcher,
      String kind,
      String apiVersion,
      boolean enabled) {
    this.store = store;
    this.watcher = watcher;
    this.kind = kind;
    this.apiVersion = apiVersion;
    this.enabled = enabled;
  }

  /** An event was sent. */
  void sent() {
    idleSince = System.nanoTime();
  }

  /** No event came for a while; sends a BOOKMARK when the watch has been idle long enough. */
  void idle(OutputStream out) throws IOException {
    if (!enabled || System.nanoTime() - idleSince < IDLE_NANOS) {
      return;
    }
    idleSince = System.nanoTime();
    OptionalLong rv = store.bookmark(watcher);
    if (rv.isEmpty()) {
      return;
    }
    JsonObject object = new JsonObject();
    object.addProperty("kind", kind);
    object.addProperty("apiVersion", apiVersion);
    JsonObject meta = new JsonObject();
    meta.addProperty("resourceVersion", String.valueOf(rv.getAsLong()));
    object.add("metadata", meta);
    JsonObject line = new JsonObject();
    line.addProperty("type", "BOOKMARK");
    line.add("object", object);
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
