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
import io.dra4j.driver.aws.NeuronEfaMap;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.testkit.cluster.ClusterDevice;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import io.dra4j.testkit.junit.DraExtension;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EKS's EFA DeviceClass selector, rewritten for this driver, on a simulated trn2.48xlarge: it
 * selects every adapter, and the 4 Neuron + 4 EFA claim aligned on {@code devicegroup4_id} still
 * lands on one group. The selector as EKS ships it (driver {@code dra.net}) selects nothing.
 */
class EksDeviceClassE2E {
  private static final String NEURON = NeuronDeviceProvider.DRIVER;
  private static final String EFA = EfaDeviceProvider.DRIVER;
  private static final Path EKS_SELECTOR_CLASS = Path.of("deploy/deviceclass-eks-selector.yaml");
  private static final Path NEURON_CLASS = Path.of("../neuron/deploy/deviceclass.yaml");
  private static final Path SEED_TEMPLATE =
      Path.of("../../examples/src/main/resources/aws/seed-claim-template.yaml");
  private static final String GROUP4 = "resource.aws.com/devicegroup4_id";

  @RegisterExtension
  static final DraExtension DRA =
      DraExtension.builder()
          .provider(NeuronDeviceProvider::new)
          .provider(EfaDeviceProvider::new)
          .instanceType("trn2.48xlarge")
          .build();

  @BeforeEach
  void applyClasses() {
    DraCluster cluster = DRA.cluster();
    cluster.apply(NEURON_CLASS);
    cluster.apply(EKS_SELECTOR_CLASS);
    cluster.apply(SEED_TEMPLATE);
    cluster.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: DeviceClass
        metadata: {name: efa-dranet-unchanged}
        spec:
          selectors:
          - cel:
              expression: >-
                device.driver == "dra.net" &&
                device.attributes["dra.net"].pciDevice == 'Elastic Fabric Adapter (EFA)'
        ---
        """
            + NeuronEfaAlignmentE2E.claim("efa-all", EFA, 16)
            + NeuronEfaAlignmentE2E.claim("efa-dranet", "efa-dranet-unchanged", 1));
  }

  @AfterEach
  void deletePods() {
    DRA.cluster().deleteAllPods();
  }

  @Test
  void theRewrittenSelectorIsTheClassInUseAndSelectsEveryAdapter() {
    DraCluster cluster = DRA.cluster();
    JsonObject stored = cluster.api().get("deviceclasses", "", EFA).orElseThrow();
    assertThat(stored.toString()).contains("pciDevice").contains("Elastic Fabric Adapter (EFA)");

    PodRun run = cluster.runPod(PodSpec.pod("all-adapters").sharedClaim("efa", "efa-all").build());

    assertThat(run.running()).as(run.toString()).isTrue();
    assertThat(run.devices(EFA)).hasSize(16);
    for (ClusterDevice d : run.devices(EFA)) {
      assertThat(d.attributeText("pciDevice")).contains("Elastic Fabric Adapter (EFA)");
    }
  }

  @Test
  void fourNeuronDevicesAndFourAdaptersThroughTheEksSelectorLandOnOneGroup() {
    DraCluster cluster = DRA.cluster();

    PodRun run =
        cluster.runPod(
            PodSpec.pod("trainer").claimFromTemplate("aligned", "neuron-efa-aligned-4").build());

    assertThat(run.running()).as(run.toString()).isTrue();
    assertThat(run.devices(NEURON)).hasSize(4);
    assertThat(run.devices(EFA)).hasSize(4);
    Set<String> groups = new TreeSet<>();
    Set<Integer> rows = new TreeSet<>();
    Set<String> adapters = new TreeSet<>();
    for (ClusterDevice d : run.devices(NEURON)) {
      groups.add(d.attributeText(GROUP4).orElseThrow());
      int id = Integer.parseInt(d.attributeText("deviceId").orElseThrow());
      rows.add(id / 4);
      adapters.add(NeuronEfaMap.TRN2.efaOf(id).orElseThrow());
    }
    for (ClusterDevice d : run.devices(EFA)) {
      groups.add(d.attributeText(GROUP4).orElseThrow());
    }
    assertThat(groups).as("one devicegroup4_id across both drivers").hasSize(1);
    assertThat(rows).as("one row of four Neuron devices").hasSize(1);
    Set<String> got = new TreeSet<>();
    run.devices(EFA).forEach(d -> got.add(d.attributeText("pciAddress").orElseThrow()));
    assertThat(got).as("each Neuron device's own adapter").isEqualTo(adapters);
  }

  @Test
  void theSelectorAsEksShipsItSelectsNothingFromThisDriver() {
    PodRun run =
        DRA.cluster().runPod(PodSpec.pod("unchanged").sharedClaim("efa", "efa-dranet").build());

    assertThat(run.scheduled()).isFalse();
    assertThat(run.explainText()).contains("efa-dranet-unchanged");
  }
}
