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

import static io.dra4j.conformance.TestObjects.array;
import static io.dra4j.conformance.TestObjects.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.dra4j.api.DeviceProvider;
import io.dra4j.api.device.Resources;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjectException;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.driver.efa.EfaDeviceProvider;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.runtime.internal.kube.ApiJson;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.testkit.allocator.AllocationOutcome;
import io.dra4j.testkit.allocator.Allocator;
import io.dra4j.testkit.allocator.ClusterState;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.fixtures.RecordingDriverContext;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1AllocationResult;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Neuron and EFA drivers publish two trn2.48xlarge nodes (fixture trees) to a real API server;
 * the drivers' DeviceClasses and the seed claim template are applied; the real scheduler places
 * pods and allocates aligned devices, and the testkit's allocator agrees with it.
 */
class DriverSchedulingE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NEURON = "neuron.aws.com";
  private static final String EFA = "efa.networking.k8s.aws";
  private static final String GROUP4 = "resource.aws.com/devicegroup4_id";
  private static final int GROUPS_PER_NODE = 4;

  static Stream<String> versions() {
    return Clusters.versions();
  }

  /** Two trn2.48xlarge nodes published by both drivers, the classes and the seed template. */
  private record Trn2Cluster(
      KubeObjects objects, String ns, List<String> nodes, List<KubeBackend> backends)
      implements AutoCloseable {
    static Trn2Cluster publish(ControlPlane cluster, String tag) throws Exception {
      KubeObjects objects = KubeObjects.of(cluster.adminClient());
      String ns = tag;
      List<String> nodes = List.of(tag + "-trn2-a", tag + "-trn2-b");
      applySeed(objects, ns);
      List<KubeBackend> backends = new ArrayList<>();
      Trn2Cluster trn2 = new Trn2Cluster(objects, ns, nodes, backends);
      try {
        for (String node : nodes) {
          TestObjects.createNode(objects, node, ns);
          NodeFixture fixture =
              NodeFixtures.write(
                  "trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(node));
          DriverSchedulingE2E.publish(cluster, node, fixture, NeuronDeviceProvider::new, backends);
          DriverSchedulingE2E.publish(cluster, node, fixture, EfaDeviceProvider::new, backends);
        }
        return trn2;
      } catch (Exception | AssertionError e) {
        trn2.close();
        throw e;
      }
    }

    /**
     * Creates {@code count} pods using the seed template and waits until {@code fit} are placed.
     */
    double createPods(int count, int fit) {
      long started = System.nanoTime();
      for (int i = 0; i < count; i++) {
        objects.apply(TestObjects.pod(ns, "train-" + i, "neuron-efa-4"));
      }
      await().atMost(WAIT).until(() -> scheduled(objects, ns).size() == fit);
      return (System.nanoTime() - started) / 1e9;
    }

    /**
     * The one pod the scheduler could not place, once it says so. Which pod that is depends on the
     * order the scheduler took them in, not on their names.
     */
    String awaitLeftOver() {
      Set<String> placed =
          scheduled(objects, ns).stream().map(TestObjects::name).collect(Collectors.toSet());
      List<String> left =
          objects.list("v1", "Pod", ns, "").stream()
              .map(TestObjects::name)
              .filter(n -> !placed.contains(n))
              .toList();
      assertThat(left).as("pods left over").hasSize(1);
      TestObjects.awaitUnschedulable(objects, ns, left.get(0), WAIT);
      return left.get(0);
    }

    @Override
    public void close() {
      backends.forEach(KubeBackend::close);
    }
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void realSchedulerAllocatesAlignedNeuronAndEfaDevicesFromTheSeedTemplate(String version)
      throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    try (Trn2Cluster trn2 = Trn2Cluster.publish(cluster, "sched-" + version.replace('.', '-'))) {
      KubeObjects objects = trn2.objects();
      String ns = trn2.ns();
      Map<String, JsonObject> devices = publishedDevices(objects);
      int capacity = trn2.nodes().size() * GROUPS_PER_NODE;

      double seconds = trn2.createPods(capacity + 1, capacity);
      System.out.printf(
          "Kubernetes %s: %d pods with the seed template scheduled in %.2f s (%.1f pods/s)%n",
          version, capacity, seconds, capacity / seconds);

      List<JsonObject> placed = scheduled(objects, ns);
      assertThat(
              placed.stream()
                  .collect(
                      Collectors.groupingBy(
                          p -> string(p, "spec.nodeName"), Collectors.counting())))
          .containsOnlyKeys(trn2.nodes())
          .allSatisfy((node, count) -> assertThat(count).isEqualTo(GROUPS_PER_NODE));
      Set<String> allocated = new HashSet<>();
      for (JsonObject pod : placed) {
        JsonObject claim = DriverPrepareE2E.claimOf(objects, pod);
        List<JsonObject> results = array(claim, "status.allocation.devices.results");
        assertThat(results).as("allocation of %s", TestObjects.name(claim)).hasSize(8);
        assertThat(results.stream().filter(r -> string(r, "driver").equals(NEURON))).hasSize(4);
        assertThat(results.stream().filter(r -> string(r, "driver").equals(EFA))).hasSize(4);
        assertThat(results)
            .allSatisfy(r -> assertThat(string(r, "pool")).isEqualTo(string(pod, "spec.nodeName")));
        Set<String> groups = new HashSet<>();
        for (JsonObject r : results) {
          String key = key(string(r, "driver"), string(r, "pool"), string(r, "device"));
          assertThat(allocated.add(key)).as("%s allocated twice", key).isTrue();
          groups.add(string(devices.get(key), "attributes." + GROUP4 + ".string"));
        }
        assertThat(groups).as("devicegroup4_id of %s", TestObjects.name(claim)).hasSize(1);
        assertThat(array(claim, "status.reservedFor"))
            .extracting(r -> string(r, "uid"))
            .containsExactly(TestObjects.uid(pod));
      }

      String pending = trn2.awaitLeftOver();
      assertThat(string(objects.get("v1", "Pod", ns, pending), "spec.nodeName")).isEmpty();

      // A pod that ends frees its devices: the pending pod gets them.
      JsonObject freed = placed.get(0);
      objects.deleteNow("v1", "Pod", ns, TestObjects.name(freed));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(string(objects.get("v1", "Pod", ns, pending), "spec.nodeName"))
                      .isEqualTo(string(freed, "spec.nodeName")));
    }
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void testkitAllocatorAgreesWithTheRealSchedulerOnFeasibilityAndFirstFitDevices(String version)
      throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    try (Trn2Cluster trn2 = Trn2Cluster.publish(cluster, "diff-" + version.replace('.', '-'))) {
      KubeObjects objects = trn2.objects();
      String ns = trn2.ns();
      List<V1ResourceSlice> slices =
          typed(
              objects.list("resource.k8s.io/v1", "ResourceSlice", "", "").stream()
                  .filter(s -> trn2.nodes().contains(string(s, "spec.nodeName")))
                  .toList(),
              V1ResourceSlice.class);
      List<V1DeviceClass> classes =
          typed(objects.list("resource.k8s.io/v1", "DeviceClass", "", ""), V1DeviceClass.class);
      List<V1Node> nodes =
          trn2.nodes().stream()
              .map(n -> ApiJson.<V1Node>fromJson(objects.get("v1", "Node", "", n), V1Node.class))
              .toList();
      JsonObject template =
          objects.get("resource.k8s.io/v1", "ResourceClaimTemplate", ns, "neuron-efa-4");
      int pods = trn2.nodes().size() * GROUPS_PER_NODE + 1;

      // The testkit allocator alone: claims one after another, first node that fits.
      Allocator allocator = Allocator.create(ClusterState.of(slices, classes));
      List<AllocationOutcome> testkit = new ArrayList<>();
      for (int i = 0; i < pods; i++) {
        List<ResourceV1ResourceClaim> claim = List.of(claimFrom(template, ns, "testkit-" + i));
        AllocationOutcome outcome = allocator.allocateOnAnyNode(nodes, claim);
        testkit.add(outcome);
        if (outcome instanceof AllocationOutcome.Allocated) {
          allocator =
              allocator.withAllocated(((AllocationOutcome.Allocated) outcome).applyTo(claim));
        }
      }

      // The real scheduler with the same slices, classes and claims.
      int fit = pods - 1;
      trn2.createPods(pods, fit);
      trn2.awaitLeftOver();

      assertThat(testkit.stream().filter(o -> o instanceof AllocationOutcome.Allocated))
          .as("claims the testkit allocator fits")
          .hasSize(fit);
      assertThat(testkit.get(fit)).isInstanceOf(AllocationOutcome.Unschedulable.class);

      // Given the real scheduler's allocations, the testkit allocator finds no room either.
      List<JsonObject> placed = scheduled(objects, ns);
      List<ResourceV1ResourceClaim> real = new ArrayList<>();
      for (JsonObject pod : placed) {
        real.add(
            ApiJson.fromJson(
                DriverPrepareE2E.claimOf(objects, pod), ResourceV1ResourceClaim.class));
      }
      ResourceV1ResourceClaim extra = claimFrom(template, ns, "extra");
      assertThat(
              Allocator.create(ClusterState.of(slices, classes).withAllocated(real))
                  .allocateOnAnyNode(nodes, List.of(extra)))
          .isInstanceOf(AllocationOutcome.Unschedulable.class);

      // Exact devices where both are first-fit: whichever pod the scheduler placed first on a
      // node got the devices the testkit allocator picks on that node when it is empty.
      for (V1Node node : nodes) {
        String name = node.getMetadata().getName();
        Set<Set<String>> realOnNode = new HashSet<>();
        for (JsonObject pod : placed) {
          if (string(pod, "spec.nodeName").equals(name)) {
            realOnNode.add(
                Set.copyOf(
                    array(
                            DriverPrepareE2E.claimOf(objects, pod),
                            "status.allocation.devices.results")
                        .stream()
                        .map(r -> key(string(r, "driver"), string(r, "pool"), string(r, "device")))
                        .toList()));
          }
        }
        AllocationOutcome alone =
            Allocator.create(ClusterState.of(slices, classes)).allocate(node, List.of(extra));
        assertThat(alone).isInstanceOf(AllocationOutcome.Allocated.class);
        assertThat(realOnNode)
            .as("the scheduler's allocations on %s", name)
            .contains(
                Set.copyOf(deviceKeys(((AllocationOutcome.Allocated) alone).results().get(0))));
      }
    }
  }

  private static List<String> deviceKeys(V1AllocationResult result) {
    return result.getDevices().getResults().stream()
        .map(r -> key(r.getDriver(), r.getPool(), r.getDevice()))
        .toList();
  }

  private static ResourceV1ResourceClaim claimFrom(JsonObject template, String ns, String name) {
    JsonObject claim = new JsonObject();
    claim.addProperty("apiVersion", "resource.k8s.io/v1");
    claim.addProperty("kind", "ResourceClaim");
    JsonObject meta = new JsonObject();
    meta.addProperty("name", name);
    meta.addProperty("namespace", ns);
    meta.addProperty("uid", "uid-" + name);
    claim.add("metadata", meta);
    claim.add("spec", template.getAsJsonObject("spec").getAsJsonObject("spec").deepCopy());
    return ApiJson.fromJson(claim, ResourceV1ResourceClaim.class);
  }

  private static <T> List<T> typed(List<JsonObject> objects, Class<T> type) {
    return objects.stream().map(o -> ApiJson.<T>fromJson(o, type)).toList();
  }

  private static void publish(
      ControlPlane cluster,
      String node,
      NodeFixture fixture,
      Supplier<DeviceProvider> providers,
      List<KubeBackend> backends)
      throws Exception {
    DeviceProvider provider = providers.get();
    RecordingDriverContext context =
        RecordingDriverContext.forFixture(fixture).nodeName(node).build();
    provider.start(context);
    List<Resources> published = context.published();
    assertThat(published).as("%s published on %s", provider.driverName(), node).isNotEmpty();
    KubeBackend backend =
        KubeBackend.connectOwned(cluster.adminClient(), provider.driverName(), node);
    backends.add(backend);
    backend.publisher().publish(published.get(published.size() - 1));
    assertThat(backend.publisher().awaitSynced(WAIT))
        .as("%s slices of %s: %s", provider.driverName(), node, backend.publisher().stats())
        .isTrue();
    provider.close();
  }

  private static Map<String, JsonObject> publishedDevices(KubeObjects objects) {
    Map<String, JsonObject> devices = new HashMap<>();
    for (JsonObject slice : objects.list("resource.k8s.io/v1", "ResourceSlice", "", "")) {
      for (JsonObject d : array(slice, "spec.devices")) {
        devices.put(
            key(string(slice, "spec.driver"), string(slice, "spec.pool.name"), string(d, "name")),
            d);
      }
    }
    return devices;
  }

  private static List<JsonObject> scheduled(KubeObjects objects, String ns) {
    return objects.list("v1", "Pod", ns, "").stream()
        .filter(p -> !string(p, "spec.nodeName").isEmpty())
        .toList();
  }

  private static String key(String driver, String pool, String device) {
    return driver + "/" + pool + "/" + device;
  }

  static Path deployFile(String driver) {
    return Clusters.repoRoot()
        .resolve("drivers")
        .resolve(driver)
        .resolve("deploy/deviceclass.yaml");
  }

  /**
   * Creates namespace {@code ns}, applies the drivers' DeviceClasses (once per cluster) and creates
   * the seed claim template in {@code ns}.
   */
  static void applySeed(KubeObjects objects, String ns) throws IOException {
    objects.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    applyOnce(objects, Files.readString(deployFile("neuron")));
    applyOnce(objects, Files.readString(deployFile("efa")));
    JsonObject template = KubeObjects.parse(resource("seed-claim-template.yaml")).get(0);
    template.getAsJsonObject("metadata").addProperty("namespace", ns);
    objects.create(template);
  }

  /** Applies cluster-scoped objects that another test of the same cluster may have applied. */
  static void applyOnce(KubeObjects objects, String manifests) {
    for (JsonObject object : KubeObjects.parse(manifests)) {
      try {
        objects.create(object);
      } catch (KubeObjectException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = DriverSchedulingE2E.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IOException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
