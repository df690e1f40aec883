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
package io.dra4j.bench.slices;

import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.kube.ApiClients;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ResourceSlice publishing against {@link FakeApiServer} over real HTTP: the writes one node makes
 * for a first publish, a no-op republish and a one-device change, then how many writes and how long
 * 500 nodes with 16 devices each need to converge (first publish, then a no-op republish). Usage:
 * {@code PublishBenchmark [nodes] [devicesPerNode]}.
 */
public final class PublishBenchmark {
  private static final String DRIVER = "gpu.example.com";

  private PublishBenchmark() {}

  /** Runs the benchmark and prints a table. */
  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int devices = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    List<String[]> rows = new ArrayList<>();
    singleNode(devices, rows);
    manyNodes(nodes, devices, rows);
    System.out.printf(Locale.ROOT, "%-52s %8s %10s%n", "scenario", "writes", "time (ms)");
    for (String[] r : rows) {
      System.out.printf(Locale.ROOT, "%-52s %8s %10s%n", r[0], r[1], r[2]);
    }
    System.exit(0);
  }

  private static Resources resources(String node, int devices, String model) {
    Pool.Builder b = Pool.builder(node);
    for (int i = 0; i < devices; i++) {
      b.device(
          Device.builder("gpu-" + i)
              .attribute("index", i)
              .attribute("model", i == 0 ? model : "h100")
              .capacity("memory", "80Gi")
              .build());
    }
    return Resources.of(b.build());
  }

  private static void singleNode(int devices, List<String[]> rows) throws Exception {
    try (FakeApiServer api = FakeApiServer.start()) {
      api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-0}}");
      try (KubeBackend kube = KubeBackend.connectOwned(api.client(), DRIVER, "node-0")) {
        SlicePublisher p = kube.publisher();
        step(
            rows,
            api,
            "1 node: first publish (" + devices + " devices)",
            p,
            resources("node-0", devices, "h100"));
        step(
            rows,
            api,
            "1 node: republish, nothing changed",
            p,
            resources("node-0", devices, "h100"));
        step(rows, api, "1 node: one device changed", p, resources("node-0", devices, "h200"));
      }
    }
  }

  private static void step(
      List<String[]> rows, FakeApiServer api, String name, SlicePublisher p, Resources r)
      throws InterruptedException {
    api.requests().clear();
    long start = System.nanoTime();
    p.publish(r);
    if (!p.awaitSynced(Duration.ofSeconds(60))) {
      throw new IllegalStateException(name + ": not synced: " + p.stats());
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    rows.add(
        new String[] {name, String.valueOf(api.requests().writeCount("resourceslices")), ms(ms)});
  }

  private static void manyNodes(int nodes, int devices, List<String[]> rows) throws Exception {
    try (FakeApiServer api = FakeApiServer.start()) {
      for (int n = 0; n < nodes; n++) {
        api.apply("{apiVersion: v1, kind: Node, metadata: {name: node-" + n + "}}");
      }
      ApiClient client = api.client();
      List<KubeBackend> backends = new ArrayList<>();
      List<SlicePublisher> publishers = new ArrayList<>();
      for (int n = 0; n < nodes; n++) {
        KubeBackend kube = KubeBackend.connect(client, DRIVER, "node-" + n);
        backends.add(kube);
        publishers.add(kube.publisher());
      }
      try {
        for (String phase : new String[] {"first publish", "republish, nothing changed"}) {
          api.requests().clear();
          long start = System.nanoTime();
          for (int n = 0; n < nodes; n++) {
            publishers.get(n).publish(resources("node-" + n, devices, "h100"));
          }
          for (SlicePublisher p : publishers) {
            if (!p.awaitSynced(Duration.ofMinutes(5))) {
              throw new IllegalStateException("not synced: " + p.stats());
            }
          }
          long ms = (System.nanoTime() - start) / 1_000_000;
          rows.add(
              new String[] {
                nodes + " nodes x " + devices + " devices: " + phase,
                String.valueOf(api.requests().writeCount("resourceslices")),
                ms(ms)
              });
        }
        rows.add(
            new String[] {
              nodes + " nodes: slices stored",
              String.valueOf(api.list("resourceslices").size()),
              "-"
            });
      } finally {
        backends.forEach(KubeBackend::close);
        ApiClients.release(client);
      }
    }
  }

  private static String ms(long ms) {
    return String.valueOf(ms);
  }
}
