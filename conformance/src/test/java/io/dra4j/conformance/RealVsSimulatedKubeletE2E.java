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
package io.dra4j.conformance;

import static io.dra4j.conformance.TestObjects.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.conformance.NodeStory.PodClaim;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.conformance.node.RealNode;
import io.dra4j.driver.efa.EfaDeviceProvider;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.runtime.internal.kube.ApiJson;
import io.dra4j.testkit.cdi.ContainerView;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.kubelet.SimulatedKubelet;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The testkit's {@link SimulatedKubelet} and the real kubelet side by side: the same Neuron and EFA
 * driver processes, the same control plane and the same scenario, once on a real node and once on a
 * Node object served by the simulation. What each driver receives is read from its log (the runtime
 * logs every NodePrepareResources and NodeUnprepareResources call with its claims, and its
 * registration) and must be the same sequence on both: publishing before registration, one call per
 * driver and pod with all of the pod's claims of that driver, no call for a claim another pod
 * prepared already, no unprepare while another pod still uses a claim, one unprepare call per
 * driver with all of a deleted pod's claims. A container with pinned devices must get, from the CDI
 * specs, the environment and device nodes the simulation says it gets.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Clusters.REAL_NODE)
class RealVsSimulatedKubeletE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final Pattern CALL =
      Pattern.compile("(prepare|unprepare) of \\d+ claim\\(s\\) for driver (\\S+): (\\S+)$");
  static final Pattern REGISTERED = Pattern.compile("driver (\\S+) registered with the");
  private static final Pattern PUBLISHED = Pattern.compile("driver (\\S+) publishes \\d+ pool");

  /** What every container's environment holds, claims or not. */
  private static final Pattern CONTAINER_ENV =
      Pattern.compile("HOME|HOSTNAME|PATH|PWD|SHLVL|KUBERNETES_.*");

  static final List<String> DRIVERS =
      List.of(NeuronDeviceProvider.DRIVER, EfaDeviceProvider.DRIVER);

  static Stream<String> versions() {
    return Clusters.nodeVersions();
  }

  /** Runs and removes pods on one kind of node. */
  private interface Kubelet {
    void run(String pod) throws Exception;

    void remove(String pod) throws Exception;
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void driversReceiveTheSameCallsAndContainersTheSameDevices(String version) throws Exception {
    try (SideBySideNodes nodes =
            SideBySideNodes.start(
                CLUSTERS, version, "diff", ns -> List.of(pinnedTemplate(ns), sharedClaim(ns)));
        SimulatedKubelet simKubelet = nodes.simulated().kubelet().build().start()) {
      KubeObjects objects = nodes.objects();
      RealNode node = nodes.node();
      String realNs = nodes.story().ns();
      String simNs = nodes.simStory().ns();
      NodeStory story = nodes.story();
      story.await("both drivers registered with the real kubelet", story::registered);
      for (String driver : DRIVERS) {
        simKubelet.awaitRegistered(driver, NodeStory.WAIT);
      }
      NodeStory simStory = nodes.simStory();
      simStory.await("both drivers registered with the simulated kubelet", simStory::registered);
      Drivers real = nodes.real();
      Drivers sim = nodes.sim();

      Map<String, String> labels = new HashMap<>();
      Kubelet realKubelet =
          new Kubelet() {
            @Override
            public void run(String pod) throws Exception {
              story.awaitRunning(pod);
            }

            @Override
            public void remove(String pod) throws Exception {
              story.deleteAndAwaitGone(pod);
            }
          };
      Kubelet simulated =
          new Kubelet() {
            @Override
            public void run(String pod) {
              SimulatedKubeletNode.run(simKubelet, objects, simNs, pod);
            }

            @Override
            public void remove(String pod) {
              SimulatedKubeletNode.remove(simKubelet, objects, simNs, pod);
            }
          };
      String image = node.busyboxImage();
      Map<String, String> simEnv = new TreeMap<>();
      List<String> simDevices = new ArrayList<>();
      Map<String, String> seenEnv = new TreeMap<>();
      List<String> seenDevices = new ArrayList<>();
      for (boolean onRealNode : List.of(true, false)) {
        String ns = onRealNode ? realNs : simNs;
        Kubelet kubelet = onRealNode ? realKubelet : simulated;
        create(objects, ns, image, "one", PodClaim.template("devices", "neuron-efa-pinned"));
        kubelet.run("one");
        create(objects, ns, image, "two", seed("a"), seed("b"));
        kubelet.run("two");
        create(objects, ns, image, "share-1", PodClaim.shared("devices", "shared"));
        kubelet.run("share-1");
        create(objects, ns, image, "share-2", PodClaim.shared("devices", "shared"));
        kubelet.run("share-2");
        for (String pod : List.of("one", "two", "share-1")) {
          label(objects, ns, pod, labels);
        }
        JsonObject one = objects.get("v1", "Pod", ns, "one");
        String claimUid = TestObjects.uid(DriverPrepareE2E.claimOf(objects, one));
        String nodeName = string(one, "spec.nodeName");
        if (onRealNode) {
          NodeStory.Seen seen = story.seen("one");
          for (String line : seen.env()) {
            String name = line.substring(0, line.indexOf('='));
            if (!CONTAINER_ENV.matcher(name).matches()) {
              seenEnv.put(
                  neutral(name, claimUid, nodeName),
                  neutral(line.substring(name.length() + 1), claimUid, nodeName));
            }
          }
          seenDevices.addAll(
              seen.chars().stream()
                  .filter(c -> c.startsWith("/dev/neuron") || c.startsWith("/dev/infiniband/"))
                  .toList());
        } else {
          ContainerView view = simKubelet.containerView(podRef(one));
          System.out.printf("simulated container view of one: %s%n", view);
          view.env()
              .forEach(
                  (k, v) ->
                      simEnv.put(neutral(k, claimUid, nodeName), neutral(v, claimUid, nodeName)));
          view.deviceNodes().forEach(d -> simDevices.add(d.path()));
        }
        for (String pod : List.of("share-1", "share-2", "two", "one")) {
          kubelet.remove(pod);
        }
      }

      for (String driver : DRIVERS) {
        List<String> onReal = calls(real.log(driver), driver, labels);
        List<String> onSim = calls(sim.log(driver), driver, labels);
        System.out.printf("%s on the real kubelet: %s%n", driver, onReal);
        assertThat(onSim)
            .as(
                "what %s received from the simulated kubelet, compared with the real kubelet (%s)",
                driver, onReal)
            .containsExactlyElementsOf(onReal);
      }

      // What the container of the pinned pod got, by the real runtime and by the simulation.
      // Claim UID and node name differ between the nodes; they are replaced by placeholders.
      assertThat(seenEnv)
          .as("the environment of the real container from its claims, against the simulation's")
          .isEqualTo(simEnv);
      assertThat(new TreeSet<>(seenDevices))
          .as("character devices in the real container, against the simulation's device nodes")
          .isEqualTo(new TreeSet<>(simDevices));
    }
  }

  /** The Neuron and EFA drivers of one node, as processes. */
  record Drivers(DriverProcess neuron, DriverProcess efa) implements AutoCloseable {
    static Drivers start(DriverProcess.NodeDirs dirs, ControlPlane cluster, NodeFixture fixture)
        throws Exception {
      DriverProcess neuron =
          DriverProcess.start(
              dirs,
              cluster.kubeconfig(),
              fixture.hostPaths(),
              "neuron-driver",
              NeuronDeviceProvider.class.getName(),
              Map.of());
      try {
        return new Drivers(
            neuron,
            DriverProcess.start(
                dirs,
                cluster.kubeconfig(),
                fixture.hostPaths(),
                "efa-driver",
                EfaDeviceProvider.class.getName(),
                Map.of()));
      } catch (Exception | Error e) {
        neuron.close();
        throw e;
      }
    }

    List<DriverProcess> processes() {
      return List.of(neuron, efa);
    }

    Path log(String driver) {
      return (driver.equals(NeuronDeviceProvider.DRIVER) ? neuron : efa).log();
    }

    @Override
    public void close() throws InterruptedException {
      efa.close();
      neuron.close();
    }
  }

  /**
   * What a driver received, in order: {@code published}, {@code registered}, and each call with the
   * labels of its claims ({@code prepare [two/a, two/b]}).
   */
  static List<String> calls(Path log, String driver, Map<String, String> labels) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      Matcher call = CALL.matcher(line);
      Matcher registered = REGISTERED.matcher(line);
      Matcher published = PUBLISHED.matcher(line);
      if (call.find() && call.group(2).equals(driver)) {
        Set<String> claims = new TreeSet<>();
        for (String uid : call.group(3).split(",")) {
          claims.add(labels.getOrDefault(uid, "unknown claim " + uid));
        }
        out.add(call.group(1) + " " + claims);
      } else if (registered.find() && registered.group(1).equals(driver)) {
        out.add("registered");
      } else if (published.find() && published.group(1).equals(driver)) {
        out.add("published");
      }
    }
    return out;
  }

  /**
   * Labels the claims of a pod by pod and claim name, or {@code shared}, the same on both nodes.
   */
  static void label(KubeObjects objects, String ns, String pod, Map<String, String> labels) {
    JsonObject p = objects.get("v1", "Pod", ns, pod);
    claimNames(p)
        .forEach(
            (podClaim, claimName) ->
                labels.put(
                    TestObjects.uid(
                        objects.get("resource.k8s.io/v1", "ResourceClaim", ns, claimName)),
                    claimName.equals("shared") ? "shared" : pod + "/" + podClaim));
  }

  /**
   * The ResourceClaim of each of a pod's claims: named in the pod ({@code resourceClaimName}) or
   * made from a template (recorded in {@code status.resourceClaimStatuses}).
   */
  static Map<String, String> claimNames(JsonObject pod) {
    Map<String, String> names = new LinkedHashMap<>();
    for (JsonObject c : TestObjects.array(pod, "spec.resourceClaims")) {
      String named = string(c, "resourceClaimName");
      names.put(
          string(c, "name"),
          !named.isEmpty()
              ? named
              : TestObjects.array(pod, "status.resourceClaimStatuses").stream()
                  .filter(s -> string(s, "name").equals(string(c, "name")))
                  .map(s -> string(s, "resourceClaimName"))
                  .findFirst()
                  .orElseThrow(
                      () -> new AssertionError("no claim made yet for " + c + " of " + pod)));
    }
    return names;
  }

  static void create(KubeObjects objects, String ns, String image, String pod, PodClaim... claims) {
    objects.apply(NodeStory.pod(ns, pod, image, claims));
  }

  static PodClaim seed(String name) {
    return PodClaim.template(name, "neuron-efa-4");
  }

  static List<ResourceV1ResourceClaim> claims(KubeObjects objects, JsonObject pod) {
    return claimNames(pod).values().stream()
        .map(
            name ->
                objects.get(
                    "resource.k8s.io/v1", "ResourceClaim", string(pod, "metadata.namespace"), name))
        .map(c -> ApiJson.<ResourceV1ResourceClaim>fromJson(c, ResourceV1ResourceClaim.class))
        .toList();
  }

  static V1Pod v1Pod(JsonObject pod) {
    return ApiJson.fromJson(pod, V1Pod.class);
  }

  static PodRef podRef(JsonObject pod) {
    return new PodRef(
        string(pod, "metadata.namespace"), TestObjects.name(pod), TestObjects.uid(pod));
  }

  /**
   * {@code text} with the claim's UID (as written and as an env name) and the node's name neutral.
   */
  private static String neutral(String text, String claimUid, String node) {
    return text.replace(claimUid, "<claim>")
        .replace(claimUid.toUpperCase(java.util.Locale.ROOT).replace('-', '_'), "<CLAIM>")
        .replace(node, "<node>");
  }

  static NodeFixture fixture(String node) throws Exception {
    NodeFixture fixture =
        NodeFixtures.write("trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(node));
    NodeStory.makeCharacterDevices(fixture.root().resolve("dev"));
    return fixture;
  }

  /** The seed request pinned to Neuron devices 0 to 3, so both nodes allocate the same devices. */
  private static String pinnedTemplate(String ns) {
    return "{apiVersion: resource.k8s.io/v1, kind: ResourceClaimTemplate, metadata: {name:"
        + " neuron-efa-pinned, namespace: "
        + ns
        + "}, spec: {spec: {devices: {requests: [{name: neurons, exactly: {deviceClassName:"
        + " neuron.aws.com, count: 4, selectors: [{cel: {expression:"
        + " \"device.attributes['neuron.aws.com'].deviceId < 4\"}}]}}, {name: efa, exactly:"
        + " {deviceClassName: efa.networking.k8s.aws, count: 4}}], constraints: [{requests:"
        + " [neurons, efa], matchAttribute: resource.aws.com/devicegroup4_id}]}}}}";
  }

  /** A claim for one Neuron device that two pods share. */
  private static String sharedClaim(String ns) {
    return "{apiVersion: resource.k8s.io/v1, kind: ResourceClaim, metadata: {name: shared,"
        + " namespace: "
        + ns
        + "}, spec: {devices: {requests: [{name: neuron, exactly: {deviceClassName:"
        + " neuron.aws.com}}]}}}";
  }
}
