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

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.dra4j.runtime.internal.lifecycle.Shutdown;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket of the fake server on 127.0.0.1: binds a port, can stop listening and listen
 * again on the same port (for an unreachable server), and runs each request on a daemon thread of
 * its own pool.
 */
final class Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final int BACKLOG = 128;
  private static final int REBIND_ATTEMPTS = 50;
  private static final long REBIND_PAUSE_MS = 100;

  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // the body waits for the client's delayed ACK, about 40 ms per request. The property is read
    // once, when the first server of the JVM starts; an explicit setting wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final ExecutorService executor;
  private final int port;
  private HttpServer http;
  private HttpHandler handler;
  private boolean closed;

  private Listener(HttpServer http) {
    this.http = http;
    this.port = http.getAddress().getPort();
    AtomicInteger threads = new AtomicInteger();
    // Idle request threads end after a second, so that the thread count follows the open requests.
    executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            1,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "fake-apiserver-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Binds the port (0 for an ephemeral one); requests are answered once {@link #serve} is called.
   *
   * @throws IllegalStateException naming the port when it cannot be bound
   */
  static Listener bind(int port) {
    try {
      return new Listener(create(port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the fake API server on port "
              + port
              + ": "
              + e.getMessage()
              + "; choose a free port or 0 for an ephemeral one",
          e);
    }
  }

  private static HttpServer create(int port) throws IOException {
    return HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
  }

  /** Starts answering requests with {@code handler}. */
  synchronized void serve(HttpHandler handler) {
    this.handler = handler;
    start(http);
  }

  private void start(HttpServer server) {
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
  }

  /** The bound port. */
  int port() {
    return port;
  }

  /** Whether the socket is open. */
  synchronized boolean listening() {
    return http != null;
  }

  /** Closes the socket (clients get "connection refused"); the thread pool stays. */
  synchronized void stop() {
    if (http != null) {
      http.stop(0);
      http = null;
    }
  }

  /**
   * Listens on the same port again (not after {@link #close}), retrying for a few seconds while the
   * old socket lingers.
   *
   * @throws IllegalStateException when the port stays taken
   */
  synchronized void resume() {
    if (http != null || closed) {
      return;
    }
    IOException last = null;
    for (int attempt = 0; attempt < REBIND_ATTEMPTS; attempt++) {
      try {
        HttpServer server = create(port);
        start(server);
        http = server;
        return;
      } catch (IOException e) {
        last = e;
        try {
          Thread.sleep(REBIND_PAUSE_MS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new IllegalStateException(
        "cannot listen on port " + port + " again: another process took it", last);
  }

  /** Closes the socket for good and waits for the request threads to end. */
  synchronized void close() {
    closed = true;
    stop();
    if (!Shutdown.executor(executor, STOP_TIMEOUT)) {
      LOG.warn(
          "request threads of the fake API server on port {} still run after {}",
          port,
          STOP_TIMEOUT);
    }
  }
}
