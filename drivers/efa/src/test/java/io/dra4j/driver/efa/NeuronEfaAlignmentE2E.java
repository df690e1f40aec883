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
package io.dra4j.driver.efa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.api.status.DeviceCondition;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.driver.aws.NeuronEfaMap;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.testkit.cluster.ClusterDevice;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import io.dra4j.testkit.junit.DraExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Neuron and EFA drivers side by side on simulated Trainium nodes: the aligned seed claim gets
 * each Neuron device's own adapter, trn1's 2:1 wiring is respected, and adapters are shared only
 * through a shared claim.
 */
class NeuronEfaAlignmentE2E {
  private static final String NEURON = NeuronDeviceProvider.DRIVER;
  private static final String EFA = EfaDeviceProvider.DRIVER;
  private static final Path EFA_CLASS = Path.of("deploy/deviceclass.yaml");
  private static final Path NEURON_CLASS = Path.of("../neuron/deploy/deviceclass.yaml");
  private static final Path TEMPLATES = Path.of("../../examples/src/main/resources/aws");
  private static final String SEED = "neuron-efa-aligned-4";
  private static final String TRN1_TEMPLATE = "neuron-efa-aligned-4-trn1";

  // snippet:extension
  @RegisterExtension
  static final DraExtension DRA =
      DraExtension.builder()
          .provider(NeuronDeviceProvider::new)
          .provider(EfaDeviceProvider::new)
          .instanceType("trn2.48xlarge")
          .build();

  // end:extension

  @BeforeEach
  void applyClassesAndTemplates() {
    applyClassesAndTemplates(DRA.cluster());
    DRA.cluster()
        .apply(
            efaClaim("efa-shared", 2)
                + efaClaim("efa-half-a", 8)
                + efaClaim("efa-half-b", 8)
                + efaClaim("efa-one", 1));
  }

  private static void applyClassesAndTemplates(DraCluster cluster) {
    cluster.apply(NEURON_CLASS);
    cluster.apply(EFA_CLASS);
    cluster.apply(TEMPLATES.resolve("seed-claim-template.yaml"));
    cluster.apply(TEMPLATES.resolve("trn1-claim-template.yaml"));
  }

  private static String efaClaim(String name, int count) {
    return claim(name, EFA, count);
  }

  /** A claim in namespace default with one request {@code efas} of a class, then {@code ---}. */
  static String claim(String name, String deviceClass, int count) {
    return """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaim
        metadata: {name: %s, namespace: default}
        spec:
          devices:
            requests:
            - name: efas
              exactly: {deviceClassName: %s, count: %d}
        ---
        """
        .formatted(name, deviceClass, count);
  }

  @AfterEach
  void deletePods() {
    DRA.cluster().deleteAllPods();
  }

  private static PodRun runSeed(DraCluster cluster, String pod, String template) {
    return cluster.runPod(PodSpec.pod(pod).claimFromTemplate("aligned", template).build());
  }

  private static Set<String> adapters(PodRun run) {
    Set<String> out = new TreeSet<>();
    for (ClusterDevice d : run.devices(EFA)) {
      out.add(d.attributeText("pciAddress").orElseThrow());
    }
    return out;
  }

  private static List<Integer> neuronIds(PodRun run) {
    List<Integer> out = new ArrayList<>();
    for (ClusterDevice d : run.devices(NEURON)) {
      out.add(Integer.parseInt(d.attributeText("deviceId").orElseThrow()));
    }
    return out;
  }

  private static List<String> deviceNodes(PodRun run) {
    return run.container().deviceNodes().stream().map(DeviceNode::path).sorted().toList();
  }

  @Test
  void seedClaimGetsEveryNeuronDevicesPairedAdapterUntilTheTrn2NodeIsFull() {
    DraCluster cluster = DRA.cluster();
    Set<String> allAdapters = new TreeSet<>();
    for (int i = 0; i < 4; i++) {
      PodRun run = runSeed(cluster, "trainer-" + i, SEED);
      assertThat(run.running()).as(run.toString()).isTrue();
      assertThat(run.devices(NEURON)).hasSize(4);
      assertThat(run.devices(EFA)).hasSize(4);
      Set<String> adapters = adapters(run);
      for (int id : neuronIds(run)) {
        assertThat(adapters)
            .as("adapters of %s hold the pair of neuron%d", run.pod().name(), id)
            .contains(NeuronEfaMap.TRN2.efaOf(id).orElseThrow());
      }
      assertThat(deviceNodes(run))
          .hasSize(9)
          .contains("/dev/infiniband/rdma_cm")
          .filteredOn(p -> p.startsWith("/dev/neuron"))
          .hasSize(4);
      allAdapters.addAll(adapters);
    }
    assertThat(allAdapters).hasSize(16);

    PodRun fifth = runSeed(cluster, "trainer-4", SEED);

    assertThat(fifth.scheduled()).isFalse();
    assertThat(fifth.explainText())
        .contains("request neurons (class neuron.aws.com")
        .contains("request efas (class efa.networking.k8s.aws")
        .contains("0 usable, 4 needed");
  }

  @Test
  void onTrn1TheFourPlusFourClaimIsUnschedulableAndTheFourPlusTwoTemplateFits() {
    try (DraCluster trn1 =
        DraCluster.builder()
            .provider(NeuronDeviceProvider::new)
            .provider(EfaDeviceProvider::new)
            .instanceType("trn1.32xlarge")
            .start()) {
      applyClassesAndTemplates(trn1);

      PodRun seed = runSeed(trn1, "seed", SEED);

      assertThat(seed.scheduled()).isFalse();
      assertThat(seed.explainText())
          .contains("constraint")
          .contains("resource.aws.com/devicegroup4_id");

      PodRun aligned = runSeed(trn1, "aligned", TRN1_TEMPLATE);

      assertThat(aligned.running()).as(aligned.toString()).isTrue();
      assertThat(aligned.devices(NEURON)).hasSize(4);
      Set<String> adapters = adapters(aligned);
      assertThat(adapters).hasSize(2);
      for (int id : neuronIds(aligned)) {
        assertThat(adapters).contains(NeuronEfaMap.TRN1.efaOf(id).orElseThrow());
      }
    }
  }

  @Test
  void twoPodsSharingOneClaimGetTheSameAdapters() {
    DraCluster cluster = DRA.cluster();

    PodRun first = cluster.runPod(PodSpec.pod("worker-a").sharedClaim("efa", "efa-shared").build());
    PodRun second =
        cluster.runPod(PodSpec.pod("worker-b").sharedClaim("efa", "efa-shared").build());

    assertThat(first.running()).as(first.toString()).isTrue();
    assertThat(second.running()).as(second.toString()).isTrue();
    assertThat(adapters(second)).hasSize(2).isEqualTo(adapters(first));
    assertThat(deviceNodes(second)).isEqualTo(deviceNodes(first));
    assertThat(second.prepare().orElseThrow().skipped())
        .as("the kubelet prepares a shared claim once")
        .extracting(c -> c.name())
        .containsExactly("efa-shared");

    cluster.deletePod("worker-a");
    assertThat(isAllocated(cluster, "efa-shared"))
        .as("still allocated while worker-b uses it")
        .isTrue();
    cluster.deletePod("worker-b");
    assertThat(isAllocated(cluster, "efa-shared")).as("deallocated once no pod uses it").isFalse();
  }

  @Test
  void preparedAdaptersShowTheirRdmaDeviceInTheClaimStatusUntilThePodEnds() {
    DraCluster cluster = DRA.cluster();
    PodRun run = cluster.runPod(PodSpec.pod("status").sharedClaim("efa", "efa-shared").build());
    assertThat(run.running()).as(run.toString()).isTrue();
    ClaimRef claim = run.claim("efa").claim();

    Map<String, DeviceStatus> status = cluster.deviceStatus(claim, EFA);

    assertThat(status).hasSize(2);
    for (ClusterDevice d : run.devices(EFA)) {
      String rdma = d.attributeText("rdmaDevice").orElseThrow();
      DeviceStatus s = status.get(d.pool() + "/" + d.name());
      assertThat(s).as("status of %s", d.name()).isNotNull();
      assertThat(s.networkData().orElseThrow().interfaceName()).isEqualTo(rdma);
      assertThat(s.data())
          .containsEntry("rdmaDevice", rdma)
          .containsEntry("pciAddress", d.attributeText("pciAddress").orElseThrow())
          .containsKey("verbsDevice");
      assertThat(s.conditions())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.type()).isEqualTo("Ready");
                assertThat(c.status()).isEqualTo(DeviceCondition.Status.TRUE);
              });
    }
    assertThat(cluster.deviceStatus(claim, NEURON)).as("the Neuron driver reports none").isEmpty();

    cluster.deletePod("status");
    assertThat(cluster.deviceStatus(claim, EFA)).as("after the pod ended").isEmpty();
  }

  private static boolean isAllocated(DraCluster cluster, String claim) {
    JsonObject stored = cluster.api().get("resourceclaims", "default", claim).orElseThrow();
    return stored.has("status") && stored.getAsJsonObject("status").has("allocation");
  }

  @Test
  void twoDifferentClaimsNeverGetTheSameAdapter() {
    DraCluster cluster = DRA.cluster();

    PodRun a = cluster.runPod(PodSpec.pod("half-a").sharedClaim("efa", "efa-half-a").build());
    PodRun b = cluster.runPod(PodSpec.pod("half-b").sharedClaim("efa", "efa-half-b").build());
    PodRun c = cluster.runPod(PodSpec.pod("one-more").sharedClaim("efa", "efa-one").build());

    assertThat(adapters(a)).hasSize(8).doesNotContainAnyElementsOf(adapters(b));
    assertThat(adapters(b)).hasSize(8);
    assertThat(c.scheduled()).isFalse();
    assertThat(c.explainText()).contains("0 usable, 1 needed").contains("default/efa-half-a");
  }
}
