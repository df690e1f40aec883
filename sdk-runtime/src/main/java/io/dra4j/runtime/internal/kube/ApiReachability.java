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

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the API server answers, as seen from every request of one client, and the one cheap probe
 * that finds out when it answers again. Installed as an interceptor by {@link KubeBackend}: a
 * refused or broken connection or a 503 marks the server down, any other answer marks it up. While
 * it is down and someone waits in {@link #awaitRetry}, one thread probes {@code GET /readyz} with a
 * backoff capped at a second (jittered); the first answer wakes every waiter at once, so watches
 * and the slice publisher resync right away instead of at the next step of their own backoffs,
 * while a down server gets about one request a second from the probe and next to none from the
 * waiters (they retry on their own only every 30 s, in case the probe is wrong). Thread-safe.
 */
public final class ApiReachability implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(ApiReachability.class);
  private static final Duration PROBE_FIRST = Duration.ofMillis(100);
  private static final Duration PROBE_MAX = Duration.ofSeconds(1);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration DOWN_FALLBACK = Duration.ofSeconds(30);
  private static final int UNAVAILABLE = 503;

  /** Marks the probe's own requests, which the interceptor leaves to the probe. */
  private enum ProbeTag {
    INSTANCE
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition answered = lock.newCondition();
  private volatile OkHttpClient http;
  private String baseUrl = "";
  private boolean down;
  private long recoveries;
  private int waiters;
  private Thread probe;

  private ApiReachability() {}

  /**
   * The reachability installed on {@code client} by {@link KubeBackend}, or a detached one that
   * never sees a request (its {@link #awaitRetry} simply waits) for a client that was not prepared.
   */
  public static ApiReachability of(KubeClient client) {
    return client.http().interceptors().stream()
        .filter(ApiReachability.class::isInstance)
        .map(ApiReachability.class::cast)
        .findFirst()
        .orElseGet(ApiReachability::new);
  }

  /** {@code client} with a reachability installed once (see {@link #of}). */
  static KubeClient install(KubeClient client) {
    ApiReachability existing = of(client);
    KubeClient installed =
        client.http().interceptors().contains(existing)
            ? client
            : client.withHttp(client.http().newBuilder().addInterceptor(existing).build());
    existing.http = installed.http().newBuilder().callTimeout(PROBE_TIMEOUT).build();
    existing.baseUrl = installed.basePath();
    return installed;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (chain.request().tag(ProbeTag.class) != null) {
      return chain.proceed(chain.request());
    }
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException e) {
      if (!chain.call().isCanceled()) {
        markDown(e.toString());
      }
      throw e;
    }
    if (response.code() == UNAVAILABLE) {
      markDown("HTTP 503");
    } else if (response.code() < 500) {
      markUp();
    }
    return response;
  }

  /** Whether the last request found the server down. */
  public boolean isDown() {
    lock.lock();
    try {
      return down;
    } finally {
      lock.unlock();
    }
  }

  /**
   * How many times the server answered again after being down; pass it to {@link #awaitRetry} taken
   * before an attempt, so that a recovery during the attempt is not missed.
   */
  public long recoveries() {
    lock.lock();
    try {
      return recoveries;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits before retrying a failed request: up to {@code backoff}; when the server is down, until
   * the probe finds it answering again (or 30 s at most), and not at all when it answered again
   * since {@code recoveriesBefore}.
   *
   * @throws InterruptedException when interrupted
   */
  public void awaitRetry(Duration backoff, long recoveriesBefore) throws InterruptedException {
    lock.lock();
    try {
      waiters++;
      Duration wait = backoff;
      if (down && http != null) {
        startProbe();
        // The probe asks for everyone; retrying on one's own is only the fallback.
        wait = wait.compareTo(DOWN_FALLBACK) < 0 ? DOWN_FALLBACK : wait;
      }
      long deadline = System.nanoTime() + wait.toNanos();
      while (recoveries == recoveriesBefore) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        answered.awaitNanos(left);
      }
    } finally {
      waiters--;
      lock.unlock();
    }
  }

  private void markDown(String why) {
    lock.lock();
    try {
      if (!down) {
        down = true;
        LOG.info("the API server at {} does not answer ({}); probing it", baseUrl, why);
      }
    } finally {
      lock.unlock();
    }
  }

  private void markUp() {
    lock.lock();
    try {
      if (!down) {
        return;
      }
      down = false;
      recoveries++;
      answered.signalAll();
    } finally {
      lock.unlock();
    }
    LOG.info("the API server at {} answers again; resyncing", baseUrl);
  }

  /** Under the lock. */
  private void startProbe() {
    if (probe != null || http == null) {
      return;
    }
    probe = new Thread(this::probeLoop, "api-probe " + baseUrl);
    probe.setDaemon(true);
    probe.start();
  }

  private void probeLoop() {
    Backoff backoff = new Backoff(PROBE_FIRST, PROBE_MAX);
    try {
      while (true) {
        lock.lock();
        try {
          if (!down || waiters == 0) {
            return;
          }
        } finally {
          lock.unlock();
        }
        try {
          Thread.sleep(backoff.next().toMillis());
        } catch (InterruptedException e) {
          return;
        }
        if (answers()) {
          markUp();
          return;
        }
      }
    } finally {
      lock.lock();
      try {
        probe = null;
        // Went down again while this probe was ending: someone may be waiting for the next one.
        if (down && waiters > 0) {
          startProbe();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Whether {@code GET /readyz} gets an answer below 500: ready, or an answer that shows the server
   * is there but will not say (401, 403, 404).
   */
  private boolean answers() {
    Request request =
        new Request.Builder()
            .url(baseUrl + "/readyz")
            .tag(ProbeTag.class, ProbeTag.INSTANCE)
            .get()
            .build();
    try (Response r = http.newCall(request).execute()) {
      return r.code() < 500;
    } catch (IOException | RuntimeException e) {
      LOG.debug("probe of {} failed: {}", baseUrl, e.toString());
      return false;
    }
  }
}
