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

import io.dra4j.runtime.internal.lifecycle.Shutdown;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Cache;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases what a client-java {@link ApiClient} (or an OkHttp client) holds: it cancels the calls
 * in flight, stops the dispatcher's threads, closes every pooled connection (which ends the reader
 * thread of an HTTP/2 connection) and closes the response cache. Without it, OkHttp keeps idle
 * connections for five minutes and HTTP/2 reader threads as long as the connection lives.
 *
 * <p>Release a client only when nothing uses it any more: clients made with {@code newBuilder()}
 * share the connection pool and dispatcher, so releasing one releases all of them.
 */
public final class ApiClients {
  private static final Logger LOG = LoggerFactory.getLogger(ApiClients.class);
  private static final Duration DISPATCHER_STOP = Duration.ofSeconds(5);

  private ApiClients() {}

  /** Releases the connections and threads of the client's HTTP client. */
  public static void release(ApiClient client) {
    release(client.getHttpClient());
  }

  /** Releases the connections and threads of an OkHttp client. */
  public static void release(OkHttpClient http) {
    http.dispatcher().cancelAll();
    if (!Shutdown.executor(http.dispatcher().executorService(), DISPATCHER_STOP)) {
      LOG.warn("the OkHttp dispatcher threads did not end within {}", DISPATCHER_STOP);
    }
    // Calls cancelled above hand their connections back as their threads unwind; evict until the
    // pool is empty or the calls are gone for good.
    long deadline = System.nanoTime() + DISPATCHER_STOP.toNanos();
    http.connectionPool().evictAll();
    while (http.connectionPool().connectionCount() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      http.connectionPool().evictAll();
    }
    Cache cache = http.cache();
    if (cache != null) {
      try {
        cache.close();
      } catch (IOException e) {
        LOG.debug("closing the HTTP cache in {}", cache.directory(), e);
      }
    }
  }
}
