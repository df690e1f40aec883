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

import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the {@code Authorization} header to every request: none, basic auth, a token file read again
 * after a refresh period (the service account's, which the kubelet rotates), or a token from an
 * exec plugin or auth provider, asked for again once when the server answers 401.
 */
final class BearerAuth implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);
  private static final Duration NEVER = Duration.ofDays(36_500);
  private final Refresh refresh;
  private volatile String current;
  private volatile long readAt;
  private final long maxAgeNanos;

  /** Fetches a fresh header value; empty when there is none. */
  @FunctionalInterface
  private interface Refresh {
    String fetch() throws IOException;
  }

  private BearerAuth(String initial, Refresh refresh, Duration maxAge) {
    this.current = initial;
    this.refresh = refresh;
    this.maxAgeNanos = maxAge.toNanos();
    this.readAt = System.nanoTime();
  }

  /** Adds nothing: the HTTP client authenticates with a client certificate, or not at all. */
  static BearerAuth none() {
    return new BearerAuth("", () -> "", NEVER);
  }

  /** HTTP basic auth. */
  static BearerAuth basic(String user, String password) {
    String value =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new BearerAuth(value, () -> value, NEVER);
  }

  /** The token in {@code file}, read again when older than {@code refresh} or after a 401. */
  static BearerAuth tokenFile(Path file, Duration refresh) throws IOException {
    Refresh read = () -> "Bearer " + Files.readString(file, StandardCharsets.UTF_8).trim();
    return new BearerAuth(read.fetch(), read, refresh);
  }

  /**
   * {@code token} first; after a 401, the token {@code credentials} gives then (an exec plugin runs
   * again, an auth provider refreshes).
   */
  static BearerAuth refreshing(String token, Supplier<Map<String, String>> credentials) {
    Refresh again =
        () -> {
          Map<String, String> c = credentials.get();
          String t = c == null ? null : c.get(KubeConfig.CRED_TOKEN_KEY);
          if (t == null || t.isBlank()) {
            throw new IOException(
                "the kubeconfig's exec plugin or auth provider gave no token; check its command");
          }
          return "Bearer " + t;
        };
    return new BearerAuth("Bearer " + token, again, NEVER);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (System.nanoTime() - readAt > maxAgeNanos) {
      renewIfStale();
    }
    Response response = chain.proceed(withHeader(chain.request(), current));
    boolean oneShot = chain.request().body() != null && chain.request().body().isOneShot();
    if (response.code() != 401 || current.isEmpty() || oneShot) {
      return response;
    }
    String before = current;
    renew();
    if (before.equals(current)) {
      return response;
    }
    response.close();
    return chain.proceed(withHeader(chain.request(), current));
  }

  /** Renews once for all the callers that found the credentials stale at the same time. */
  private synchronized void renewIfStale() throws IOException {
    if (System.nanoTime() - readAt > maxAgeNanos) {
      renew();
    }
  }

  private synchronized void renew() throws IOException {
    try {
      String fresh = refresh.fetch();
      if (!fresh.isEmpty()) {
        current = fresh;
      }
    } catch (IOException | RuntimeException e) {
      if (current.isEmpty()) {
        throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      }
      // A rotating token file is briefly missing, or the exec plugin failed: keep the last token.
      LOG.warn("cannot renew the API credentials ({}); using the last ones", e.toString());
    } finally {
      readAt = System.nanoTime();
    }
  }

  private static Request withHeader(Request request, String value) {
    return value.isEmpty() || request.header("Authorization") != null
        ? request
        : request.newBuilder().header("Authorization", value).build();
  }
}
