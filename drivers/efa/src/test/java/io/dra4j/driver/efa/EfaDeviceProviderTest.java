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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.ProviderLoader;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.TaintEffect;
import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.HealthStatus;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.driver.neuron.NeuronDeviceProvider;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.fixtures.RecordingDriverContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EfaDeviceProviderTest {
  @TempDir Path root;

  /** Trees no test changes, written once per instance type. */
  @TempDir static Path sharedRoot;

  private static final Map<String, NodeFixture> SHARED = new ConcurrentHashMap<>();

  private static NodeFixture shared(String type) {
    return SHARED.computeIfAbsent(type, t -> NodeFixtures.write(t, sharedRoot.resolve(t)));
  }

  private final EfaDeviceProvider provider = new EfaDeviceProvider();

  private RecordingDriverContext start(NodeFixture fixture) {
    RecordingDriverContext ctx = RecordingDriverContext.forFixture(fixture).build();
    provider.start(ctx);
    return ctx;
  }

  private static QualifiedName q(String name) {
    return QualifiedName.of(name);
  }

  private static PrepareRequest request(String... devices) {
    return new PrepareRequest(
        new ClaimRef("ns", "net", "uid-9"),
        List.of(devices).stream().map(d -> AllocatedDevice.of("efa", "node-1", d)).toList(),
        List.of(),
        List.of());
  }

  @Test
  void trn2PublishesSixteenAdaptersNamedAfterTheirPciAddress() {
    RecordingDriverContext ctx = start(shared("trn2.48xlarge"));
    Pool pool = ctx.lastPool();
    assertThat(pool.name()).isEqualTo("node-1");
    assertThat(pool.devices()).hasSize(16);
    assertThat(pool.devices())
        .extracting(Device::name)
        .contains("pci-0000-c9-00-0", "pci-0000-56-00-0");
    assertThat(pool.devices()).noneMatch(Device::allowMultipleAllocations);

    Device d = ctx.lastDevice("pci-0000-c9-00-0");
    assertThat(d.attributes())
        .containsEntry(q("pciAddress"), AttributeValue.of("0000:c9:00.0"))
        .containsEntry(q("resource.kubernetes.io/pcieRoot"), AttributeValue.of("pci0000:c0"))
        .containsEntry(q("numaNode"), AttributeValue.of(1))
        .containsEntry(q("resource.kubernetes.io/numaNode"), AttributeValue.of(1))
        .containsEntry(q("rdmaDevice"), AttributeValue.of("rdmap201s0"))
        .containsEntry(q("rdma"), AttributeValue.of(true))
        .containsEntry(q("pciDevice"), AttributeValue.of("Elastic Fabric Adapter (EFA)"))
        .containsEntry(q("pciVendor"), AttributeValue.of("Amazon.com, Inc."))
        .containsEntry(q("pciSubsystem"), AttributeValue.of("efa0"))
        .containsEntry(q("linkSpeedGbps"), AttributeValue.of(200))
        .containsEntry(q("portState"), AttributeValue.of("ACTIVE"))
        .containsEntry(q("instanceType"), AttributeValue.of("trn2.48xlarge"))
        .containsEntry(q("resource.aws.com/devicegroup1_id"), AttributeValue.of("0000:c9:00.0"))
        .containsEntry(q("resource.aws.com/devicegroup4_id"), AttributeValue.of("13713e551cd37c19"))
        .containsEntry(q("resource.aws.com/devicegroup8_id"), AttributeValue.of("3593812b8066a078"))
        .containsEntry(
            q("resource.aws.com/devicegroup16_id"), AttributeValue.of("821d14afaf11327d"));
    assertThat(ctx.warnings()).isEmpty();
  }

  @Test
  void trn1PublishesEightAdaptersOnTheirRootComplexes() {
    RecordingDriverContext ctx = start(shared("trn1.32xlarge"));
    assertThat(ctx.lastPool().devices())
        .extracting(Device::name)
        .containsExactly(
            "pci-0000-10-19-0",
            "pci-0000-10-1a-0",
            "pci-0000-20-19-0",
            "pci-0000-20-1a-0",
            "pci-0000-90-19-0",
            "pci-0000-90-1a-0",
            "pci-0000-a0-19-0",
            "pci-0000-a0-1a-0");
    Device d = ctx.lastDevice("pci-0000-10-1a-0");
    assertThat(d.attributes())
        .containsEntry(q("resource.kubernetes.io/pcieRoot"), AttributeValue.of("pci0000:10"))
        .containsEntry(q("rdmaDevice"), AttributeValue.of("rdmap16s26"))
        .containsEntry(q("linkSpeedGbps"), AttributeValue.of(100))
        .containsEntry(
            q("resource.aws.com/devicegroup4_id"), AttributeValue.of("88a3c6ad1661fe1d"));
  }

  @Test
  void inf2HasNoAdaptersAndPublishesAnEmptyPool() {
    RecordingDriverContext ctx = start(shared("inf2.48xlarge"));
    assertThat(ctx.lastPool().devices()).isEmpty();
  }

  @Test
  void bothDriversPublishIdenticalGroupIdsForPairedDevices() {
    for (String type : List.of("trn1.32xlarge", "trn1n.32xlarge", "trn2.48xlarge")) {
      NodeFixture f = shared(type);
      RecordingDriverContext efaCtx = RecordingDriverContext.forFixture(f).build();
      new EfaDeviceProvider().start(efaCtx);
      RecordingDriverContext neuronCtx = RecordingDriverContext.forFixture(f).build();
      new NeuronDeviceProvider().start(neuronCtx);

      for (Device neuron : neuronCtx.lastPool().devices()) {
        AttributeValue.StringValue g1 =
            (AttributeValue.StringValue)
                neuron.attributes().get(q("resource.aws.com/devicegroup1_id"));
        String efaName = "pci-" + g1.value().replace(':', '-').replace('.', '-');
        Device efa = efaCtx.lastDevice(efaName);
        for (int size : List.of(1, 4, 8, 16)) {
          QualifiedName key = q("resource.aws.com/devicegroup" + size + "_id");
          assertThat(efa.attributes().get(key))
              .as("%s %s vs %s: %s", type, neuron.name(), efaName, key)
              .isNotNull()
              .isEqualTo(neuron.attributes().get(key));
        }
      }
    }
  }

  @Test
  void prepareGivesEachAdaptersVerbsDeviceAndRdmaCmOnce() throws Exception {
    start(shared("trn1.32xlarge"));
    Preparation p = provider.prepare(request("pci-0000-10-19-0", "pci-0000-a0-1a-0"));
    assertThat(p.devices()).hasSize(2);
    assertThat(p.devices().get(0).edits().deviceNodes().get(0).path())
        .isEqualTo("/dev/infiniband/uverbs0");
    assertThat(p.devices().get(1).edits().deviceNodes().get(0).path())
        .isEqualTo("/dev/infiniband/uverbs7");
    assertThat(p.devices().get(1).status().data())
        .containsEntry("verbsDevice", "/dev/infiniband/uverbs7")
        .containsKey("rdmaDevice");
    assertThat(p.devices().get(1).status().networkData().orElseThrow().interfaceName())
        .isEqualTo(p.devices().get(1).status().data().get("rdmaDevice"));
    assertThat(p.common().deviceNodes())
        .extracting(n -> n.path())
        .containsExactly("/dev/infiniband/rdma_cm");
    assertThat(p.common().env()).isEmpty();
  }

  @Test
  void unknownAdapterFailsOnlyThatClaim() throws Exception {
    start(shared("trn1.32xlarge"));
    assertThatThrownBy(() -> provider.prepare(request("pci-0000-ff-00-0")))
        .isInstanceOf(PrepareException.class)
        .hasMessageContaining("pci-0000-ff-00-0")
        .hasMessageContaining("ns/net");
    assertThat(provider.prepare(request("pci-0000-10-19-0")).devices()).hasSize(1);
  }

  @Test
  void portDownTaintsTheAdapterAndRecoveryRemovesIt() throws Exception {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    RecordingDriverContext ctx = start(f);
    assertThat(provider.healthCheck().orElseThrow().check())
        .hasSize(16)
        .allMatch(h -> h.status() == HealthStatus.HEALTHY);
    assertThat(ctx.published()).hasSize(1);

    f.setEfaPortDown("0000:b4:00.0");
    List<DeviceHealth> report = provider.healthCheck().orElseThrow().check();
    DeviceHealth h =
        report.stream()
            .filter(r -> r.device().equals("pci-0000-b4-00-0"))
            .findFirst()
            .orElseThrow();
    assertThat(h.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(h.message()).contains("0000:b4:00.0").contains("DOWN");
    Device d = ctx.lastDevice("pci-0000-b4-00-0");
    assertThat(d.taints())
        .containsExactly(
            DeviceTaint.of("efa.networking.k8s.aws/port-down", "DOWN", TaintEffect.NO_SCHEDULE));
    assertThat(d.attributes()).containsEntry(q("portState"), AttributeValue.of("DOWN"));
    assertThat(ctx.lastDevice("pci-0000-c9-00-0").taints()).isEmpty();

    int publishes = ctx.published().size();
    provider.healthCheck().orElseThrow().check();
    assertThat(ctx.published()).as("unchanged health does not republish").hasSize(publishes);

    f.setEfaPortState("0000:b4:00.0", NodeFixture.PORT_ACTIVE);
    provider.healthCheck().orElseThrow().check();
    Device recovered = ctx.lastDevice("pci-0000-b4-00-0");
    assertThat(recovered.taints()).isEmpty();
    assertThat(recovered.attributes()).containsEntry(q("portState"), AttributeValue.of("ACTIVE"));
  }

  @Test
  void refusesToStartNextToTheDevicePlugin() {
    RecordingDriverContext ctx =
        RecordingDriverContext.forFixture(shared("trn2.48xlarge"))
            .allocatable("vpc.amazonaws.com/efa", "16")
            .build();
    assertThatThrownBy(() -> provider.start(ctx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("vpc.amazonaws.com/efa")
        .hasMessageContaining("node-1");
    assertThat(ctx.published()).isEmpty();
  }

  @Test
  void otherRdmaDevicesAndAdaptersOnOtherDriversAreSkipped() throws Exception {
    NodeFixture f = NodeFixtures.write("trn1.32xlarge", root);
    // An adapter handed to vfio-pci for a VM, and a non-Amazon RDMA NIC.
    Path pci = root.resolve("sys/bus/pci/devices/0000:10:19.0").toRealPath();
    Files.createDirectories(root.resolve("sys/bus/pci/drivers/vfio-pci"));
    Files.delete(pci.resolve("driver"));
    Files.createSymbolicLink(pci.resolve("driver"), Path.of("../../../bus/pci/drivers/vfio-pci"));
    f.writeFile("sys/devices/pci0000:30/0000:30:00.0/vendor", "0x15b3");
    f.writeFile("sys/devices/pci0000:30/0000:30:00.0/device", "0x101b");
    Path mlx = root.resolve("sys/devices/pci0000:30/0000:30:00.0/infiniband/mlx5_0");
    Files.createDirectories(mlx);
    Files.createSymbolicLink(mlx.resolve("device"), Path.of("../.."));
    Files.createSymbolicLink(
        root.resolve("sys/class/infiniband/mlx5_0"),
        Path.of("../../devices/pci0000:30/0000:30:00.0/infiniband/mlx5_0"));

    RecordingDriverContext ctx = start(f);
    assertThat(ctx.lastPool().devices())
        .hasSize(7)
        .extracting(Device::name)
        .doesNotContain("pci-0000-10-19-0", "pci-0000-30-00-0");
    assertThat(ctx.warnings()).anyMatch(w -> w.contains("0000:10:19.0") && w.contains("vfio-pci"));
  }

  @Test
  void adapterWithoutVerbsDeviceIsPublishedButCannotBePrepared() throws Exception {
    NodeFixture f = NodeFixtures.write("trn1.32xlarge", root);
    f.remove("sys/class/infiniband_verbs/uverbs1");
    RecordingDriverContext ctx = start(f);
    assertThat(ctx.lastPool().devices()).hasSize(8);
    assertThat(ctx.warnings()).anyMatch(w -> w.contains("rdmap16s26") && w.contains("ib_uverbs"));
    assertThatThrownBy(() -> provider.prepare(request("pci-0000-10-1a-0")))
        .isInstanceOf(PrepareException.class)
        .hasMessageContaining("ib_uverbs");
    assertThat(ctx.lastDevice("pci-0000-10-1a-0").taints())
        .as("tainted from the first publish, so no claim lands on it")
        .containsExactly(
            DeviceTaint.of(
                "efa.networking.k8s.aws/verbs-missing", "none", TaintEffect.NO_SCHEDULE));
    assertThat(ctx.lastDevice("pci-0000-10-19-0").taints()).isEmpty();
  }

  @Test
  void pciNamesFollowTheSubsystemAndDeviceIdsInSysfs() {
    NodeFixture f = NodeFixtures.write("trn1.32xlarge", root);
    f.writeFile("sys/bus/pci/devices/0000:10:19.0/subsystem_device", "0xefa1");
    f.remove("sys/bus/pci/devices/0000:10:1a.0/subsystem_device");
    RecordingDriverContext ctx = start(f);
    assertThat(ctx.lastDevice("pci-0000-10-19-0").attributes())
        .containsEntry(q("pciSubsystem"), AttributeValue.of("efa1"))
        .containsEntry(q("pciDevice"), AttributeValue.of("Elastic Fabric Adapter (EFA)"));
    assertThat(ctx.lastDevice("pci-0000-10-1a-0").attributes())
        .as("no subsystem id, no pciSubsystem; the rest stays")
        .doesNotContainKey(q("pciSubsystem"))
        .containsEntry(q("pciVendor"), AttributeValue.of("Amazon.com, Inc."))
        .containsEntry(q("rdma"), AttributeValue.of(true));
  }

  private static DeviceHealth healthOf(List<DeviceHealth> report, String device) {
    return report.stream().filter(r -> r.device().equals(device)).findFirst().orElseThrow();
  }

  @Test
  void physicalLinkDownTaintsTheAdapterWithItsOwnKeyUntilTheLinkIsUp() throws Exception {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    RecordingDriverContext ctx = start(f);
    f.writeEfaFile("0000:b4:00.0", "ports/1/phys_state", "3: Disabled");

    DeviceHealth h = healthOf(provider.healthCheck().orElseThrow().check(), "pci-0000-b4-00-0");

    assertThat(h.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(h.message()).contains("0000:b4:00.0").contains("Disabled").contains("LinkUp");
    assertThat(ctx.lastDevice("pci-0000-b4-00-0").taints())
        .containsExactly(
            DeviceTaint.of(
                "efa.networking.k8s.aws/link-down", "Disabled", TaintEffect.NO_SCHEDULE));
    assertThat(ctx.lastDevice("pci-0000-c9-00-0").taints()).isEmpty();

    f.writeEfaFile("0000:b4:00.0", "ports/1/phys_state", "5: LinkUp");
    h = healthOf(provider.healthCheck().orElseThrow().check(), "pci-0000-b4-00-0");
    assertThat(h.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(ctx.lastDevice("pci-0000-b4-00-0").taints()).isEmpty();
  }

  @Test
  void portDownAndLinkDownTogetherGiveBothTaintsAndOneUnhealthyReport() throws Exception {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    RecordingDriverContext ctx = start(f);
    f.setEfaPortDown("0000:b4:00.0");
    f.writeEfaFile("0000:b4:00.0", "ports/1/phys_state", "2: Polling");

    DeviceHealth h = healthOf(provider.healthCheck().orElseThrow().check(), "pci-0000-b4-00-0");

    assertThat(h.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(h.message()).contains("DOWN").contains("Polling");
    assertThat(ctx.lastDevice("pci-0000-b4-00-0").taints())
        .containsExactlyInAnyOrder(
            DeviceTaint.of("efa.networking.k8s.aws/link-down", "Polling", TaintEffect.NO_SCHEDULE),
            DeviceTaint.of("efa.networking.k8s.aws/port-down", "DOWN", TaintEffect.NO_SCHEDULE));
  }

  @Test
  void adminCommandsWithoutCompletionSinceStartTaintTheAdapter() throws Exception {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    // Already non-zero before the driver started: that is the baseline, not a finding.
    f.writeEfaFile("0000:c9:00.0", "hw_counters/no_completion_cmds", "5");
    RecordingDriverContext ctx = start(f);
    assertThat(provider.healthCheck().orElseThrow().check())
        .allMatch(r -> r.status() == HealthStatus.HEALTHY);

    f.writeEfaFile("0000:c9:00.0", "hw_counters/no_completion_cmds", "7");
    DeviceHealth h = healthOf(provider.healthCheck().orElseThrow().check(), "pci-0000-c9-00-0");

    assertThat(h.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(h.message()).contains("0000:c9:00.0").contains("no_completion_cmds 5 -> 7");
    assertThat(ctx.lastDevice("pci-0000-c9-00-0").taints())
        .containsExactly(
            DeviceTaint.of(
                "efa.networking.k8s.aws/admin-cmd-timeouts", "2", TaintEffect.NO_SCHEDULE));

    // The efa module was reloaded: the counter starts over and the adapter is measured from there.
    f.writeEfaFile("0000:c9:00.0", "hw_counters/no_completion_cmds", "0");
    assertThat(healthOf(provider.healthCheck().orElseThrow().check(), "pci-0000-c9-00-0").status())
        .isEqualTo(HealthStatus.HEALTHY);
    assertThat(ctx.lastDevice("pci-0000-c9-00-0").taints()).isEmpty();
    f.writeEfaFile("0000:c9:00.0", "hw_counters/no_completion_cmds", "1");
    assertThat(healthOf(provider.healthCheck().orElseThrow().check(), "pci-0000-c9-00-0").status())
        .isEqualTo(HealthStatus.UNHEALTHY);
  }

  @Test
  void olderKernelsCountersUnderThePortAreReadToo() throws Exception {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    f.writeEfaFile("0000:c9:00.0", "ports/1/hw_counters/no_completion_cmds", "0");
    f.remove(
        "sys/bus/pci/devices/0000:c9:00.0/infiniband/rdmap201s0/hw_counters/no_completion_cmds");
    RecordingDriverContext ctx = start(f);
    f.writeEfaFile("0000:c9:00.0", "ports/1/hw_counters/no_completion_cmds", "3");
    provider.healthCheck().orElseThrow().check();
    assertThat(ctx.lastDevice("pci-0000-c9-00-0").taints())
        .containsExactly(
            DeviceTaint.of(
                "efa.networking.k8s.aws/admin-cmd-timeouts", "3", TaintEffect.NO_SCHEDULE));
  }

  @Test
  void aVanishedVerbsDeviceNodeTaintsTheAdapter() throws Exception {
    NodeFixture f = NodeFixtures.write("trn1.32xlarge", root);
    RecordingDriverContext ctx = start(f);
    f.remove("dev/infiniband/uverbs3");

    List<DeviceHealth> report = provider.healthCheck().orElseThrow().check();

    assertThat(report).filteredOn(r -> r.status() == HealthStatus.UNHEALTHY).hasSize(1);
    DeviceHealth h =
        report.stream().filter(r -> r.status() == HealthStatus.UNHEALTHY).findFirst().orElseThrow();
    assertThat(h.message()).contains("uverbs3").contains("ib_uverbs");
    assertThat(ctx.lastDevice(h.device()).taints())
        .containsExactly(
            DeviceTaint.of(
                "efa.networking.k8s.aws/verbs-missing", "uverbs3", TaintEffect.NO_SCHEDULE));
  }

  @Test
  void missingInstanceTypeOmitsGroupIdsAndWarns() {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    f.remove("sys/devices/virtual/dmi/id/product_name");
    RecordingDriverContext ctx = start(f);
    Map<QualifiedName, AttributeValue> attrs = ctx.lastDevice("pci-0000-c9-00-0").attributes();
    assertThat(attrs).containsKey(q("pciAddress")).doesNotContainKey(q("instanceType"));
    assertThat(attrs.keySet())
        .extracting(QualifiedName::toString)
        .noneMatch(n -> n.startsWith("resource.aws.com/"));
    assertThat(ctx.warnings()).anyMatch(w -> w.contains("product_name"));
  }

  @Test
  void providerIsRegisteredForServiceLoader() {
    DeviceProvider p =
        ProviderLoader.loadOne(
            getClass().getClassLoader(), Optional.of(EfaDeviceProvider.class.getName()));
    assertThat(p.driverName()).isEqualTo("efa.networking.k8s.aws");
  }
}
