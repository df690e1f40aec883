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

import com.google.auto.service.AutoService;
import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.StartedState;
import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.device.Device;
import io.dra4j.api.guard.DevicePluginConflict;
import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.Finding;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.api.health.TaintedPool;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.driver.aws.InstanceType;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code neuron.aws.com} device provider: one device {@code neurondeviceN} per Neuron device,
 * plus the {@code neuron_node} device on UltraServer nodes, in a pool named after the node, with
 * the attributes of the upstream Neuron DRA driver and the {@code resource.aws.com/devicegroup*_id}
 * alignment attributes on EFA-enabled instances.
 *
 * <p>Settings ({@code --set key=value}): {@value #SETTING_NETWORK_NODE_LAYERS}={@code a,b,c}
 * publishes {@code networkNodeLayer1..3} (the EC2 instance topology of the node, which the driver
 * cannot query itself); {@value #SETTING_INSTANCE_TYPE} overrides the DMI product name; {@value
 * #SETTING_CAPACITY_BLOCK_ID} gives an UltraServer node's {@code capacityBlockId}.
 */
@AutoService(DeviceProvider.class)
public final class NeuronDeviceProvider implements DeviceProvider {

  /** The driver and DeviceClass name. */
  public static final String DRIVER = "neuron.aws.com";

  /** The apiVersion of the opaque configuration kinds. */
  public static final String API_VERSION = "neuron.aws.com/v1";

  /** The taint key put on a device with uncorrected hardware errors (effect NoSchedule). */
  public static final String TAINT_KEY = "neuron.aws.com/unhealthy";

  /** Device names are this prefix plus the Neuron device number. */
  public static final String DEVICE_PREFIX = "neurondevice";

  /** Setting with up to three comma-separated EC2 network node ids, outermost first. */
  public static final String SETTING_NETWORK_NODE_LAYERS = "networkNodeLayers";

  /** Setting that overrides the instance type read from DMI. */
  public static final String SETTING_INSTANCE_TYPE = InstanceType.SETTING;

  /** Setting with the EC2 capacity block id of an UltraServer node. */
  public static final String SETTING_CAPACITY_BLOCK_ID = NeuronDiscovery.SETTING_CAPACITY_BLOCK_ID;

  /** The name of the device that stands for a whole UltraServer node. */
  public static final String NODE_DEVICE = NeuronDevices.NODE_DEVICE;

  /** Extended resources of the Neuron device plugin; the driver refuses to run next to them. */
  public static final List<String> DEVICE_PLUGIN_RESOURCES =
      List.of("aws.amazon.com/neuron", "aws.amazon.com/neuroncore", "aws.amazon.com/neurondevice");

  private final StartedState<Started> started = StartedState.of(DRIVER);

  private record Started(DriverContext context, NeuronNode node, TaintedPool pool) {}

  @Override
  public String driverName() {
    return DRIVER;
  }

  @Override
  public List<ConfigKind<?>> configKinds() {
    return List.of(
        ConfigKind.of(API_VERSION, "NeuronConfig", NeuronConfig.class),
        ConfigKind.of(API_VERSION, "UltraServerConfig", UltraServerConfig.class));
  }

  @Override
  public void start(DriverContext context) {
    DevicePluginConflict.refuseIfAdvertised(
        context, DRIVER, "the Neuron device plugin", DEVICE_PLUGIN_RESOURCES);
    List<String> layers = networkNodeLayers(context);
    NeuronNode node = new NeuronDiscovery(context.hostPaths()).discover(context.settings());
    for (String m : node.missing()) {
      context.logger().log(Level.WARNING, "node {0}: {1}", context.nodeName(), m);
    }
    if (node.devices().isEmpty()) {
      context
          .logger()
          .log(
              Level.WARNING,
              "node {0}: no Neuron devices under {1} or {2}: publishing an empty pool",
              context.nodeName(),
              context.hostPaths().sys().resolve(NeuronDiscovery.CLASS_DIR),
              context.hostPaths().dev());
    }
    List<Device> devices = NeuronDevices.of(node, layers);
    TaintedPool pool = new TaintedPool(context, context.nodeName(), TAINT_KEY, devices);
    pool.publish();
    started.set(new Started(context, node, pool));
    context
        .logger()
        .log(
            Level.INFO,
            "node {0}: published {1} Neuron devices (instance type {2})",
            context.nodeName(),
            node.devices().size(),
            node.instanceType().map(InstanceType::name).orElse("unknown"));
  }

  private static List<String> networkNodeLayers(DriverContext context) {
    String raw = context.settings().getOrDefault(SETTING_NETWORK_NODE_LAYERS, "").trim();
    if (raw.isEmpty()) {
      return List.of();
    }
    List<String> layers = List.of(raw.split(",", -1)).stream().map(String::trim).toList();
    if (layers.size() > 3 || layers.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "setting "
              + SETTING_NETWORK_NODE_LAYERS
              + "='"
              + raw
              + "' must be one to three non-empty network node ids separated by commas,"
              + " outermost layer first, as EC2 DescribeInstanceTopology returns them");
    }
    return layers;
  }

  @Override
  public Preparation prepare(PrepareRequest request) throws PrepareException {
    Started s = started.require(request);
    NeuronNode node = s.node();
    String where =
        "claim "
            + request.claim()
            + " on node "
            + s.context().nodeName()
            + " ("
            + typeName(node)
            + ")";
    TreeSet<Integer> ids = new TreeSet<>();
    // One device per request name, subrequest included ("neurons/half8"): configuration may name
    // the subrequest, so looking it up by the main request alone would miss it.
    Map<String, AllocatedDevice> requests = new LinkedHashMap<>();
    Preparation.Builder out = Preparation.builder();
    boolean wholeNode = false;
    for (AllocatedDevice d : request.devices()) {
      requests.putIfAbsent(d.request(), d);
      if (isNodeDevice(d, node)) {
        wholeNode = true;
      } else {
        ids.add(deviceId(d, node, where));
      }
    }
    // Each device node once: the node device brings the chips the claim did not get one by one
    // (allocationMode All on an UltraServer node allocates both).
    Set<Integer> single = Set.copyOf(ids);
    for (AllocatedDevice d : request.devices()) {
      ContainerEdits.Builder edits = ContainerEdits.builder();
      if (isNodeDevice(d, node)) {
        for (NeuronNode.Chip chip : node.devices()) {
          if (!single.contains(chip.id())) {
            ids.add(chip.id());
            edits.deviceNode("/dev/neuron" + chip.id());
          }
        }
      } else {
        edits.deviceNode("/dev/neuron" + deviceId(d, node, where));
      }
      out.device(d, edits.build());
    }
    if (ids.isEmpty()) {
      return out.build();
    }
    Optional<Integer> lnc = single(request, requests, NeuronConfig.class, where);
    Optional<Integer> mode = single(request, requests, UltraServerConfig.class, where);
    Optional<NeuronGeneration> generation = node.generation();
    if (lnc.isPresent()
        && (generation.isEmpty() || !generation.get().supportsLogicalCoreConfig())) {
      throw new PrepareException(
          where
              + ": NeuronConfig.logicalNeuronCore is only valid on Trn2 and newer, but this node"
              + " is "
              + typeName(node)
              + ". Remove the NeuronConfig from the claim or its DeviceClass, or request a Trn2"
              + " node");
    }
    int effectiveLnc =
        lnc.orElse(generation.map(NeuronGeneration::defaultLogicalCoreConfig).orElse(1));
    int physical = physicalCores(node, ids, where);
    if (physical % effectiveLnc != 0) {
      throw new PrepareException(
          where
              + ": logicalNeuronCore "
              + effectiveLnc
              + " does not divide the "
              + physical
              + " physical NeuronCores per device; use logicalNeuronCore 1");
    }
    ContainerEdits.Builder common = ContainerEdits.builder();
    common.env("NEURON_RT_VISIBLE_CORES", VisibleCores.of(ids, physical / effectiveLnc));
    if (lnc.isPresent()
        || generation.map(NeuronGeneration::supportsLogicalCoreConfig).orElse(false)) {
      common.env("NEURON_LOGICAL_NC_CONFIG", Integer.toString(effectiveLnc));
    }
    if (mode.isPresent()) {
      Path classDir = s.context().hostPaths().sys().resolve(NeuronDiscovery.CLASS_DIR);
      UltraServerEnv.apply(classDir, node, mode.get(), where, common)
          .ifPresent(w -> s.context().logger().log(Level.WARNING, w));
    } else if (wholeNode) {
      s.context()
          .logger()
          .log(
              Level.INFO,
              "{0}: the UltraServer node device without an UltraServerConfig: no"
                  + " UltraServer variables are set",
              where);
    }
    s.context()
        .logger()
        .log(
            Level.INFO,
            "prepared {0}: neuron devices {1}, LNC {2}",
            request.claim(),
            ids,
            effectiveLnc);
    return out.common(common.build()).build();
  }

  private static boolean isNodeDevice(AllocatedDevice d, NeuronNode node) {
    return d.device().equals(NODE_DEVICE) && node.isUltraServer();
  }

  static String typeName(NeuronNode node) {
    return node.instanceType().map(InstanceType::name).orElse("an unknown instance type");
  }

  private static int deviceId(AllocatedDevice d, NeuronNode node, String where)
      throws PrepareException {
    String name = d.device();
    if (name.startsWith(DEVICE_PREFIX)) {
      try {
        int id = Integer.parseInt(name.substring(DEVICE_PREFIX.length()));
        if (node.device(id).isPresent()) {
          return id;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw new PrepareException(
        where
            + ": device "
            + name
            + " of request "
            + d.request()
            + " is not a Neuron device of this node, which has "
            + node.devices().stream().map(NeuronNode.Chip::deviceName).toList()
            + ". The claim was allocated against stale ResourceSlices: delete and recreate it");
  }

  /** The one value of a config kind across the claim's requests; they must agree. */
  private static Optional<Integer> single(
      PrepareRequest request,
      Map<String, AllocatedDevice> requests,
      Class<? extends Record> type,
      String where)
      throws PrepareException {
    Set<Integer> values = new TreeSet<>();
    boolean unset = false;
    for (AllocatedDevice d : requests.values()) {
      Optional<? extends Record> c = request.config(type, d);
      if (c.isEmpty()) {
        unset = true;
        continue;
      }
      try {
        if (c.get() instanceof NeuronConfig n) {
          n.validate();
          values.add(n.logicalNeuronCore());
        } else if (c.get() instanceof UltraServerConfig u) {
          u.validate();
          values.add(u.ultraserverMode());
        }
      } catch (IllegalArgumentException e) {
        throw new PrepareException(where + ": " + e.getMessage());
      }
    }
    if (values.size() > 1 || (unset && !values.isEmpty() && requests.size() > 1)) {
      throw new PrepareException(
          where
              + ": requests "
              + requests.keySet()
              + " of one claim need the same "
              + type.getSimpleName()
              + " (found "
              + values
              + (unset ? " and requests without it" : "")
              + ") because the Neuron runtime settings apply to the whole container; use one"
              + " config entry for all requests of the claim");
    }
    return values.stream().findFirst();
  }

  private static int physicalCores(NeuronNode node, Set<Integer> ids, String where)
      throws PrepareException {
    Set<Integer> counts = new TreeSet<>();
    for (int id : ids) {
      NeuronNode.Chip chip = node.device(id).orElseThrow();
      if (chip.physicalCores().isEmpty()) {
        throw new PrepareException(
            where
                + ": the NeuronCore count of neuron"
                + id
                + " is unknown (core_count unreadable and instance type unknown), so"
                + " NEURON_RT_VISIBLE_CORES cannot be computed; fix the node and restart the"
                + " driver");
      }
      counts.add(chip.physicalCores().getAsInt());
    }
    if (counts.size() != 1) {
      throw new PrepareException(
          where + ": allocated devices report different core counts " + counts);
    }
    return counts.iterator().next();
  }

  // unprepare is the SPI's default: preparing sets nothing up on the host, and the device nodes
  // and environment live in the claim's CDI spec, which the SDK removes.

  @Override
  public Optional<HealthCheck> healthCheck() {
    return started.healthCheck(NeuronDeviceProvider::checkHealth);
  }

  private static List<DeviceHealth> checkHealth(Started s) {
    Path classDir = s.context().hostPaths().sys().resolve(NeuronDiscovery.CLASS_DIR);
    boolean nodeDevice = s.pool().devices().stream().anyMatch(d -> d.name().equals(NODE_DEVICE));
    List<Finding> findings = NeuronHealth.check(classDir, s.node(), nodeDevice);
    return s.pool().apply(findings);
  }
}
