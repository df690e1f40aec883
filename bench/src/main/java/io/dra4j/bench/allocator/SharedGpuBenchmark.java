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
package io.dra4j.bench.allocator;

import io.dra4j.testkit.allocator.AllocationOutcome;
import io.dra4j.testkit.allocator.Allocator;
import io.dra4j.testkit.allocator.ClusterState;
import io.dra4j.testkit.allocator.DraObjects;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1CapacityRequestPolicy;
import io.kubernetes.client.openapi.models.V1CapacityRequestPolicyRange;
import io.kubernetes.client.openapi.models.V1CapacityRequirements;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1DeviceCapacity;
import io.kubernetes.client.openapi.models.V1DeviceRequest;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Consumable capacity at scale: every node has 8 GPUs that allow multiple allocations, each with
 * 80Gi of memory under a request policy (default 10Gi, range 1Gi to 80Gi in 1Gi steps). A claim
 * asks for one GPU with 10Gi and a {@code distinctAttribute} constraint; the first 90% of the nodes
 * (in the order tried) have every GPU's memory taken by 8 shares, so each claim walks them first.
 *
 * <p>Run: {@code java -cp <bench classpath> io.dra4j.bench.allocator.SharedGpuBenchmark
 * [nodes...]}.
 */
public final class SharedGpuBenchmark {
  private static final String DRIVER = "gpu.example.com";
  private static final int GPUS = 8;
  private static final int SHARES = 8;
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private SharedGpuBenchmark() {}

  public static void main(String[] args) {
    int[] sizes =
        args.length == 0
            ? new int[] {100, 1000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    for (int n : sizes) {
      run(n);
    }
  }

  private static V1ResourceSlice slice(String node) {
    List<V1Device> devices = new ArrayList<>();
    for (int g = 0; g < GPUS; g++) {
      V1Device d =
          DraObjects.device("gpu-" + g).attr("index", g).allowMultipleAllocations().build();
      d.putCapacityItem(
          "memory",
          new V1DeviceCapacity()
              .value(Quantity.fromString("80Gi"))
              .requestPolicy(
                  new V1CapacityRequestPolicy()
                      ._default(Quantity.fromString("10Gi"))
                      .validRange(
                          new V1CapacityRequestPolicyRange()
                              .min(Quantity.fromString("1Gi"))
                              .max(Quantity.fromString("80Gi"))
                              .step(Quantity.fromString("1Gi")))));
      devices.add(d);
    }
    return DraObjects.slice(node + "-gpus", DRIVER, node).nodeName(node).devices(devices).build();
  }

  private static ResourceV1ResourceClaim claim(int i) {
    V1DeviceRequest r = DraObjects.request("g", "gpu", 1);
    r.getExactly()
        .capacity(
            new V1CapacityRequirements().requests(Map.of("memory", Quantity.fromString("10Gi"))));
    return DraObjects.claim("bench", "shared-" + i)
        .request(r)
        .distinctAttribute(DRIVER + "/index")
        .build();
  }

  private static void run(int n) {
    List<V1Node> nodes = new ArrayList<>();
    List<V1ResourceSlice> slices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(DraObjects.node("gpu-node-" + i));
      slices.add(slice("gpu-node-" + i));
    }
    Allocator a =
        Allocator.create(
            ClusterState.of(
                slices,
                List.of(DraObjects.deviceClass("gpu", "device.driver == '" + DRIVER + "'"))));
    int full = (int) Math.round(n * 0.9);
    int k = 0;
    // One node at a time: its 64 claims together, then they are applied at once.
    for (int i = 0; i < full; i++) {
      List<ResourceV1ResourceClaim> batch = new ArrayList<>();
      for (int s = 0; s < GPUS * SHARES; s++) {
        batch.add(claim(k++));
      }
      AllocationOutcome o = a.allocate(nodes.get(i), batch);
      if (!(o instanceof AllocationOutcome.Allocated done)) {
        throw new IllegalStateException("filling node " + i + ": " + o);
      }
      a = a.withAllocated(done.applyTo(batch));
    }
    System.gc();
    int iterations = Math.max(200, 20000 / n);
    for (int i = 0; i < iterations / 2; i++) {
      a.allocateOnAnyNode(nodes, List.of(claim(k + i)));
    }
    long[] cpu = new long[iterations];
    long[] wall = new long[iterations];
    String node = "";
    for (int i = 0; i < iterations; i++) {
      long c = CPU.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      AllocationOutcome o = a.allocateOnAnyNode(nodes, List.of(claim(k + i)));
      wall[i] = System.nanoTime() - t;
      cpu[i] = CPU.getCurrentThreadCpuTime() - c;
      if (!(o instanceof AllocationOutcome.Allocated)) {
        throw new IllegalStateException("expected an allocation: " + o);
      }
      node = o.node();
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(
        Locale.ROOT,
        "%d node(s), %d shared GPUs, 90%% full (%d shares): CPU p50 %.3f ms, p99 %.3f ms |"
            + " wall p50 %.3f ms, p99 %.3f ms (fits on %s; %d runs)%n",
        n,
        n * GPUS,
        k,
        cpu[cpu.length / 2] / 1e6,
        cpu[(int) (cpu.length * 0.99)] / 1e6,
        wall[wall.length / 2] / 1e6,
        wall[(int) (wall.length * 0.99)] / 1e6,
        node,
        iterations);
  }
}
