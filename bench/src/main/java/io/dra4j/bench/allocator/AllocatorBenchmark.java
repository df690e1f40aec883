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
import io.dra4j.testkit.cel.DeviceCel;
import io.dra4j.testkit.cel.DeviceSelector;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Claims per second for the aligned 4 Neuron + 4 EFA claim ({@code matchAttribute
 * resource.aws.com/devicegroup4_id}) on 1, 100 and 1,000 simulated trn2.48xlarge nodes, and the
 * cost of one CEL selector evaluation. Scenarios:
 *
 * <ul>
 *   <li><b>empty</b>: every node free; the first node fits.
 *   <li><b>90% full</b>: the first 90% of nodes (in the order tried) have all four groups
 *       allocated, the rest are free; each claim walks the full nodes first (first-fit worst case).
 *   <li><b>fill</b>: from empty, allocate claims until every group of every node is taken, applying
 *       each allocation before the next claim (4 claims per node).
 * </ul>
 *
 * <p>Run: {@code java -cp <bench classpath> io.dra4j.bench.allocator.AllocatorBenchmark
 * [nodes...]}.
 */
public final class AllocatorBenchmark {

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private AllocatorBenchmark() {}

  public static void main(String[] args) {
    int[] sizes =
        args.length == 0
            ? new int[] {1, 100, 1000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.printf(
        Locale.ROOT,
        "java %s, %d cpus%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    celCost();
    for (int n : sizes) {
      cluster(n);
    }
  }

  private static List<V1Node> nodes(int n) {
    List<V1Node> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(DraObjects.node("trn2-" + i));
    }
    return nodes;
  }

  private static ResourceV1ResourceClaim claim(int i) {
    return Trn2Slices.alignedClaim("bench", "claim-" + i, 4, 4);
  }

  private static void cluster(int n) {
    List<V1Node> nodes = nodes(n);
    long t0 = System.nanoTime();
    Allocator empty =
        Allocator.create(
            ClusterState.of(Trn2Slices.slices("trn2-", n), Trn2Slices.deviceClasses()));
    double buildMs = (System.nanoTime() - t0) / 1e6;
    t0 = System.nanoTime();
    AllocationOutcome first = empty.allocateOnAnyNode(nodes, List.of(claim(0)));
    double coldMs = (System.nanoTime() - t0) / 1e6;
    check(first);
    System.out.printf(
        Locale.ROOT,
        "%n%d node(s), %d devices: catalog built in %.1f ms CPU; first claim (cold CEL cache) %.2f ms CPU%n",
        n,
        n * 32,
        buildMs,
        coldMs);

    measure("empty", empty, nodes, Math.max(2000, 20000 / Math.max(1, n / 10)));

    Allocator full = fillFirst(empty, nodes, (int) Math.round(n * 0.9));
    if (n >= 10) {
      measure("90% full", full, nodes, Math.max(200, 20000 / n));
    }

    t0 = System.nanoTime();
    long c0 = CPU.getCurrentThreadCpuTime();
    Allocator a = empty;
    int claims = 0;
    while (true) {
      ResourceV1ResourceClaim c = claim(claims);
      AllocationOutcome o = a.allocateOnAnyNode(nodes, List.of(c));
      if (!(o instanceof AllocationOutcome.Allocated allocated)) {
        break;
      }
      a = a.withAllocated(allocated.applyTo(List.of(c)));
      claims++;
      if (claims > n * 4) {
        throw new IllegalStateException("more claims fit than groups exist");
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "  fill    : %d claims (every group of every node), applying each result: CPU %.2f s ="
            + " %.0f claims/s | wall %.2f s = %.0f claims/s%n",
        claims,
        cpuSeconds,
        claims / cpuSeconds,
        seconds,
        claims / seconds);
  }

  /** Allocates all four groups on the first {@code count} nodes. */
  private static Allocator fillFirst(Allocator a, List<V1Node> nodes, int count) {
    List<ResourceV1ResourceClaim> done = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      for (int g = 0; g < 4; g++) {
        ResourceV1ResourceClaim c = claim(i * 4 + g);
        AllocationOutcome o = a.allocate(nodes.get(i), List.of(c));
        check(o);
        done.addAll(((AllocationOutcome.Allocated) o).applyTo(List.of(c)));
        a = a.withAllocated(((AllocationOutcome.Allocated) o).applyTo(List.of(c)));
      }
    }
    return a;
  }

  private static void measure(String scenario, Allocator a, List<V1Node> nodes, int iterations) {
    for (int i = 0; i < iterations / 2; i++) {
      check(a.allocateOnAnyNode(nodes, List.of(claim(i))));
    }
    long[] ns = new long[iterations];
    long[] cpu = new long[iterations];
    String node = "";
    for (int i = 0; i < iterations; i++) {
      long c = CPU.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      AllocationOutcome o = a.allocateOnAnyNode(nodes, List.of(claim(i)));
      ns[i] = System.nanoTime() - t;
      cpu[i] = CPU.getCurrentThreadCpuTime() - c;
      check(o);
      node = o.node();
    }
    Arrays.sort(ns);
    Arrays.sort(cpu);
    System.out.printf(
        Locale.ROOT,
        "  %-8s: CPU %,.0f claims/s, p50 %.3f ms, p99 %.3f ms | wall %,.0f claims/s, p50 %.3f ms,"
            + " p99 %.3f ms (fits on %s; %d runs)%n",
        scenario,
        1e9 / Arrays.stream(cpu).average().orElse(1),
        cpu[cpu.length / 2] / 1e6,
        cpu[(int) (cpu.length * 0.99)] / 1e6,
        1e9 / Arrays.stream(ns).average().orElse(1),
        ns[ns.length / 2] / 1e6,
        ns[(int) (ns.length * 0.99)] / 1e6,
        node,
        iterations);
  }

  private static void check(AllocationOutcome o) {
    if (!(o instanceof AllocationOutcome.Allocated)) {
      throw new IllegalStateException("expected an allocation: " + o);
    }
  }

  private static void celCost() {
    DeviceCel cel = DeviceCel.create();
    V1ResourceSlice efa = Trn2Slices.slices("n").get(1);
    V1Device d = efa.getSpec().getDevices().get(0);
    var variable =
        DeviceCel.deviceVariable("dra.net", d.getAttributes(), java.util.Map.of(), false);
    String classSelector =
        Trn2Slices.deviceClasses().get(1).getSpec().getSelectors().get(0).getCel().getExpression();
    String[] expressions = {
      "device.driver == \"neuron.aws.com\"",
      classSelector,
      "device.attributes[\"resource.aws.com\"].devicegroup4_id == \""
          + Trn2Slices.groupId(4, 0)
          + "\" && quantity(\"96Gi\").compareTo(quantity(\"32Gi\")) > 0",
      "'missing' in device.attributes[\"dra.net\"] && device.attributes[\"dra.net\"].missing"
    };
    System.out.println("CEL selector evaluation, CPU time per device (cache bypassed):");
    for (String e : expressions) {
      long t0 = System.nanoTime();
      DeviceSelector s = cel.compile(e);
      double compileMs = (System.nanoTime() - t0) / 1e6;
      int warm = 200_000;
      int runs = 1_000_000;
      boolean sink = false;
      for (int i = 0; i < warm; i++) {
        sink ^= s.evaluate(variable).matched();
      }
      long t = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < runs; i++) {
        sink ^= s.evaluate(variable).matched();
      }
      double ns = (CPU.getCurrentThreadCpuTime() - t) / (double) runs;
      System.out.printf(
          Locale.ROOT,
          "  %7.0f ns  (compile %.1f ms, result %s)  %s%n",
          ns,
          compileMs,
          s.evaluate(variable).matched() ^ sink ^ sink,
          e.length() > 90 ? e.substring(0, 90) + "..." : e);
    }
  }
}
