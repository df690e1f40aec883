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
package io.dra4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.PoolScope;
import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.dra4j.testkit.apiserver.Outage;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * How fast the slice publisher recovers from an API server outage, and how little it asks a server
 * that is down. The outage lasts 16 s (override with {@code -Ddra4j.it.outageSeconds}): at that
 * point a retry schedule of 100 ms doubling with ±20% jitter, which the publisher and its watches
 * used alone before, has its next attempt at 20.4 s at the earliest, so recovering before 4.4 s
 * after the server answers again proves the probe, not the backoff, brought it back.
 */
// Beside the other classes, and its outages beside each other: each test has its own API server.
@Execution(ExecutionMode.CONCURRENT)
class OutageRecoveryIT {
  private static final String DRIVER = "gpu.example.com";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long OUTAGE_MILLIS = Long.getLong("dra4j.it.outageSeconds", 16) * 1000;
  // The earliest retry of the plain backoff after a 16 s outage, measured from the server's return.
  private static final Duration BACKOFF_EARLIEST = Duration.ofMillis(4400);
  // About one probe a second plus a few backed-off retries of each watch.
  private static final double MAX_REQUESTS_PER_SECOND = 2.0;

  private FakeApiServer api;
  private KubeBackend kube;
  private final List<Long> requestTimes = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (kube != null) {
      kube.close();
    }
    if (api != null) {
      api.close();
    }
  }

  /** A client of {@code api} that notes the time of every request it sends, answered or not. */
  private ApiClient countingClient() {
    ApiClient client = api.client();
    client.setHttpClient(
        client
            .getHttpClient()
            .newBuilder()
            .addInterceptor(
                chain -> {
                  requestTimes.add(System.nanoTime());
                  return chain.proceed(chain.request());
                })
            .build());
    return client;
  }

  private long requestsBetween(long fromNanos, long toNanos) {
    return requestTimes.stream().filter(t -> t >= fromNanos && t < toNanos).count();
  }

  private static Resources resources() {
    return Resources.of(
        Pool.builder("node-a").device(Device.builder("gpu-0").build()).build(),
        Pool.builder("fabric")
            .scope(PoolScope.allNodes())
            .device(Device.builder("link-0").build())
            .build());
  }

  private static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  private SlicePublisher startPublisher() {
    api = FakeApiServer.start();
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");
    kube = KubeBackend.connectOwned(countingClient(), DRIVER, "node-a");
    return kube.publisher();
  }

  /** Waits for both slices, then reports how long after {@code up} they were there. */
  private void awaitRecovery(String what, long down, long up) {
    Awaitility.with()
        .pollInterval(Duration.ofMillis(10))
        .await()
        .atMost(WAIT)
        .until(() -> api.list("resourceslices").size() == 2);
    report(what, Duration.ofNanos(System.nanoTime() - up), requestsBetween(down, up));
  }

  private void report(String what, Duration recovery, long requests) {
    double perSecond = requests * 1000.0 / OUTAGE_MILLIS;
    System.out.printf(
        "%s: outage %d ms, republished %d ms after the API server answered again; %d requests"
            + " to the down server (%.2f/s)%n",
        what, OUTAGE_MILLIS, recovery.toMillis(), requests, perSecond);
    assertThat(perSecond)
        .as("requests per second to the down server")
        .isLessThanOrEqualTo(MAX_REQUESTS_PER_SECOND);
    if (OUTAGE_MILLIS == 16_000) {
      assertThat(recovery)
          .as("recovery after the server answered again")
          .isLessThan(BACKOFF_EARLIEST);
    }
  }

  @Test
  void slicesComeBackSoonAfterAnApiServerThatLostItsDataStartsAgain() throws Exception {
    SlicePublisher publisher = startPublisher();
    publisher.publish(resources());
    assertThat(publisher.awaitSynced(WAIT)).isTrue();
    int port = api.port();

    api.close();
    long down = System.nanoTime();
    sleep(OUTAGE_MILLIS);
    api = FakeApiServer.start(port);
    long up = System.nanoTime();
    // The kubelet registers its Node again; the slices are the publisher's to restore.
    api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-a}}");

    awaitRecovery("empty restart", down, up);
    assertThat(publisher.awaitSynced(WAIT)).isTrue();
  }

  @Test
  void aStatePublishedWhileTheServerAnswers503IsWrittenSoonAfterItRecovers() throws Exception {
    SlicePublisher publisher = startPublisher();
    publisher.publish(Resources.of(resources().pools().get(0)));
    assertThat(publisher.awaitSynced(WAIT)).isTrue();

    api.faults().outage(Outage.UNAVAILABLE);
    long down = System.nanoTime();
    publisher.publish(resources());
    sleep(OUTAGE_MILLIS);
    api.faults().outage(Outage.NONE);
    long up = System.nanoTime();

    awaitRecovery("503 outage", down, up);
    await().atMost(WAIT).until(() -> publisher.awaitSynced(Duration.ofMillis(100)));
  }
}
