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
package io.dra4j.driver.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.ProviderLoader;
import io.dra4j.api.config.AppliedConfig;
import io.dra4j.api.config.ConfigSource;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.device.TaintEffect;
import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.HealthStatus;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.testkit.fixtures.NodeFixture;
import io.dra4j.testkit.fixtures.NodeFixtures;
import io.dra4j.testkit.fixtures.RecordingDriverContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NeuronDeviceProviderTest {
  @TempDir Path root;

  /** Trees no test changes, written once per instance type. */
  @TempDir static Path sharedRoot;

  private static final Map<String, NodeFixture> SHARED = new ConcurrentHashMap<>();

  private static NodeFixture shared(String type) {
    return SHARED.computeIfAbsent(type, t -> NodeFixtures.write(t, sharedRoot.resolve(t)));
  }

  private final NeuronDeviceProvider provider = new NeuronDeviceProvider();

  private RecordingDriverContext start(NodeFixture fixture) {
    return start(RecordingDriverContext.forFixture(fixture));
  }

  private RecordingDriverContext start(RecordingDriverContext.Builder builder) {
    RecordingDriverContext ctx = builder.build();
    provider.start(ctx);
    return ctx;
  }

  private static Map<QualifiedName, AttributeValue> attrs(Device d) {
    return d.attributes();
  }

  private static QualifiedName q(String name) {
    return QualifiedName.of(name);
  }

  private static PrepareRequest request(List<Integer> ids, Record... configs) {
    List<AllocatedDevice> devices = new ArrayList<>();
    for (int id : ids) {
      devices.add(AllocatedDevice.of("neurons", "node-1", "neurondevice" + id));
    }
    return request(new ClaimRef("ns", "train", "uid-1"), devices, configs);
  }

  private static PrepareRequest request(
      ClaimRef claim, List<AllocatedDevice> devices, Record... configs) {
    List<AppliedConfig> applied = new ArrayList<>();
    for (Record c : configs) {
      applied.add(new AppliedConfig(ConfigSource.CLAIM, List.of(), c));
    }
    return new PrepareRequest(claim, devices, applied, List.of());
  }

  @Test
  void trn2PublishesSixteenDevicesWithExactAttributesAndGroupIds() {
    RecordingDriverContext ctx = start(shared("trn2.48xlarge"));
    Pool pool = ctx.lastPool();
    assertThat(pool.name()).isEqualTo("node-1");
    assertThat(pool.devices())
        .extracting(Device::name)
        .containsExactlyElementsOf(
            IntStream.range(0, 16).mapToObj(i -> "neurondevice" + i).toList());

    Device d5 = ctx.lastDevice("neurondevice5");
    assertThat(attrs(d5))
        .containsEntry(q("deviceId"), AttributeValue.of(5))
        .containsEntry(q("instanceType"), AttributeValue.of("trn2.48xlarge"))
        .containsEntry(q("neuronDriverVersion"), AttributeValue.of("2.25.4.0"))
        .containsEntry(q("resourceType"), AttributeValue.of("neuron_device"))
        .containsEntry(q("topology_x"), AttributeValue.of(1))
        .containsEntry(q("topology_y"), AttributeValue.of(1))
        .containsEntry(q("topology4_id"), AttributeValue.of(1))
        .containsEntry(q("topology8_id"), AttributeValue.of(0))
        .containsEntry(q("resource.aws.com/devicegroup1_id"), AttributeValue.of("0000:57:00.0"))
        .containsEntry(q("resource.aws.com/devicegroup4_id"), AttributeValue.of("671622785349fddf"))
        .containsEntry(q("resource.aws.com/devicegroup8_id"), AttributeValue.of("3593812b8066a078"))
        .containsEntry(
            q("resource.aws.com/devicegroup16_id"), AttributeValue.of("821d14afaf11327d"))
        .containsEntry(q("pciAddress"), AttributeValue.of("0000:35:1e.0"))
        .containsEntry(q("numaNode"), AttributeValue.of(0));
    assertThat(attrs(d5).get(q("draDriverVersion")))
        .isInstanceOf(AttributeValue.VersionValue.class);
    assertThat(d5.capacity())
        .containsEntry(q("cores"), Quantity.parse("4"))
        .containsEntry(q("physicalCores"), Quantity.parse("8"))
        .containsEntry(q("memory"), Quantity.parse("96Gi"));

    Device d14 = ctx.lastDevice("neurondevice14");
    assertThat(attrs(d14))
        .containsEntry(q("topology_x"), AttributeValue.of(3))
        .containsEntry(q("topology_y"), AttributeValue.of(2))
        .containsEntry(q("topology8_id"), AttributeValue.of(1))
        .containsEntry(q("resource.aws.com/devicegroup1_id"), AttributeValue.of("0000:df:00.0"))
        .containsEntry(q("resource.aws.com/devicegroup4_id"), AttributeValue.of("b3d6ce1919d29f8f"))
        .containsEntry(
            q("resource.aws.com/devicegroup8_id"), AttributeValue.of("614e16dab9ba2f1f"));
    assertThat(ctx.warnings()).isEmpty();
  }

  @Test
  void trn1PublishesPairsThatShareAnAdapter() {
    RecordingDriverContext ctx = start(shared("trn1.32xlarge"));
    assertThat(ctx.lastPool().devices()).hasSize(16);
    Device d0 = ctx.lastDevice("neurondevice0");
    Device d1 = ctx.lastDevice("neurondevice1");
    assertThat(attrs(d0).get(q("resource.aws.com/devicegroup1_id")))
        .isEqualTo(AttributeValue.of("0000:10:1a.0"))
        .isEqualTo(attrs(d1).get(q("resource.aws.com/devicegroup1_id")));
    assertThat(attrs(d0))
        .containsEntry(q("resource.aws.com/devicegroup4_id"), AttributeValue.of("88a3c6ad1661fe1d"))
        .containsEntry(
            q("resource.aws.com/devicegroup16_id"), AttributeValue.of("fb838249c99a6341"));
    assertThat(d0.capacity())
        .containsEntry(q("cores"), Quantity.parse("2"))
        .containsEntry(q("physicalCores"), Quantity.parse("2"))
        .containsEntry(q("memory"), Quantity.parse("32Gi"));
  }

  @Test
  void inf2PublishesTwelveDevicesWithoutGroupOrTopologyAttributes() {
    RecordingDriverContext ctx = start(shared("inf2.48xlarge"));
    assertThat(ctx.lastPool().devices()).hasSize(12);
    for (Device d : ctx.lastPool().devices()) {
      assertThat(attrs(d).keySet())
          .extracting(QualifiedName::toString)
          .noneMatch(n -> n.startsWith("resource.aws.com/") || n.startsWith("topology"));
      assertThat(attrs(d)).containsEntry(q("instanceType"), AttributeValue.of("inf2.48xlarge"));
    }
    assertThat(ctx.lastDevice("neurondevice11").capacity())
        .containsEntry(q("cores"), Quantity.parse("2"));
  }

  @Test
  void missingFilesStillPublishWhatIsKnownAndWarnAboutEachPath() {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    f.remove("sys/module/neuron/version");
    f.remove("sys/devices/virtual/neuron_device/neuron3/core_count");
    f.remove("dev/neuron7");
    RecordingDriverContext ctx = start(f);

    assertThat(ctx.lastPool().devices()).hasSize(16);
    assertThat(attrs(ctx.lastDevice("neurondevice0"))).doesNotContainKey(q("neuronDriverVersion"));
    assertThat(ctx.lastDevice("neurondevice3").capacity())
        .containsEntry(q("physicalCores"), Quantity.parse("8"));
    assertThat(ctx.warnings())
        .anyMatch(w -> w.contains("module/neuron/version") && w.contains("neuronDriverVersion"))
        .anyMatch(w -> w.contains("neuron3/core_count") && w.contains("8 physical cores"))
        .anyMatch(w -> w.contains("dev/neuron7"));
  }

  @Test
  void unknownInstanceTypeOmitsTypeDependentAttributesAndWarns() {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    f.remove("sys/devices/virtual/dmi/id/product_name");
    RecordingDriverContext ctx = start(f);
    Device d = ctx.lastDevice("neurondevice0");
    assertThat(attrs(d)).containsKey(q("deviceId")).doesNotContainKey(q("instanceType"));
    assertThat(attrs(d).keySet())
        .extracting(QualifiedName::toString)
        .noneMatch(n -> n.startsWith("resource.aws.com/"));
    assertThat(d.capacity()).containsEntry(q("cores"), Quantity.parse("8"));
    assertThat(d.capacity()).doesNotContainKey(q("memory"));
    assertThat(ctx.warnings())
        .anyMatch(w -> w.contains("product_name") && w.contains("instanceType"));
  }

  @Test
  void networkNodeLayersComeFromTheSetting() {
    RecordingDriverContext ctx =
        start(
            RecordingDriverContext.forFixture(shared("trn2.48xlarge"))
                .setting("networkNodeLayers", "nn-a1, nn-b2,nn-c3"));
    assertThat(attrs(ctx.lastDevice("neurondevice2")))
        .containsEntry(q("networkNodeLayer1"), AttributeValue.of("nn-a1"))
        .containsEntry(q("networkNodeLayer2"), AttributeValue.of("nn-b2"))
        .containsEntry(q("networkNodeLayer3"), AttributeValue.of("nn-c3"));
  }

  @Test
  void tooManyNetworkNodeLayersAreRefusedAtStart() {
    RecordingDriverContext ctx =
        RecordingDriverContext.forFixture(shared("trn2.48xlarge"))
            .setting("networkNodeLayers", "a,b,c,d")
            .build();
    assertThatThrownBy(() -> provider.start(ctx))
        .hasMessageContaining("networkNodeLayers")
        .hasMessageContaining("one to three");
  }

  @Test
  void prepareGivesDeviceNodesAndDefaultLncTwoOnTrn2() throws Exception {
    start(shared("trn2.48xlarge"));
    Preparation p = provider.prepare(request(List.of(0, 1)));
    assertThat(p.devices()).hasSize(2);
    assertThat(p.devices().get(0).edits().deviceNodes().get(0).path()).isEqualTo("/dev/neuron0");
    assertThat(p.devices().get(1).edits().deviceNodes().get(0).path()).isEqualTo("/dev/neuron1");
    assertThat(p.common().env())
        .containsEntry("NEURON_RT_VISIBLE_CORES", "0-7")
        .containsEntry("NEURON_LOGICAL_NC_CONFIG", "2");
  }

  @Test
  void lncOneDoublesTheVisibleLogicalCores() throws Exception {
    start(shared("trn2.48xlarge"));
    Preparation p = provider.prepare(request(List.of(0, 1), new NeuronConfig(1)));
    assertThat(p.common().env())
        .containsEntry("NEURON_RT_VISIBLE_CORES", "0-15")
        .containsEntry("NEURON_LOGICAL_NC_CONFIG", "1");
    Preparation upper = provider.prepare(request(List.of(4, 5), new NeuronConfig(2)));
    assertThat(upper.common().env()).containsEntry("NEURON_RT_VISIBLE_CORES", "16-23");
  }

  @Test
  void configNamingTheSubrequestAFirstAvailableClaimGotIsApplied() throws Exception {
    start(shared("trn2.48xlarge"));
    List<AllocatedDevice> half =
        List.of(
            AllocatedDevice.of("neurons/half8", "node-1", "neurondevice0"),
            AllocatedDevice.of("neurons/half8", "node-1", "neurondevice1"));
    List<AppliedConfig> configs =
        List.of(
            new AppliedConfig(ConfigSource.CLAIM, List.of("neurons/full16"), new NeuronConfig(2)),
            new AppliedConfig(ConfigSource.CLAIM, List.of("neurons/half8"), new NeuronConfig(1)));
    Preparation p =
        provider.prepare(
            new PrepareRequest(new ClaimRef("ns", "train", "uid-1"), half, configs, List.of()));
    assertThat(p.common().env())
        .containsEntry("NEURON_LOGICAL_NC_CONFIG", "1")
        .containsEntry("NEURON_RT_VISIBLE_CORES", "0-15");
  }

  @Test
  void nonContiguousDevicesGiveACommaList() throws Exception {
    start(shared("trn2.48xlarge"));
    Preparation p = provider.prepare(request(List.of(2, 0)));
    assertThat(p.common().env()).containsEntry("NEURON_RT_VISIBLE_CORES", "0,1,2,3,8,9,10,11");
  }

  @Test
  void trn1GetsPhysicalCoresAndNoLncVariable() throws Exception {
    start(shared("trn1.32xlarge"));
    Preparation p = provider.prepare(request(List.of(2, 3)));
    assertThat(p.common().env())
        .containsEntry("NEURON_RT_VISIBLE_CORES", "4-7")
        .doesNotContainKey("NEURON_LOGICAL_NC_CONFIG");
  }

  @ParameterizedTest
  @ValueSource(strings = {"trn1.32xlarge", "inf2.48xlarge"})
  void lncBeforeTrn2FailsNamingTheInstanceType(String type) {
    start(shared(type));
    assertThatThrownBy(() -> provider.prepare(request(List.of(0), new NeuronConfig(2))))
        .isInstanceOf(PrepareException.class)
        .hasMessageContaining(type)
        .hasMessageContaining("Trn2")
        .hasMessageContaining("ns/train");
  }

  @Test
  void invalidConfigValuesNameTheAllowedValues() {
    assertThatThrownBy(() -> new UltraServerConfig(3).validate())
        .hasMessageContaining("ultraserverMode is 3")
        .hasMessageContaining("1, 2 and 4");
    assertThatThrownBy(() -> new NeuronConfig(4).validate())
        .hasMessageContaining("logicalNeuronCore is 4")
        .hasMessageContaining("1 and 2");
    start(shared("trn2.48xlarge"));
    assertThatThrownBy(() -> provider.prepare(request(List.of(0), new UltraServerConfig(3))))
        .isInstanceOf(PrepareException.class)
        .hasMessageContaining("1, 2 and 4");
  }

  @Test
  void ultraServerConfigSetsModeAndIdsAndCombinesWithLnc() throws Exception {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    f.writeFile("sys/class/neuron_device/server_id_4", "7");
    f.writeFile("sys/class/neuron_device/node_id_4", "2");
    start(RecordingDriverContext.forFixture(f).setting("instanceType", "trn2u.48xlarge"));
    Preparation p =
        provider.prepare(
            request(List.of(0, 1, 2, 3), new UltraServerConfig(4), new NeuronConfig(1)));
    assertThat(p.common().env())
        .containsEntry("NEURON_RT_ULTRASERVER_MODE", "4")
        .containsEntry("NEURON_RT_ULTRASERVER_SERVER_ID", "7")
        .containsEntry("NEURON_RT_ULTRASERVER_NODE_ID", "2")
        .containsEntry("NEURON_LOGICAL_NC_CONFIG", "1")
        .containsEntry("NEURON_RT_VISIBLE_CORES", "0-31");
  }

  @Test
  void ultraServerConfigOnANonUltraServerNodeFails() {
    start(shared("trn2.48xlarge"));
    assertThatThrownBy(() -> provider.prepare(request(List.of(0), new UltraServerConfig(2))))
        .isInstanceOf(PrepareException.class)
        .hasMessageContaining("UltraServer")
        .hasMessageContaining("trn2.48xlarge");
  }

  @Test
  void unknownDeviceFailsOnlyThatClaim() throws Exception {
    start(shared("inf2.48xlarge"));
    assertThatThrownBy(() -> provider.prepare(request(List.of(12))))
        .isInstanceOf(PrepareException.class)
        .hasMessageContaining("neurondevice12")
        .hasMessageContaining("neurondevice11");
    assertThat(provider.prepare(request(List.of(11))).common().env())
        .containsEntry("NEURON_RT_VISIBLE_CORES", "22-23");
  }

  @Test
  void eccErrorTaintsTheDeviceAndRecoveryRemovesTheTaint() throws Exception {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    RecordingDriverContext ctx = start(f);
    List<DeviceHealth> ok = provider.healthCheck().orElseThrow().check();
    assertThat(ok).hasSize(16).allMatch(h -> h.status() == HealthStatus.HEALTHY);
    assertThat(ctx.published()).hasSize(1);

    f.setEccCounter(3, "mem_ecc_uncorrected", 2);
    List<DeviceHealth> bad = provider.healthCheck().orElseThrow().check();
    DeviceHealth h3 =
        bad.stream().filter(h -> h.device().equals("neurondevice3")).findFirst().orElseThrow();
    assertThat(h3.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(h3.message()).contains("mem_ecc_uncorrected=2");
    assertThat(ctx.published()).hasSize(2);
    assertThat(ctx.lastDevice("neurondevice3").taints())
        .containsExactly(
            DeviceTaint.of("neuron.aws.com/unhealthy", "ecc-uncorrected", TaintEffect.NO_SCHEDULE));
    assertThat(ctx.lastDevice("neurondevice2").taints()).isEmpty();

    provider.healthCheck().orElseThrow().check();
    assertThat(ctx.published()).as("unchanged health does not republish").hasSize(2);

    f.setEccCounter(3, "mem_ecc_uncorrected", 0);
    provider.healthCheck().orElseThrow().check();
    assertThat(ctx.published()).hasSize(3);
    assertThat(ctx.lastDevice("neurondevice3").taints()).isEmpty();
  }

  @Test
  void unreadableCountersAreUnknownNotUnhealthy() throws Exception {
    NodeFixture f = NodeFixtures.write("inf2.48xlarge", root);
    start(f);
    f.remove("sys/devices/virtual/neuron_device/neuron1/stats/hardware/sram_ecc_uncorrected");
    DeviceHealth h1 = provider.healthCheck().orElseThrow().check().get(1);
    assertThat(h1.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(h1.message()).contains("sram_ecc_uncorrected");
  }

  @Test
  void trn2uPublishesTheNodeDeviceLastWithTheCapacityBlockAndNoTorusAttributes() {
    RecordingDriverContext ctx =
        start(
            RecordingDriverContext.forFixture(shared("trn2u.48xlarge"))
                .setting("capacityBlockId", "cr-0123"));
    List<Device> devices = ctx.lastPool().devices();
    assertThat(devices).hasSize(17);
    assertThat(devices.get(16).name()).isEqualTo("neuron-node");
    assertThat(attrs(devices.get(16)))
        .containsEntry(q("resourceType"), AttributeValue.of("neuron_node"))
        .containsEntry(q("capacityBlockId"), AttributeValue.of("cr-0123"))
        .containsEntry(q("instanceType"), AttributeValue.of("trn2u.48xlarge"))
        .containsEntry(q("deviceCount"), AttributeValue.of(16))
        .doesNotContainKey(q("deviceId"));
    assertThat(attrs(ctx.lastDevice("neurondevice5")))
        .containsEntry(q("capacityBlockId"), AttributeValue.of("cr-0123"))
        .containsEntry(q("resourceType"), AttributeValue.of("neuron_device"))
        .containsKey(q("resource.aws.com/devicegroup4_id"))
        .doesNotContainKey(q("topology4_id"));
    assertThat(ctx.warnings()).isEmpty();
  }

  @Test
  void trn2uWithoutCapacityBlockWarnsAndTrn3ReadsTheReservationId() {
    RecordingDriverContext plain = start(shared("trn2u.48xlarge"));
    assertThat(attrs(plain.lastDevice("neuron-node"))).doesNotContainKey(q("capacityBlockId"));
    assertThat(plain.warnings())
        .anyMatch(w -> w.contains("reservation_id") && w.contains("capacityBlockId"));

    NodeFixture f = NodeFixtures.write("trn2u.48xlarge", root);
    f.writeFile("sys/class/neuron_device/reservation_id", "cr-from-sysfs");
    RecordingDriverContext ctx = start(f);
    assertThat(attrs(ctx.lastDevice("neuron-node")))
        .containsEntry(q("capacityBlockId"), AttributeValue.of("cr-from-sysfs"));
  }

  @Test
  void nonUltraServerNodesHaveNoNodeDevice() {
    RecordingDriverContext ctx = start(shared("trn2.48xlarge"));
    assertThat(ctx.lastPool().devices()).extracting(Device::name).doesNotContain("neuron-node");
    assertThat(attrs(ctx.lastDevice("neurondevice0"))).doesNotContainKey(q("capacityBlockId"));
  }

  @Test
  void coreCountsAreAttributesSoTheMetadataFileHasThem() {
    RecordingDriverContext ctx = start(shared("trn2.48xlarge"));
    assertThat(attrs(ctx.lastDevice("neurondevice3")))
        .containsEntry(q("coreCount"), AttributeValue.of(4))
        .containsEntry(q("physicalCoreCount"), AttributeValue.of(8));
  }

  private static PrepareRequest nodeRequest(Record... configs) {
    return request(
        new ClaimRef("ns", "us", "uid-2"),
        List.of(AllocatedDevice.of("node", "node-1", "neuron-node")),
        configs);
  }

  @Test
  void nodeDeviceGivesAllDevicesAndTheUltraServerIdsOfTheMode() throws Exception {
    start(shared("trn2u.48xlarge"));
    Preparation p = provider.prepare(nodeRequest(new UltraServerConfig(2), new NeuronConfig(1)));
    assertThat(p.devices()).hasSize(1);
    assertThat(p.devices().get(0).edits().deviceNodes()).hasSize(16);
    assertThat(p.common().env())
        .containsEntry("NEURON_RT_ULTRASERVER_MODE", "2")
        .containsEntry("NEURON_RT_ULTRASERVER_SERVER_ID", NodeFixtures.ULTRASERVER_SERVER_ID_2)
        .containsEntry(
            "NEURON_RT_ULTRASERVER_NODE_ID", Integer.toString(NodeFixtures.ULTRASERVER_NODE_ID_2))
        .containsEntry("NEURON_RT_VISIBLE_CORES", "0-127")
        .containsEntry("NEURON_LOGICAL_NC_CONFIG", "1");
  }

  @Test
  void nodeDeviceWithoutConfigSetsNoUltraServerVariables() throws Exception {
    start(shared("trn2u.48xlarge"));
    Preparation p = provider.prepare(nodeRequest());
    assertThat(p.common().env())
        .containsEntry("NEURON_RT_VISIBLE_CORES", "0-63")
        .doesNotContainKey("NEURON_RT_ULTRASERVER_MODE");
  }

  @Test
  void nodeDeviceTogetherWithItsDevicesGivesEachDeviceNodeOnce() throws Exception {
    start(shared("trn2u.48xlarge"));
    PrepareRequest all =
        request(
            new ClaimRef("ns", "us", "uid-3"),
            List.of(
                AllocatedDevice.of("all", "node-1", "neurondevice0"),
                AllocatedDevice.of("all", "node-1", "neuron-node"),
                AllocatedDevice.of("all", "node-1", "neurondevice15")));
    Preparation p = provider.prepare(all);
    List<String> nodes = new ArrayList<>();
    p.devices().forEach(d -> d.edits().deviceNodes().forEach(n -> nodes.add(n.path())));
    assertThat(nodes)
        .hasSize(16)
        .doesNotHaveDuplicates()
        .contains("/dev/neuron0", "/dev/neuron7", "/dev/neuron15");
    assertThat(p.devices().get(1).edits().deviceNodes()).hasSize(14);
    assertThat(p.common().env()).containsEntry("NEURON_RT_VISIBLE_CORES", "0-63");
  }

  @Test
  void nodeDeviceNameOnANonUltraServerNodeIsAStaleAllocation() {
    start(shared("trn2.48xlarge"));
    assertThatThrownBy(() -> provider.prepare(nodeRequest(new UltraServerConfig(2))))
        .isInstanceOf(PrepareException.class)
        .hasMessageContaining("neuron-node")
        .hasMessageContaining("stale");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hw_hbm_ue_error", "hw_nc_ue_error", "hw_error"})
  void coreErrorCounterTaintsTheDeviceWithItsReason(String counter) throws Exception {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    RecordingDriverContext ctx = start(f);
    provider.healthCheck().orElseThrow().check();
    assertThat(ctx.lastDevice("neurondevice6").taints()).isEmpty();

    f.setCoreStatusCounter(6, 5, counter, 1);
    DeviceHealth h6 =
        provider.healthCheck().orElseThrow().check().stream()
            .filter(h -> h.device().equals("neurondevice6"))
            .findFirst()
            .orElseThrow();
    String reason =
        Map.of(
                "hw_hbm_ue_error", "hbm-uncorrected",
                "hw_nc_ue_error", "core-uncorrected",
                "hw_error", "hardware-error")
            .get(counter);
    assertThat(h6.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(h6.message()).contains("neuron_core5/stats/status/" + counter + "=1");
    assertThat(ctx.lastDevice("neurondevice6").taints())
        .containsExactly(
            DeviceTaint.of("neuron.aws.com/unhealthy", reason, TaintEffect.NO_SCHEDULE));
    assertThat(ctx.lastDevice("neurondevice7").taints()).isEmpty();

    f.setCoreStatusCounter(6, 5, counter, 0);
    provider.healthCheck().orElseThrow().check();
    assertThat(ctx.lastDevice("neurondevice6").taints()).isEmpty();
  }

  @Test
  void eccOutranksCoreErrorsAndMissingCoreCountersAreNotUnknown() throws Exception {
    NodeFixture f = NodeFixtures.write("trn2.48xlarge", root);
    RecordingDriverContext ctx = start(f);
    f.setCoreStatusCounter(1, 0, "hw_error", 3);
    f.setEccCounter(1, "sram_ecc_uncorrected", 1);
    f.remove("sys/devices/virtual/neuron_device/neuron2/neuron_core0/stats/status/hw_error");
    List<DeviceHealth> health = provider.healthCheck().orElseThrow().check();
    assertThat(ctx.lastDevice("neurondevice1").taints())
        .extracting(DeviceTaint::value)
        .containsExactly(Optional.of("ecc-uncorrected"));
    assertThat(health.get(1).message()).contains("sram_ecc_uncorrected=1").contains("hw_error=3");
    assertThat(health.get(2).status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void theNodeDeviceIsTaintedWhenOneOfItsDevicesIs() throws Exception {
    NodeFixture f = NodeFixtures.write("trn2u.48xlarge", root);
    RecordingDriverContext ctx = start(f);
    f.setCoreStatusCounter(9, 2, "hw_nc_ue_error", 2);
    List<DeviceHealth> health = provider.healthCheck().orElseThrow().check();
    assertThat(health).hasSize(17);
    assertThat(ctx.lastDevice("neuron-node").taints())
        .containsExactly(
            DeviceTaint.of(
                "neuron.aws.com/unhealthy", "core-uncorrected", TaintEffect.NO_SCHEDULE));
  }

  @Test
  void refusesToStartNextToTheDevicePlugin() {
    NodeFixture f = shared("trn2.48xlarge");
    for (String resource : NeuronDeviceProvider.DEVICE_PLUGIN_RESOURCES) {
      RecordingDriverContext ctx =
          RecordingDriverContext.forFixture(f).allocatable(resource, "16").build();
      assertThatThrownBy(() -> new NeuronDeviceProvider().start(ctx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(resource)
          .hasMessageContaining("node-1")
          .hasMessageContaining("Remove the device plugin");
      assertThat(ctx.published()).isEmpty();
    }
  }

  @Test
  void zeroDevicePluginResourcesDoNotBlockStart() {
    RecordingDriverContext ctx =
        start(
            RecordingDriverContext.forFixture(shared("trn2.48xlarge"))
                .allocatable("aws.amazon.com/neuron", "0"));
    assertThat(ctx.lastPool().devices()).hasSize(16);
  }

  @Test
  void providerIsRegisteredForServiceLoaderWithBothConfigKinds() {
    DeviceProvider p =
        ProviderLoader.loadOne(
            getClass().getClassLoader(), Optional.of(NeuronDeviceProvider.class.getName()));
    assertThat(p.driverName()).isEqualTo("neuron.aws.com");
    assertThat(p.configKinds())
        .extracting(k -> k.apiVersion() + "/" + k.kind())
        .containsExactly("neuron.aws.com/v1/NeuronConfig", "neuron.aws.com/v1/UltraServerConfig");
  }
}
