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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.Call;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the informer continues after a watch ends, against a scripted API server: it resumes from the
 * last resourceVersion and lists again only on 410 Gone, whether the server sends the 410 as the
 * HTTP status or, as kube-apiserver's watch cache does, as an ERROR event.
 */
class JsonInformerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String GONE =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
          + "\"message\":\"too old resource version: 5 (9)\",\"reason\":\"Expired\",\"code\":410}";
  private static final String EXPIRED = "{\"type\":\"ERROR\",\"object\":" + GONE + "}";
  private static final String TOO_LARGE =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
          + "\"message\":\"Too large resource version: 5, current: 2\",\"reason\":\"Timeout\","
          + "\"details\":{\"causes\":[{\"reason\":\"ResourceVersionTooLarge\","
          + "\"message\":\"Too large resource version\"}]},\"code\":504}";

  /** What one watch request gets: a status, event lines, and whether the stream then breaks. */
  private record Answer(int status, List<String> lines, boolean broken) {
    static Answer events(String... lines) {
      return new Answer(200, List.of(lines), false);
    }
  }

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Deque<String> listVersions = new ArrayDeque<>(List.of("5", "7"));
  private final Deque<Answer> watchAnswers = new ArrayDeque<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private volatile boolean stopping;
  // Non-zero: every request, probes included, gets this status (a server that is down).
  private volatile int downStatus;
  private final List<String> probes = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private ApiClient client;
  private JsonInformer informer;

  @AfterEach
  void stop() {
    stopping = true;
    if (informer != null) {
      informer.close();
    }
    if (client != null) {
      ApiClients.release(client);
    }
    if (server != null) {
      server.stop(0);
    }
    threads.shutdownNow();
  }

  private void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(threads);
    server.createContext("/things", this::handle);
    server.createContext(
        "/readyz",
        ex -> {
          probes.add("readyz");
          send(ex, downStatus == 0 ? 200 : downStatus, "{}");
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    client = new ApiClient().setBasePath(base);
    KubeClient kube = ApiReachability.install(KubeClient.of(client));
    informer =
        new JsonInformer(
                "things",
                kube,
                new JsonInformer.Calls() {
                  @Override
                  public Call list() {
                    return kube.http().newCall(new Request.Builder().url(base + "/things").build());
                  }

                  @Override
                  public Call watch(String rv) {
                    return kube.http()
                        .newCall(
                            new Request.Builder()
                                .url(base + "/things?watch=true&resourceVersion=" + rv)
                                .build());
                  }
                },
                o -> true,
                (type, object) -> {})
            .start();
  }

  private void handle(HttpExchange ex) throws IOException {
    String query = ex.getRequestURI().getQuery();
    if (downStatus != 0) {
      requests.add("refused");
      send(ex, downStatus, "{}");
      return;
    }
    if (query == null) {
      String rv;
      synchronized (listVersions) {
        rv = listVersions.isEmpty() ? "99" : listVersions.poll();
      }
      requests.add("list");
      send(ex, 200, "{\"metadata\":{\"resourceVersion\":\"" + rv + "\"},\"items\":[]}");
      return;
    }
    requests.add("watch " + query.replaceAll(".*resourceVersion=", ""));
    Answer answer;
    synchronized (watchAnswers) {
      answer = watchAnswers.poll();
    }
    if (answer == null) {
      holdOpen(ex);
    } else if (answer.status() != 200) {
      send(ex, answer.status(), answer.status() == 504 ? TOO_LARGE : GONE);
    } else {
      byte[] body = (String.join("\n", answer.lines()) + "\n").getBytes(StandardCharsets.UTF_8);
      // A declared length longer than the body makes the client see the stream break.
      ex.sendResponseHeaders(200, answer.broken() ? body.length + 100 : 0);
      OutputStream out = ex.getResponseBody();
      out.write(body);
      out.flush();
      ex.close();
    }
  }

  private void holdOpen(HttpExchange ex) throws IOException {
    ex.sendResponseHeaders(200, 0);
    ex.getResponseBody().flush();
    try {
      while (!stopping && downStatus == 0) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ex.close();
  }

  private static void send(HttpExchange ex, int code, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void awaitRequests(int count) {
    await().atMost(WAIT).until(() -> requests.size() >= count);
  }

  @Test
  void aWatchErrorEventWithCode410MakesItListAgain() throws IOException {
    watchAnswers.add(Answer.events(EXPIRED));
    start();

    awaitRequests(4);
    assertThat(requests).startsWith("list", "watch 5", "list", "watch 7");
  }

  @Test
  void aWatchAnswered410GoneMakesItListAgain() throws IOException {
    watchAnswers.add(new Answer(410, List.of(), false));
    start();

    awaitRequests(4);
    assertThat(requests).startsWith("list", "watch 5", "list", "watch 7");
  }

  @Test
  void aWatchAnsweredTooLargeResourceVersionMakesItListAgain() throws IOException {
    watchAnswers.add(new Answer(504, List.of(), false));
    start();

    awaitRequests(4);
    assertThat(requests).startsWith("list", "watch 5", "list", "watch 7");
  }

  @Test
  void aWatchErrorEventTooLargeResourceVersionMakesItListAgain() throws IOException {
    watchAnswers.add(
        Answer.events(
            "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"message\":\"Too large resource version: 5,"
                + " current: 2\",\"code\":504}}"));
    start();

    awaitRequests(4);
    assertThat(requests).startsWith("list", "watch 5", "list", "watch 7");
  }

  @Test
  void whileTheServerIsDownOnlyTheProbeAsksAndItsAnswerResumesTheWatchAtOnce() throws Exception {
    watchAnswers.add(Answer.events());
    downStatus = 503;
    start();
    // The list fails: the server is down; the informer waits for the probe, not its backoff.
    await().atMost(WAIT).until(() -> probes.size() >= 3);
    assertThat(requests).as("requests to the down server besides the probe").hasSize(1);

    downStatus = 0;

    awaitRequests(3);
    assertThat(requests).startsWith("refused", "list", "watch 5");
    assertThat(informer.isSynced()).isTrue();
  }

  @Test
  void afterTheServerWasDownItListsAgainInsteadOfResuming() throws Exception {
    start();
    awaitRequests(2);

    downStatus = 503;
    await().atMost(WAIT).until(() -> requests.contains("refused") && probes.size() >= 2);
    downStatus = 0;

    awaitRequests(5);
    assertThat(requests).startsWith("list", "watch 5", "refused", "list", "watch 7");
  }

  @Test
  void aWatchErrorEventWithAnotherCodeIsRetriedFromTheSameResourceVersion() throws IOException {
    watchAnswers.add(
        Answer.events(
            "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"message\":\"etcd is unhappy\",\"code\":500}}"));
    start();

    awaitRequests(3);
    assertThat(requests).startsWith("list", "watch 5", "watch 5").doesNotContain("watch 7");
  }

  @Test
  void aBrokenStreamResumesFromTheLastEventSeen() throws IOException {
    watchAnswers.add(
        new Answer(
            200,
            List.of(
                "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\","
                    + "\"resourceVersion\":\"6\"}}}"),
            true));
    start();

    awaitRequests(3);
    assertThat(requests).startsWith("list", "watch 5", "watch 6");
    assertThat(informer.get("a")).isPresent();
  }

  @Test
  void aWatchThatEndsResumesFromTheLastBookmark() throws IOException {
    watchAnswers.add(
        Answer.events(
            "{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\"9\"}}}"));
    start();

    awaitRequests(3);
    assertThat(requests).startsWith("list", "watch 5", "watch 9");
  }

  @Test
  void closeCancelsTheOpenWatchAndEndsTheThreadBeforeReturning() throws IOException {
    start();
    awaitRequests(2);

    informer.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .doesNotContain("informer things");
    assertThat(client.getHttpClient().connectionPool().connectionCount())
        .as("the cancelled watch's connection is not kept")
        .isZero();
  }
}
