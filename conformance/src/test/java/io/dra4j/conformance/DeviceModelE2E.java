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
import static io.dra4j.conformance.TestObjects.at;
import static io.dra4j.conformance.TestObjects.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.CapacityRequestPolicy;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.device.Resources;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.examples.gpusharing.GpuSharingDriver;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kubernetes 1.36+ device fields (consumable capacity request policies, binding conditions,
 * list attributes) published to a real API server. Older versions are skipped on purpose: list
 * attributes do not exist there, and the other fields are alpha.
 */
// Beside the other classes (its control planes are its own); one control plane at a time.
@Execution(ExecutionMode.CONCURRENT)
class DeviceModelE2E {
  @RegisterExtension static final Clusters CLUSTERS = new Clusters();
  private static final String DRIVER = "model.e2e.dra4j.io";
  private static final Duration WAIT = Duration.ofSeconds(30);

  static Stream<String> versions() {
    return Clusters.versions();
  }

  private static void require136(String version) {
    int minor = Integer.parseInt(version.split("\\.")[1]);
    Assumptions.assumeTrue(
        minor >= 36,
        "Kubernetes "
            + version
            + " is skipped on purpose: list attributes need 1.36+, and request policies and"
            + " binding conditions are alpha before 1.36");
  }

  /** The GPU-sharing example's memory-sliced GPU, with a second policy and binding conditions. */
  private static Device sharedGpu() {
    return GpuSharingDriver.sharedGpu(0).toBuilder()
        .capacity(
            "cores",
            Quantity.of(8),
            CapacityRequestPolicy.validValues(
                Quantity.of(1), List.of(Quantity.of(1), Quantity.of(2), Quantity.of(4))))
        .bindingConditions(List.of("model.e2e.dra4j.io/attached"), List.of("AttachFailed"))
        .bindsToNode(true)
        .build();
  }

  private static Device nic() {
    return Device.builder("nic-0")
        .attribute("numaNodes", AttributeValue.ints(List.of(0L, 1L)))
        .attribute("modes", AttributeValue.strings(List.of("100G", "200G")))
        .attribute("firmware", AttributeValue.versions(List.of("1.2.3", "2.0.0-rc.1")))
        .attribute("lanes", AttributeValue.bools(List.of(true, false)))
        .build();
  }

  /** A control plane of this class, with the list-attribute gate as given (off is the default). */
  private static ControlPlane controlPlane(String version, boolean listAttributes) {
    return ControlPlane.builder(CLUSTERS.binaries(version))
        .featureGate("DRAListTypeAttributes", listAttributes)
        // 1.37 refuses a loopback advertise address with the default endpoint reconciler.
        .apiServerFlag("--endpoint-reconciler-type=none")
        .workDir(Clusters.workDir())
        .start();
  }

  @Execution(ExecutionMode.SAME_THREAD)
  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void requestPoliciesBindingConditionsAndListAttributesAreStoredAsPublished(String version)
      throws Exception {
    require136(version);
    try (ControlPlane cluster = controlPlane(version, true)) {
      KubeObjects objects = KubeObjects.of(cluster.adminClient());
      String node = "model-" + version.replace('.', '-');
      TestObjects.createNode(objects, node, "model");
      try (KubeBackend kube = KubeBackend.connectOwned(cluster.adminClient(), DRIVER, node)) {
        SlicePublisher publisher = kube.publisher();
        publisher.publish(
            Resources.of(Pool.builder(node).device(sharedGpu()).device(nic()).build()));
        // Synced means a pass found nothing to write: the stored slice equals the rendered one.
        assertThat(publisher.awaitSynced(WAIT)).as(publisher.stats().toString()).isTrue();
      }

      List<JsonObject> devices =
          array(TestObjects.slices(objects, DRIVER, node).get(0), "spec.devices");
      // In the order the pool lists them.
      JsonObject gpu = devices.get(0);
      JsonObject nic = devices.get(1);
      assertThat(string(nic, "name")).isEqualTo("nic-0");
      assertThat(string(gpu, "name")).isEqualTo("shared-gpu-0");
      assertThat(string(gpu, "allowMultipleAllocations")).isEqualTo("true");
      assertThat(string(gpu, "capacity.memory.requestPolicy.default")).isEqualTo("4Gi");
      assertThat(string(gpu, "capacity.memory.requestPolicy.validRange.step")).isEqualTo("4Gi");
      assertThat(string(gpu, "capacity.memory.requestPolicy.validRange.max")).isEqualTo("40Gi");
      assertThat(at(gpu, "capacity.cores.requestPolicy.validValues").orElseThrow().toString())
          .isEqualTo("[\"1\",\"2\",\"4\"]");
      assertThat(at(gpu, "bindingConditions").orElseThrow().toString())
          .isEqualTo("[\"model.e2e.dra4j.io/attached\"]");
      assertThat(at(gpu, "bindingFailureConditions").orElseThrow().toString())
          .isEqualTo("[\"AttachFailed\"]");
      assertThat(string(gpu, "bindsToNode")).isEqualTo("true");
      assertThat(at(nic, "attributes.numaNodes.ints").orElseThrow().toString()).isEqualTo("[0,1]");
      assertThat(at(nic, "attributes.modes.strings").orElseThrow().toString())
          .isEqualTo("[\"100G\",\"200G\"]");
      assertThat(at(nic, "attributes.firmware.versions").orElseThrow().toString())
          .isEqualTo("[\"1.2.3\",\"2.0.0-rc.1\"]");
      assertThat(at(nic, "attributes.lanes.bools").orElseThrow().toString())
          .isEqualTo("[true,false]");
    }
  }

  @Execution(ExecutionMode.SAME_THREAD)
  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void listAttributesOnAServerWithTheGateOffFailNamingTheGate(String version) throws Exception {
    require136(version);
    String node = "model-gate-off-" + version.replace('.', '-');
    try (ControlPlane cluster = controlPlane(version, false);
        KubeBackend kube = KubeBackend.connectOwned(cluster.adminClient(), DRIVER, node)) {
      TestObjects.createNode(KubeObjects.of(cluster.adminClient()), node, "model");
      SlicePublisher publisher = kube.publisher();
      publisher.publish(Resources.of(Pool.builder(node).device(nic()).build()));

      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(publisher.stats().lastError())
                      .hasValueSatisfying(
                          e ->
                              assertThat(e)
                                  .contains("list attribute")
                                  .contains("DRAListTypeAttributes off")));
    }
  }
}
