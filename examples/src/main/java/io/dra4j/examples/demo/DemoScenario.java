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
package io.dra4j.examples.demo;

import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.driver.efa.EfaDeviceProvider;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.testkit.allocator.Explanation;
import io.dra4j.testkit.cdi.ContainerView;
import io.dra4j.testkit.cluster.ClusterDevice;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodClaimAllocation;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's story on a {@link DraCluster}: start simulated nodes with the Neuron and EFA drivers,
 * apply their DeviceClasses and the seed template, read what was published, then run pods until the
 * nodes are full and one more (or exactly {@link DemoOptions#pods()} pods).
 */
final class DemoScenario {
  /** The pods' claim name, as referenced from the container. */
  static final String POD_CLAIM = "accel";

  /** How long a stop during start-up waits for the cluster to be there to close it. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private static final Pattern NUMBERED = Pattern.compile("(\\D*)(\\d+)(.*)");

  private DemoScenario() {}

  /**
   * Runs the demo; the cluster, its sockets and temporary directories are gone when this returns or
   * throws, and also when the JVM is stopped while it runs.
   */
  static DemoReport run(DemoOptions options, DemoListener listener) {
    long t0 = System.nanoTime();
    SeedTemplate template = SeedTemplate.forInstanceType(options.instanceType());
    listener.step(
        "starting an in-memory API server and "
            + options.nodes()
            + " simulated "
            + options.instanceType()
            + (options.nodes() == 1 ? " node" : " nodes")
            + " (fixture sysfs), each with a kubelet and the "
            + SeedTemplate.NEURON
            + " and "
            + SeedTemplate.EFA
            + " drivers on unix sockets");
    // A stop (Ctrl-C, SIGTERM) may come while the cluster starts: the hook then waits for the start
    // to finish and closes what it built, so no directory or socket is left behind.
    CompletableFuture<DraCluster> started = new CompletableFuture<>();
    AtomicBoolean stopping = new AtomicBoolean();
    Thread cleanup =
        new Thread(
            () -> {
              stopping.set(true);
              try {
                started.get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS).close();
              } catch (ExecutionException startFailed) {
                // a failed start closes itself
              } catch (InterruptedException | TimeoutException e) {
                System.err.println("dra4j-demo: the cluster did not start in time to be removed");
              }
            },
            "dra4j-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    DraCluster cluster = null;
    try {
      cluster =
          DraCluster.builder()
              .instanceType(options.instanceType())
              .nodes(options.nodes())
              .provider(NeuronDeviceProvider.class)
              .provider(EfaDeviceProvider.class)
              .start();
      started.complete(cluster);
      return story(cluster, options, template, listener, t0);
    } catch (RuntimeException | Error e) {
      started.completeExceptionally(e);
      if (stopping.get()) {
        throw new StoppedException(e);
      }
      throw e;
    } finally {
      if (cluster != null) {
        cluster.close();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway; close() is idempotent
      }
    }
  }

  private static DemoReport story(
      DraCluster cluster,
      DemoOptions options,
      SeedTemplate template,
      DemoListener listener,
      long t0) {
    Duration startup = cluster.startupTime();
    List<String> nodes = cluster.nodes().stream().map(n -> n.name()).toList();
    listener.step(
        "cluster ready in "
            + startup.toMillis()
            + " ms: "
            + String.join(", ", nodes)
            + "; drivers registered with the kubelet and their ResourceSlices published");

    cluster.apply(deviceClass("neuron"));
    cluster.apply(deviceClass("efa"));
    listener.step("applied DeviceClasses " + SeedTemplate.NEURON + " and " + SeedTemplate.EFA);
    cluster.apply(template.yaml());
    listener.step("applied ResourceClaimTemplate " + template.name() + ": " + template.summary());

    List<ClusterDevice> published = published(cluster, nodes);
    listener.published(template, published);

    int neurons =
        (int) published.stream().filter(d -> d.driver().equals(SeedTemplate.NEURON)).count();
    // Every pod takes at least one Neuron device, so this many pods always overfill the nodes.
    int limit = options.pods().orElse(neurons + 1);
    List<PodOutcome> pods = new ArrayList<>();
    for (int i = 1; i <= limit; i++) {
      String name = "worker-" + i;
      listener.step("creating pod " + name + " with a claim from template " + template.name());
      PodRun run =
          cluster.runPod(PodSpec.pod(name).claimFromTemplate(POD_CLAIM, template.name()).build());
      PodOutcome pod = outcome(run, template);
      pods.add(pod);
      listener.pod(template, pod);
      if (!pod.scheduled() && options.pods().isEmpty()) {
        break;
      }
    }
    return new DemoReport(
        options,
        template,
        nodes,
        published,
        pods,
        startup,
        Duration.ofNanos(System.nanoTime() - t0),
        cluster.nodes().get(0).registrarDir().getParent().getParent());
  }

  /** A DeviceClass the build copied from the driver's {@code deploy/deviceclass.yaml}. */
  static String deviceClass(String driverDir) {
    return ClassPathText.read(
        "/demo/" + driverDir + "/deviceclass.yaml",
        "the examples build copies it from drivers/" + driverDir + "/deploy/deviceclass.yaml");
  }

  private static List<ClusterDevice> published(DraCluster cluster, List<String> nodes) {
    List<ClusterDevice> out = new ArrayList<>();
    for (String node : nodes) {
      for (String driver : SeedTemplate.DRIVERS) {
        out.addAll(cluster.devices(driver, node));
      }
    }
    out.sort(
        Comparator.<ClusterDevice>comparingInt(d -> rank(nodes, d.node().orElse("")))
            .thenComparingInt(d -> rank(SeedTemplate.DRIVERS, d.driver()))
            .thenComparing(ClusterDevice::name, DemoScenario::naturalOrder));
    return out;
  }

  private static int rank(List<String> order, String value) {
    int i = order.indexOf(value);
    return i < 0 ? order.size() : i;
  }

  /** Orders {@code neurondevice2} before {@code neurondevice10}. */
  static int naturalOrder(String a, String b) {
    Matcher ma = NUMBERED.matcher(a);
    Matcher mb = NUMBERED.matcher(b);
    if (ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1))) {
      int byNumber = Long.compare(Long.parseLong(ma.group(2)), Long.parseLong(mb.group(2)));
      if (byNumber != 0) {
        return byNumber;
      }
    }
    return a.compareTo(b);
  }

  private static PodOutcome outcome(PodRun run, SeedTemplate template) {
    List<PodOutcome.Device> devices = new ArrayList<>();
    String claim = "";
    for (PodClaimAllocation c : run.claims()) {
      claim = c.claim().name();
      for (String driver : template.drivers()) {
        for (ClusterDevice d : sorted(c.devices(driver))) {
          devices.add(
              new PodOutcome.Device(
                  d.request().orElseThrow(),
                  d.driver(),
                  d.name(),
                  template.matchAttribute().flatMap(d::attributeText)));
        }
      }
    }
    Optional<ContainerView> view = run.containerView();
    return new PodOutcome(
        run.pod().name(),
        claim,
        run.node(),
        devices,
        view.map(ContainerView::env).orElse(Map.of()),
        view.map(
                v ->
                    v.deviceNodes().stream()
                        .map(DeviceNode::path)
                        .sorted(DemoScenario::naturalOrder)
                        .toList())
            .orElse(List.of()),
        view.map(ContainerView::cdiDeviceIds).orElse(List.of()),
        run.explanation().map(Explanation::text),
        run.prepareErrors());
  }

  private static List<ClusterDevice> sorted(List<ClusterDevice> devices) {
    List<ClusterDevice> out = new ArrayList<>(devices);
    out.sort(Comparator.comparing(ClusterDevice::name, DemoScenario::naturalOrder));
    return out;
  }

  /** The JVM was asked to stop while the demo ran; the cluster has been removed. */
  static final class StoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoppedException(Throwable cause) {
      super(
          "stopped before the demo finished; the cluster, its sockets and files were removed",
          cause);
    }
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }
}
