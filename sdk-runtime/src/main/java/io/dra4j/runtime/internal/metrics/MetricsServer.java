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
package io.dra4j.runtime.internal.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dra4j.runtime.internal.lifecycle.Shutdown;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for {@code /metrics} (Prometheus text), {@code /healthz} (the process
 * answers) and {@code /readyz} (started and registered with the kubelet). One daemon thread.
 */
public final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on one address.
   *
   * @param address the address to listen on, see {@link ListenAddress}
   * @param port the TCP port
   * @param metrics renders the metrics text
   * @param ready whether the plugin is ready
   * @param notReadyReason why not, for the {@code /readyz} body
   * @throws IOException when the port cannot be bound; the message names the port and the fix
   */
  public static MetricsServer start(
      InetAddress address,
      int port,
      Supplier<String> metrics,
      BooleanSupplier ready,
      Supplier<String> notReadyReason)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 16);
    } catch (IOException e) {
      throw new IOException(
          "cannot serve metrics on "
              + address.getHostAddress()
              + " port "
              + port
              + ": "
              + e.getMessage()
              + "; pick a free port, an address of this pod (or 0.0.0.0), or port 0 to turn"
              + " metrics off",
          e);
    }
    server.createContext(
        "/metrics",
        exchange -> {
          String text;
          try {
            text = metrics.get();
          } catch (RuntimeException e) {
            // Without an answer the scraper only sees a dropped connection.
            LOG.error("cannot render the metrics", e);
            respond(exchange, 500, "text/plain", "cannot render the metrics: " + e + "\n");
            return;
          }
          respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", text);
        });
    server.createContext("/healthz", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
    server.createContext(
        "/readyz",
        exchange -> {
          if (ready.getAsBoolean()) {
            respond(exchange, 200, "text/plain", "ready\n");
          } else {
            respond(exchange, 503, "text/plain", "not ready: " + notReadyReason.get() + "\n");
          }
        });
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "dra4j-metrics-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return new MetricsServer(server, executor);
  }

  /** The bound address (useful with port 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void respond(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(code, -1);
        return;
      }
      exchange.sendResponseHeaders(code, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops listening, closes every connection and waits for the request thread to end. */
  @Override
  public void close() {
    server.stop(0);
    if (!Shutdown.executor(executor, Duration.ofSeconds(5))) {
      LOG.warn("the metrics request thread did not end within 5 s");
    }
  }
}
