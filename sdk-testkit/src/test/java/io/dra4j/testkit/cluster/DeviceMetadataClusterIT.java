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
package io.dra4j.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.testkit.junit.SampleDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A container reads its device metadata through the mounts the simulated kubelet's CDI injection
 * gives it, when the driver runs with device metadata on.
 */
class DeviceMetadataClusterIT {
  private static final String DIR = "/var/run/kubernetes.io/dra-device-attributes";
  private static DraCluster cluster;

  @BeforeAll
  static void start() {
    cluster = DraCluster.builder().provider(SampleDriver::new).deviceMetadata(true).start();
    SampleDriver.applyClassAndTemplates(cluster);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @AfterEach
  void deletePods() {
    cluster.deleteAllPods();
  }

  private static JsonObject read(PodRun run, String path) throws IOException {
    return JsonParser.parseString(run.container().readFile(path)).getAsJsonObject();
  }

  @Test
  void aContainerReadsTheDevicesAndAttributesOfItsTemplateClaim() throws IOException {
    PodRun run =
        cluster.runPod(PodSpec.pod("reader").claimFromTemplate("accel", "one-device").build());

    JsonObject metadata =
        read(
            run,
            DIR + "/resourceclaimtemplates/accel/dev/" + SampleDriver.DRIVER + "-metadata.json");

    assertThat(metadata.get("kind").getAsString()).isEqualTo("DeviceMetadata");
    assertThat(metadata.get("apiVersion").getAsString())
        .isEqualTo("metadata.resource.k8s.io/v1alpha1");
    assertThat(metadata.get("podClaimName").getAsString()).isEqualTo("accel");
    assertThat(metadata.getAsJsonObject("metadata").get("name").getAsString())
        .isEqualTo(run.claim("accel").claim().name());
    JsonArray devices =
        metadata.getAsJsonArray("requests").get(0).getAsJsonObject().getAsJsonArray("devices");
    JsonObject device = devices.get(0).getAsJsonObject();
    String name = run.claim("accel").devices().get(0).name();
    assertThat(device.get("name").getAsString()).isEqualTo(name);
    assertThat(device.get("driver").getAsString()).isEqualTo(SampleDriver.DRIVER);
    assertThat(device.get("pool").getAsString()).isEqualTo(run.node().orElseThrow());
    assertThat(device.getAsJsonObject("attributes").getAsJsonObject("index").get("int").getAsInt())
        .isEqualTo(Integer.parseInt(name.substring("dev-".length())));
  }

  @Test
  void aSharedClaimAppearsUnderItsOwnNameAndGoesWithThePod() throws IOException {
    cluster.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaim
        metadata:
          name: shared-dev
          namespace: default
        spec:
          devices:
            requests:
            - name: gpu
              exactly:
                deviceClassName: sample.example.com
        """);
    PodRun run = cluster.runPod(PodSpec.pod("sharer").sharedClaim("dev", "shared-dev").build());
    SimulatedNode node = cluster.node(run.node().orElseThrow());
    String path = DIR + "/resourceclaims/shared-dev/gpu/" + SampleDriver.DRIVER + "-metadata.json";

    JsonObject metadata = read(run, path);

    assertThat(metadata.has("podClaimName")).isFalse();
    assertThat(
            metadata.getAsJsonArray("requests").get(0).getAsJsonObject().get("name").getAsString())
        .isEqualTo("gpu");
    assertThat(metadataSpecs(node)).isEqualTo(1);

    cluster.deletePod("sharer");

    assertThat(metadataSpecs(node)).isZero();
  }

  private static long metadataSpecs(SimulatedNode node) throws IOException {
    try (Stream<java.nio.file.Path> files = Files.list(node.cdiDir())) {
      return files.filter(f -> f.getFileName().toString().contains("_metadata_")).count();
    }
  }
}
