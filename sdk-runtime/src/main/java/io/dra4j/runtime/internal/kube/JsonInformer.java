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

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.lifecycle.Shutdown;
import io.kubernetes.client.openapi.ApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list-then-watch cache of raw JSON objects on one background thread. It lists, watches from the
 * list's resourceVersion and, whenever a watch ends, breaks or fails, watches again from the last
 * resourceVersion it saw (backing off with jitter after errors); it lists again only when the
 * server answers that this resourceVersion has expired (HTTP 410 Gone, or a watch ERROR event with
 * code 410), when it answers that this resourceVersion is newer than any it has, and after the
 * server was down ({@link ApiReachability}; the retry then comes as soon as it answers again).
 * Objects are kept as JSON so that free-form fields (opaque parameters) keep their exact text.
 */
public final class JsonInformer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonInformer.class);
  private static final int GONE = 410;
  private static final String TOO_LARGE_MESSAGE = "Too large resource version";
  private static final long STOP_MILLIS = 5000;

  /** Builds the list and watch calls. */
  public interface Calls {
    /** A list call. */
    Call list() throws ApiException;

    /** A watch call from the given resourceVersion. */
    Call watch(String resourceVersion) throws ApiException;

    /**
     * The list and watch calls of the collection at {@code path} with the given query parameters
     * (name and value pairs); a watch asks for bookmarks and ends after 5 to 6 minutes, so that
     * informers of many drivers do not all come back at once.
     */
    static Calls collection(KubeClient client, String path, String... query) {
      return new Calls() {
        @Override
        public Call list() throws ApiException {
          return client.get(path, query);
        }

        @Override
        public Call watch(String resourceVersion) throws ApiException {
          List<String> q = new ArrayList<>(Arrays.asList(query));
          q.addAll(List.of("watch", "true", "allowWatchBookmarks", "true"));
          q.addAll(List.of("resourceVersion", resourceVersion));
          q.addAll(
              List.of(
                  "timeoutSeconds", String.valueOf(300 + ThreadLocalRandom.current().nextInt(60))));
          return client.get(path, q.toArray(String[]::new));
        }
      };
    }
  }

  /** Told about every change; runs on the informer's thread and must not block for long. */
  public interface Listener {
    /**
     * An object was added, modified or deleted ({@code ADDED}, {@code MODIFIED}, {@code DELETED}).
     */
    void onEvent(String type, JsonObject object);

    /** The cache was replaced by a fresh list. */
    default void onRelist() {}

    /** Listing or watching failed; the informer retries by itself. */
    default void onError(Exception e) {}

    /**
     * A watch ended without an error (its timeout, or the server closed it, as one does when it
     * shuts down); the informer watches again at once.
     */
    default void onWatchEnded() {}
  }

  private final String what;
  private final KubeClient client;
  private final Calls calls;
  private final Predicate<JsonObject> keep;
  private final Listener listener;
  private final ApiReachability reachability;
  private final Map<String, JsonObject> objects = new ConcurrentHashMap<>();
  private final CountDownLatch synced = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closed;
  private volatile KubeWatch current;
  private volatile Call inFlight;
  // The resourceVersion the next watch starts from; empty: list first. Informer thread only.
  private String resumeFrom = "";

  /**
   * @param what a name for log lines, e.g. {@code resourceslices of gpu.example.com on node-a}
   * @param keep which listed or watched objects to cache
   */
  public JsonInformer(
      String what, KubeClient client, Calls calls, Predicate<JsonObject> keep, Listener listener) {
    this.what = what;
    this.client = client;
    this.calls = calls;
    this.keep = keep;
    this.listener = listener;
    this.reachability = ApiReachability.of(client);
    this.thread = new Thread(this::run, "informer " + what);
    this.thread.setDaemon(true);
  }

  /** Starts listing and watching. */
  public JsonInformer start() {
    thread.start();
    return this;
  }

  /** Whether the first list has completed. */
  public boolean isSynced() {
    return synced.getCount() == 0;
  }

  /** Waits for the first list. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The cached object with this key ({@code namespace/name}, or {@code name}). */
  public Optional<JsonObject> get(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  /** A snapshot of all cached objects. */
  public List<JsonObject> items() {
    return new ArrayList<>(objects.values());
  }

  /**
   * Records the result of one of our own writes before its watch event arrives, so that the next
   * read of the cache does not act on the older state. An older resourceVersion never replaces a
   * newer one.
   */
  public void recordWrite(JsonObject object) {
    objects.merge(key(object), object, (old, now) -> newer(now, old) ? now : old);
  }

  /** Records one of our own deletes. */
  public void recordDelete(String key) {
    objects.remove(key);
  }

  /** The cache key of an object. */
  public static String key(JsonObject o) {
    String ns = JsonFields.string(o, "metadata", "namespace");
    String name = JsonFields.string(o, "metadata", "name");
    return ns.isEmpty() ? name : ns + "/" + name;
  }

  private static boolean newer(JsonObject a, JsonObject b) {
    String ra = JsonFields.string(a, "metadata", "resourceVersion");
    String rb = JsonFields.string(b, "metadata", "resourceVersion");
    try {
      return Long.parseLong(ra) >= Long.parseLong(rb);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private void run() {
    Backoff backoff = Backoff.forApiErrors();
    while (!closed) {
      long recoveries = reachability.recoveries();
      try {
        if (resumeFrom.isEmpty()) {
          resumeFrom = list();
          backoff.reset();
        }
        watch(backoff);
        if (!closed) {
          listener.onWatchEnded();
        }
      } catch (Exception e) {
        if (closed) {
          return;
        }
        if (isExpired(e)) {
          LOG.info(
              "resourceVersion {} of {} has expired (410 Gone); listing again", resumeFrom, what);
          resumeFrom = "";
          continue;
        }
        if (isTooLarge(e)) {
          LOG.info(
              "resourceVersion {} of {} is newer than the API server's (it lost its data?);"
                  + " listing again",
              resumeFrom,
              what);
          resumeFrom = "";
          continue;
        }
        listener.onError(e);
        Duration delay = backoff.next();
        LOG.warn(
            "{} {} failed ({}); retrying in {} ms{}",
            resumeFrom.isEmpty()
                ? "listing"
                : "watching from resourceVersion " + resumeFrom + " of",
            what,
            describe(e),
            delay.toMillis(),
            reachability.isDown() ? " or as soon as the API server answers again" : "");
        try {
          reachability.awaitRetry(delay, recoveries);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          closed = true;
        }
        if (reachability.recoveries() != recoveries && !resumeFrom.isEmpty()) {
          // The server was down: it may have lost its data, and a resourceVersion from before
          // may name other objects now. A fresh list is the one answer to trust.
          LOG.info("the API server answers again; listing {} again", what);
          resumeFrom = "";
        }
      }
    }
  }

  /**
   * Whether the server said the resourceVersion asked for is newer than any it has: kube-apiserver
   * answers so (HTTP 504, cause {@code ResourceVersionTooLarge}) after it lost its storage, and
   * only a fresh list finds out what it has now.
   */
  private static boolean isTooLarge(Exception e) {
    if (!(e instanceof ApiException a) || a.getResponseBody() == null) {
      return false;
    }
    String body = a.getResponseBody();
    return body.contains("ResourceVersionTooLarge") || body.contains(TOO_LARGE_MESSAGE);
  }

  /** Whether the server said the resourceVersion asked for is too old (HTTP 410 Gone). */
  private static boolean isExpired(Exception e) {
    return e instanceof ApiException a && a.getCode() == GONE;
  }

  private String list() throws ApiException {
    Call call = track(calls.list());
    JsonObject list = client.execute(call);
    Map<String, JsonObject> fresh = new HashMap<>();
    for (JsonObject o : JsonFields.objects(list, "items")) {
      if (keep.test(o)) {
        fresh.put(key(o), o);
      }
    }
    objects.keySet().retainAll(fresh.keySet());
    objects.putAll(fresh);
    synced.countDown();
    listener.onRelist();
    return JsonFields.string(list, "metadata", "resourceVersion");
  }

  /** Makes {@code call} the one {@link #close} cancels; cancels it at once when closed. */
  private Call track(Call call) {
    inFlight = call;
    if (closed) {
      call.cancel();
    }
    return call;
  }

  /**
   * Watches from {@link #resumeFrom} until the stream ends, moving it on with every event; sets it
   * to empty (list again) when the server sends an ERROR event with code 410.
   *
   * @throws ApiException when the watch cannot be opened (code 410 when the version has expired)
   * @throws IOException when the stream broke or the server sent an error other than 410
   */
  private void watch(Backoff backoff) throws ApiException, IOException {
    try (KubeWatch w = client.watch(track(calls.watch(resumeFrom)))) {
      current = w;
      if (closed) {
        return;
      }
      while (!closed) {
        Optional<KubeWatch.Event> next = w.next();
        if (next.isEmpty()) {
          return;
        }
        KubeWatch.Event e = next.get();
        if ("ERROR".equals(e.type())) {
          Optional<Integer> code = e.statusCode();
          String message = e.statusMessage();
          boolean gone = code.isPresent() && code.get() == GONE;
          if (gone || message.contains(TOO_LARGE_MESSAGE)) {
            LOG.info(
                "resourceVersion {} of {} cannot be watched from ({}); listing again",
                resumeFrom,
                what,
                gone ? "410 Gone" : message);
            resumeFrom = "";
            return;
          }
          throw new IOException(
              "the watch of "
                  + what
                  + " ended with an error (code "
                  + code.map(String::valueOf).orElse("none")
                  + ": "
                  + message
                  + ")");
        }
        // Only a watch that delivers resets the backoff: one failing right after it opened does
        // not.
        backoff.reset();
        JsonObject object = e.object();
        String seen = JsonFields.string(object, "metadata", "resourceVersion");
        if (!seen.isEmpty()) {
          resumeFrom = seen;
        }
        if ("BOOKMARK".equals(e.type())) {
          continue;
        }
        String k = key(object);
        if ("DELETED".equals(e.type()) || !keep.test(object)) {
          if (objects.remove(k) == null && !"DELETED".equals(e.type())) {
            continue;
          }
          listener.onEvent("DELETED", object);
        } else {
          objects.put(k, object);
          listener.onEvent(e.type(), object);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (closed) {
        return;
      }
      throw new IOException(
          "watch stream of " + what + " broke: " + (e.getMessage() == null ? e : e.getMessage()),
          e);
    } finally {
      current = null;
    }
  }

  /** A short description of an API failure for log lines. */
  public static String describe(Exception e) {
    if (e instanceof ApiException a) {
      return a.getCode() == 0
          ? "no response: " + (a.getCause() == null ? a.getMessage() : a.getCause().toString())
          : "HTTP " + a.getCode() + " " + statusMessage(a);
    }
    return e.toString();
  }

  /** The message of the Status object in an API error body, or the body itself. */
  public static String statusMessage(ApiException a) {
    String body = a.getResponseBody();
    if (body == null || body.isBlank()) {
      return a.getMessage() == null ? "" : a.getMessage();
    }
    try {
      JsonObject status = com.google.gson.JsonParser.parseString(body).getAsJsonObject();
      return JsonFields.string(status, "message");
    } catch (RuntimeException notJson) {
      return body;
    }
  }

  /**
   * Stops watching: cancels the request in flight and waits (up to 5 s) for the informer's thread
   * to end. The client stays open; it is the caller's. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    Call call = inFlight;
    if (call != null) {
      call.cancel();
    }
    KubeWatch w = current;
    if (w != null) {
      try {
        w.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the watch of {}", what, e);
      }
    }
    thread.interrupt();
    if (Thread.currentThread() != thread
        && !Shutdown.join(thread, Duration.ofMillis(STOP_MILLIS))) {
      LOG.warn("the informer thread of {} did not end within {} ms", what, STOP_MILLIS);
    }
  }
}
