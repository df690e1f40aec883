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

import com.google.auto.service.AutoService;
import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.StartedState;
import io.dra4j.api.device.Device;
import io.dra4j.api.guard.DevicePluginConflict;
import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.Finding;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.api.health.HealthStatus;
import io.dra4j.api.health.TaintedPool;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.status.DeviceCondition;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.api.status.NetworkData;
import io.dra4j.driver.aws.DeviceGroups;
import io.dra4j.driver.aws.InstanceType;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code efa.networking.k8s.aws} device provider: one device per EFA adapter, named after its
 * PCI address ({@code pci-0000-10-1a-0}), in a pool named after the node. Adapters are exclusive
 * per claim; several pods share one by sharing the claim.
 *
 * <p>Setting ({@code --set key=value}): {@code instanceType} overrides the DMI product name.
 */
@AutoService(DeviceProvider.class)
public final class EfaDeviceProvider implements DeviceProvider {

  /** The driver and DeviceClass name. */
  public static final String DRIVER = "efa.networking.k8s.aws";

  /** The taint key put on an adapter whose port is not ACTIVE (effect NoSchedule). */
  public static final String TAINT_KEY = "efa.networking.k8s.aws/port-down";

  /** The extended resource of the EFA device plugin; the driver refuses to run next to it. */
  public static final String DEVICE_PLUGIN_RESOURCE = "vpc.amazonaws.com/efa";

  /** The RDMA connection manager device every EFA container gets once. */
  static final String RDMA_CM = "/dev/infiniband/rdma_cm";

  private static final String ACTIVE = "ACTIVE";

  private final StartedState<Started> started = StartedState.of(DRIVER);

  private record Started(
      DriverContext context,
      Optional<InstanceType> instanceType,
      Map<String, EfaAdapter> adapters,
      boolean rdmaCm,
      TaintedPool pool,
      AdapterHealth health) {}

  @Override
  public String driverName() {
    return DRIVER;
  }

  @Override
  public void start(DriverContext context) {
    // snippet:device-plugin-guard
    DevicePluginConflict.refuseIfAdvertised(
        context, DRIVER, "the EFA device plugin", List.of(DEVICE_PLUGIN_RESOURCE));
    // end:device-plugin-guard
    Optional<InstanceType> type = InstanceType.detect(context.hostPaths(), context.settings());
    EfaDiscovery.Result found = new EfaDiscovery(context.hostPaths()).discover();
    List<String> problems = new ArrayList<>(found.problems());
    if (type.isEmpty()) {
      problems.add(
          context.hostPaths().sys().resolve(InstanceType.DMI_PRODUCT_NAME)
              + " holds no instance type: instanceType and device-group attributes are omitted");
    }
    boolean rdmaCm = Files.exists(context.hostPaths().dev().resolve("infiniband/rdma_cm"));
    if (!rdmaCm && !found.adapters().isEmpty()) {
      problems.add(
          context.hostPaths().dev().resolve("infiniband/rdma_cm")
              + " is missing: containers get the verbs devices only (is rdma_ucm loaded?)");
    }
    for (String p : problems) {
      context.logger().log(Level.WARNING, "node {0}: {1}", context.nodeName(), p);
    }
    Map<String, EfaAdapter> adapters = new LinkedHashMap<>();
    List<Device> devices = new ArrayList<>();
    AdapterHealth health = new AdapterHealth(context.hostPaths(), found.adapters());
    for (EfaAdapter a : found.adapters()) {
      adapters.put(a.deviceName(), a);
      devices.add(device(a, type, EfaDiscovery.portState(a.portStateFile()), health.problems(a)));
    }
    TaintedPool pool = new TaintedPool(context, context.nodeName(), TAINT_KEY, devices);
    pool.publish();
    started.set(
        new Started(
            context,
            type,
            Collections.unmodifiableMap(new TreeMap<>(adapters)),
            rdmaCm,
            pool,
            health));
    context
        .logger()
        .log(
            Level.INFO,
            "node {0}: published {1} EFA adapters (instance type {2})",
            context.nodeName(),
            devices.size(),
            type.map(InstanceType::name).orElse("unknown"));
  }

  private static Device device(
      EfaAdapter a,
      Optional<InstanceType> type,
      Optional<String> portState,
      List<AdapterHealth.Problem> problems) {
    Device.Builder b =
        Device.builder(a.deviceName())
            .attribute("pciAddress", a.pciAddress())
            .attribute("rdmaDevice", a.rdmaDevice())
            .attribute("rdma", true);
    // The PCI names dranet publishes, which EKS's DeviceClass and users' selectors match.
    EfaPciNames.vendor(EfaDiscovery.AMAZON_VENDOR).ifPresent(v -> b.attribute("pciVendor", v));
    EfaPciNames.device(a.pciDeviceId()).ifPresent(d -> b.attribute("pciDevice", d));
    EfaPciNames.subsystem(a.pciSubsystemDevice()).ifPresent(s -> b.attribute("pciSubsystem", s));
    a.pcieRoot().ifPresent(r -> b.attribute("resource.kubernetes.io/pcieRoot", r));
    a.numaNode()
        .ifPresent(
            n -> {
              b.attribute("numaNode", n);
              b.attribute("resource.kubernetes.io/numaNode", n);
            });
    a.linkSpeedGbps().ifPresent(s -> b.attribute("linkSpeedGbps", s));
    portState.ifPresent(s -> b.attribute("portState", s));
    type.ifPresent(t -> b.attribute("instanceType", t.name()));
    type.flatMap(DeviceGroups::forInstanceType)
        .flatMap(g -> g.ofEfa(a.pciAddress()))
        .ifPresent(g -> g.attributes().forEach(b::attribute));
    problems.forEach(p -> b.taint(p.taint()));
    return b.build();
  }

  @Override
  public Preparation prepare(PrepareRequest request) throws PrepareException {
    Started s = started.require(request);
    Preparation.Builder out = Preparation.builder();
    for (AllocatedDevice d : request.devices()) {
      EfaAdapter a = s.adapters().get(d.device());
      if (a == null) {
        throw new PrepareException(
            "claim "
                + request.claim()
                + " on node "
                + s.context().nodeName()
                + ": device "
                + d.device()
                + " of request "
                + d.request()
                + " is not an EFA adapter of this node, which has "
                + new TreeSet<>(s.adapters().keySet())
                + ". The claim was allocated against stale ResourceSlices: delete and recreate it");
      }
      if (a.uverbs().isEmpty()) {
        throw new PrepareException(
            "claim "
                + request.claim()
                + ": EFA adapter "
                + a.pciAddress()
                + " ("
                + a.rdmaDevice()
                + ") has no verbs device on node "
                + s.context().nodeName()
                + "; load the ib_uverbs kernel module and restart the driver");
      }
      String verbs = "/dev/infiniband/" + a.uverbs().get();
      out.device(d, ContainerEdits.builder().deviceNode(verbs).build(), status(a, verbs));
    }
    if (s.rdmaCm() && !request.devices().isEmpty()) {
      out.common(ContainerEdits.builder().deviceNode(RDMA_CM).build());
    }
    s.context()
        .logger()
        .log(
            Level.INFO,
            "prepared {0}: EFA adapters {1}",
            request.claim(),
            request.devices().stream().map(AllocatedDevice::device).toList());
    return out.build();
  }

  /**
   * What the claim's {@code status.devices} shows for a prepared adapter: Ready, the RDMA device as
   * the interface name (an EFA-only adapter has no network interface), and the adapter's RDMA
   * details as data.
   */
  // snippet:device-status
  static DeviceStatus status(EfaAdapter a, String verbsDevice) {
    DeviceStatus.Builder b =
        DeviceStatus.builder()
            .condition(
                DeviceCondition.of(
                    "Ready",
                    DeviceCondition.Status.TRUE,
                    "VerbsDeviceAssigned",
                    "the container gets " + verbsDevice))
            .networkData(NetworkData.ofInterface(a.rdmaDevice()))
            .data("rdmaDevice", a.rdmaDevice())
            .data("pciAddress", a.pciAddress())
            .data("verbsDevice", verbsDevice);
    a.numaNode().ifPresent(n -> b.data("numaNode", n));
    a.linkSpeedGbps().ifPresent(g -> b.data("linkSpeedGbps", g));
    return b.build();
  }

  // end:device-status

  // unprepare is the SPI's default: preparing sets nothing up on the host, and the device nodes
  // and environment live in the claim's CDI spec, which the SDK removes.

  // snippet:tainted-pool-health
  @Override
  public Optional<HealthCheck> healthCheck() {
    return started.healthCheck(EfaDeviceProvider::checkHealth);
  }

  private static List<DeviceHealth> checkHealth(Started s) {
    List<Finding> findings = new ArrayList<>();
    List<Device> devices = new ArrayList<>();
    Map<String, List<AdapterHealth.Problem>> problems = new TreeMap<>();
    for (EfaAdapter a : s.adapters().values()) {
      Optional<String> state = EfaDiscovery.portState(a.portStateFile());
      List<AdapterHealth.Problem> found = s.health().problems(a);
      devices.add(device(a, s.instanceType(), state, found));
      findings.add(finding(a, state));
      problems.put(a.deviceName(), found);
    }
    devices.sort(Comparator.comparing(Device::name));
    // The adapters carry their other taints themselves; the pool adds the port-down one.
    s.pool().replaceDevices(devices);
    List<DeviceHealth> report = new ArrayList<>();
    for (DeviceHealth h : s.pool().apply(findings)) {
      report.add(withProblems(h, problems.getOrDefault(h.device(), List.of())));
    }
    return report;
  }

  // end:tainted-pool-health

  /** The kubelet's view: unhealthy when the port or anything else is wrong. */
  private static DeviceHealth withProblems(DeviceHealth h, List<AdapterHealth.Problem> problems) {
    if (problems.isEmpty()) {
      return h;
    }
    List<String> messages = new ArrayList<>();
    if (h.status() == HealthStatus.UNHEALTHY) {
      messages.add(h.message());
    }
    problems.forEach(p -> messages.add(p.message()));
    return new DeviceHealth(
        h.pool(), h.device(), HealthStatus.UNHEALTHY, String.join("; ", messages));
  }

  private static Finding finding(EfaAdapter a, Optional<String> state) {
    if (state.isEmpty()) {
      return Finding.unknown(a.deviceName(), "cannot read " + a.portStateFile());
    }
    if (!state.get().equals(ACTIVE)) {
      return Finding.unhealthy(
          a.deviceName(),
          AdapterHealth.labelValue(state.get()),
          "EFA adapter "
              + a.pciAddress()
              + " ("
              + a.rdmaDevice()
              + ") port 1 is "
              + state.get()
              + ", not ACTIVE");
    }
    return Finding.healthy(a.deviceName());
  }
}
