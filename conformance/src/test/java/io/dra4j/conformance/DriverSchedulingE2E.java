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
import io.dra4j.runtime.kube.KubeBackend;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.fixtures.RecordingDriverContext;
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
 * pods and allocates aligned devices.
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

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void realSchedulerAllocatesAlignedNeuronAndEfaDevicesFromTheSeedTemplate(String version)
      throws Exception {
    ControlPlane cluster = CLUSTERS.get(version);
    KubeObjects objects = KubeObjects.of(cluster.adminClient());
    String suffix = version.replace('.', '-');
    String ns = "sched-" + suffix;
    List<String> nodes = List.of("trn2-a-" + suffix, "trn2-b-" + suffix);
    objects.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    applyOnce(objects, Files.readString(deployFile("neuron")));
    applyOnce(objects, Files.readString(deployFile("efa")));
    JsonObject template = KubeObjects.parse(resource("seed-claim-template.yaml")).get(0);
    template.getAsJsonObject("metadata").addProperty("namespace", ns);
    objects.create(template);

    List<KubeBackend> backends = new ArrayList<>();
    try {
      for (String node : nodes) {
        TestObjects.createNode(objects, node);
        NodeFixture fixture =
            NodeFixtures.write(
                "trn2.48xlarge", Clusters.workDir().resolve("fixtures").resolve(node));
        publish(cluster, node, fixture, NeuronDeviceProvider::new, backends);
        publish(cluster, node, fixture, EfaDeviceProvider::new, backends);
      }
      Map<String, JsonObject> devices = publishedDevices(objects);

      int capacity = nodes.size() * GROUPS_PER_NODE;
      long started = System.nanoTime();
      for (int i = 0; i <= capacity; i++) {
        objects.apply(TestObjects.pod(ns, "train-" + i, "neuron-efa-4"));
      }
      await().atMost(WAIT).until(() -> scheduled(objects, ns).size() == capacity);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "Kubernetes %s: %d pods with the seed template scheduled in %.2f s (%.1f pods/s)%n",
          version, capacity, seconds, capacity / seconds);

      List<JsonObject> placed = scheduled(objects, ns);
      assertThat(
              placed.stream()
                  .collect(
                      Collectors.groupingBy(
                          p -> string(p, "spec.nodeName"), Collectors.counting())))
          .containsOnlyKeys(nodes)
          .allSatisfy((node, count) -> assertThat(count).isEqualTo(GROUPS_PER_NODE));
      Set<String> allocated = new HashSet<>();
      for (JsonObject pod : placed) {
        JsonObject claim = claimOf(objects, pod);
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

      JsonObject waiting = objects.get("v1", "Pod", ns, "train-" + capacity);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          array(
                              objects.get("v1", "Pod", ns, "train-" + capacity),
                              "status.conditions"))
                      .anySatisfy(
                          c -> {
                            assertThat(string(c, "type")).isEqualTo("PodScheduled");
                            assertThat(string(c, "reason")).isEqualTo("Unschedulable");
                          }));
      assertThat(string(waiting, "spec.nodeName")).isEmpty();

      // A pod that ends frees its devices: the pending pod gets them.
      JsonObject freed = placed.get(0);
      objects.deleteNow("v1", "Pod", ns, TestObjects.name(freed));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          string(
                              objects.get("v1", "Pod", ns, "train-" + capacity), "spec.nodeName"))
                      .isEqualTo(string(freed, "spec.nodeName")));
    } finally {
      backends.forEach(KubeBackend::close);
    }
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
    KubeBackend backend = KubeBackend.connect(cluster.adminClient(), provider.driverName(), node);
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

  private static JsonObject claimOf(KubeObjects objects, JsonObject pod) {
    List<JsonObject> statuses = array(pod, "status.resourceClaimStatuses");
    assertThat(statuses).as("claim statuses of %s", TestObjects.name(pod)).hasSize(1);
    return objects.get(
        "resource.k8s.io/v1",
        "ResourceClaim",
        string(pod, "metadata.namespace"),
        string(statuses.get(0), "resourceClaimName"));
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
