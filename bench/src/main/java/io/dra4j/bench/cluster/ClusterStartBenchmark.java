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
package io.dra4j.bench.cluster;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How fast a {@link DraCluster} starts with a minimal provider (the time a {@code @DraTest} class
 * waits in {@code beforeAll}), and how many pods per second go through the whole path (claim from a
 * template, allocation, binding, NodePrepareResources over a unix socket, CDI view, deletion).
 *
 * <p>Usage: {@code ClusterStartBenchmark [starts=10] [pods=200]}. The first start of a JVM is
 * reported on its own: it pays for loading gRPC, Netty and client-java.
 */
public final class ClusterStartBenchmark {
  private ClusterStartBenchmark() {}

  /** Four devices; the container gets the device name. */
  public static final class TinyDriver implements DeviceProvider {
    @Override
    public String driverName() {
      return "tiny.example.com";
    }

    @Override
    public void start(DriverContext context) {
      Pool.Builder pool = Pool.builder(context.nodeName());
      for (int i = 0; i < 4; i++) {
        pool.device(Device.builder("dev-" + i).build());
      }
      context.publish(Resources.of(pool.build()));
    }

    @Override
    public Preparation prepare(PrepareRequest request) {
      Preparation.Builder out = Preparation.builder();
      for (AllocatedDevice d : request.devices()) {
        out.device(d, ContainerEdits.builder().env("TINY_DEVICE", d.device()).build());
      }
      return out.build();
    }

    @Override
    public void unprepare(PreparedClaim claim) {
      // nothing on the host
    }
  }

  public static void main(String[] args) {
    int starts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int podCount = args.length > 1 ? Integer.parseInt(args[1]) : 200;

    List<Double> warm = new ArrayList<>();
    for (int i = 0; i <= starts; i++) {
      long t0 = System.nanoTime();
      try (DraCluster cluster = DraCluster.builder().provider(TinyDriver::new).start()) {
        double ms = (System.nanoTime() - t0) / 1e6;
        if (i == 0) {
          System.out.printf(Locale.ROOT, "first start in this JVM: %.0f ms%n", ms);
        } else {
          warm.add(ms);
        }
      }
    }
    Collections.sort(warm);
    System.out.printf(
        Locale.ROOT,
        "warm starts (%d): min %.0f ms, p50 %.0f ms, max %.0f ms%n",
        warm.size(),
        warm.get(0),
        warm.get(warm.size() / 2),
        warm.get(warm.size() - 1));

    try (DraCluster cluster = DraCluster.builder().provider(TinyDriver::new).start()) {
      cluster.applyDeviceClass("tiny.example.com");
      cluster.applyClaimTemplate("one", "dev", "tiny.example.com", 1);
      long t0 = System.nanoTime();
      for (int i = 0; i < podCount; i++) {
        PodRun run = cluster.runPod(PodSpec.pod("p-" + i).claimFromTemplate("dev", "one").build());
        if (!run.running()) {
          throw new IllegalStateException("pod p-" + i + " did not run: " + run);
        }
        cluster.deletePod("p-" + i);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "pods run and deleted: %d in %.2f s = %.0f pods/s (%.1f ms per pod)%n",
          podCount,
          seconds,
          podCount / seconds,
          seconds * 1000 / podCount);
    }
  }
}
