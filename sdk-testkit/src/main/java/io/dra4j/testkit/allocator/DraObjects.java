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
package io.dra4j.testkit.allocator;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1CELDeviceSelector;
import io.kubernetes.client.openapi.models.V1Counter;
import io.kubernetes.client.openapi.models.V1CounterSet;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1DeviceAttribute;
import io.kubernetes.client.openapi.models.V1DeviceCapacity;
import io.kubernetes.client.openapi.models.V1DeviceClaim;
import io.kubernetes.client.openapi.models.V1DeviceClaimConfiguration;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1DeviceClassConfiguration;
import io.kubernetes.client.openapi.models.V1DeviceClassSpec;
import io.kubernetes.client.openapi.models.V1DeviceConstraint;
import io.kubernetes.client.openapi.models.V1DeviceCounterConsumption;
import io.kubernetes.client.openapi.models.V1DeviceRequest;
import io.kubernetes.client.openapi.models.V1DeviceSelector;
import io.kubernetes.client.openapi.models.V1DeviceSubRequest;
import io.kubernetes.client.openapi.models.V1DeviceTaint;
import io.kubernetes.client.openapi.models.V1DeviceToleration;
import io.kubernetes.client.openapi.models.V1ExactDeviceRequest;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OpaqueDeviceConfiguration;
import io.kubernetes.client.openapi.models.V1ResourceClaimSpec;
import io.kubernetes.client.openapi.models.V1ResourcePool;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import io.kubernetes.client.openapi.models.V1ResourceSliceSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Concise builders for the resource.k8s.io/v1 objects the allocator reads: nodes, slices with
 * devices and counter sets, device classes and claims. Each builder returns the client-java model,
 * so tests can still change any field.
 */
public final class DraObjects {
  private DraObjects() {}

  /** A node with labels. */
  public static V1Node node(String name, Map<String, String> labels) {
    return new V1Node().metadata(new V1ObjectMeta().name(name).labels(new LinkedHashMap<>(labels)));
  }

  /** A node without labels. */
  public static V1Node node(String name) {
    return node(name, Map.of());
  }

  /** Starts a slice of {@code driver}'s pool {@code pool} (generation 0, one slice in the pool). */
  public static SliceBuilder slice(String name, String driver, String pool) {
    return new SliceBuilder(name, driver, pool);
  }

  /** Starts a device. */
  public static DeviceBuilder device(String name) {
    return new DeviceBuilder(name);
  }

  /** A device class with CEL selectors. */
  public static V1DeviceClass deviceClass(String name, String... selectors) {
    return new V1DeviceClass()
        .metadata(new V1ObjectMeta().name(name))
        .spec(new V1DeviceClassSpec().selectors(selectors(selectors)));
  }

  /** Adds an opaque config for {@code driver} to a class. */
  public static V1DeviceClass withConfig(V1DeviceClass c, String driver, Object parameters) {
    c.getSpec()
        .addConfigItem(
            new V1DeviceClassConfiguration()
                .opaque(new V1OpaqueDeviceConfiguration().driver(driver).parameters(parameters)));
    return c;
  }

  /** An {@code ExactCount} request. */
  public static V1DeviceRequest request(
      String name, String deviceClass, long count, String... selectors) {
    return new V1DeviceRequest()
        .name(name)
        .exactly(
            new V1ExactDeviceRequest()
                .deviceClassName(deviceClass)
                .allocationMode("ExactCount")
                .count(count)
                .selectors(selectors(selectors)));
  }

  /** An {@code All} request. */
  public static V1DeviceRequest requestAll(String name, String deviceClass, String... selectors) {
    return new V1DeviceRequest()
        .name(name)
        .exactly(
            new V1ExactDeviceRequest()
                .deviceClassName(deviceClass)
                .allocationMode("All")
                .selectors(selectors(selectors)));
  }

  /** A request with subrequests tried in order. */
  public static V1DeviceRequest firstAvailable(String name, V1DeviceSubRequest... subrequests) {
    return new V1DeviceRequest()
        .name(name)
        .firstAvailable(new ArrayList<>(Arrays.asList(subrequests)));
  }

  /** One {@code ExactCount} subrequest. */
  public static V1DeviceSubRequest subrequest(
      String name, String deviceClass, long count, String... selectors) {
    return new V1DeviceSubRequest()
        .name(name)
        .deviceClassName(deviceClass)
        .allocationMode("ExactCount")
        .count(count)
        .selectors(selectors(selectors));
  }

  /** A toleration; {@code operator} is Equal or Exists, {@code effect} may be empty. */
  public static V1DeviceToleration toleration(
      String key, String operator, String value, String effect) {
    return new V1DeviceToleration().key(key).operator(operator).value(value).effect(effect);
  }

  /** Starts a claim. */
  public static ClaimBuilder claim(String namespace, String name) {
    return new ClaimBuilder(namespace, name);
  }

  private static List<V1DeviceSelector> selectors(String... expressions) {
    List<V1DeviceSelector> out = new ArrayList<>();
    for (String e : expressions) {
      out.add(new V1DeviceSelector().cel(new V1CELDeviceSelector().expression(e)));
    }
    return out;
  }

  private static Map<String, V1Counter> counters(Map<String, String> values) {
    Map<String, V1Counter> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, new V1Counter().value(Quantity.fromString(v))));
    return out;
  }

  /** Builds a {@link V1ResourceSlice}. */
  public static final class SliceBuilder {
    private final V1ResourceSliceSpec spec = new V1ResourceSliceSpec();
    private final String name;

    private SliceBuilder(String name, String driver, String pool) {
      this.name = name;
      spec.driver(driver)
          .pool(new V1ResourcePool().name(pool).generation(0L).resourceSliceCount(1L));
    }

    /** Devices of this slice belong to one node. */
    public SliceBuilder nodeName(String node) {
      spec.nodeName(node);
      return this;
    }

    /** Devices of this slice are reachable from every node. */
    public SliceBuilder allNodes() {
      spec.allNodes(true);
      return this;
    }

    /** Devices of this slice are reachable from nodes whose label {@code key} is one of values. */
    public SliceBuilder nodeLabelIn(String key, String... values) {
      spec.nodeSelector(
          new V1NodeSelector()
              .addNodeSelectorTermsItem(
                  new V1NodeSelectorTerm()
                      .addMatchExpressionsItem(
                          new V1NodeSelectorRequirement()
                              .key(key)
                              .operator("In")
                              .values(new ArrayList<>(Arrays.asList(values))))));
      return this;
    }

    /** Each device says which nodes reach it ({@link DeviceBuilder#nodeName}, allNodes). */
    public SliceBuilder perDeviceNodeSelection() {
      spec.perDeviceNodeSelection(true);
      return this;
    }

    /** The pool generation and how many slices the pool has at it. */
    public SliceBuilder generation(long generation, long resourceSliceCount) {
      spec.getPool().generation(generation).resourceSliceCount(resourceSliceCount);
      return this;
    }

    /** Adds devices. */
    public SliceBuilder devices(DeviceBuilder... devices) {
      for (DeviceBuilder d : devices) {
        spec.addDevicesItem(d.build());
      }
      return this;
    }

    /** Adds devices. */
    public SliceBuilder devices(List<V1Device> devices) {
      devices.forEach(spec::addDevicesItem);
      return this;
    }

    /** Adds a shared counter set, e.g. {@code counterSet("gpu-0", Map.of("memory", "80Gi"))}. */
    public SliceBuilder counterSet(String name, Map<String, String> counters) {
      spec.addSharedCountersItem(new V1CounterSet().name(name).counters(counters(counters)));
      return this;
    }

    public V1ResourceSlice build() {
      return new V1ResourceSlice()
          .apiVersion("resource.k8s.io/v1")
          .kind("ResourceSlice")
          .metadata(new V1ObjectMeta().name(name))
          .spec(spec);
    }
  }

  /** Builds a {@link V1Device}. */
  public static final class DeviceBuilder {
    private final V1Device device;

    private DeviceBuilder(String name) {
      this.device = new V1Device().name(name);
    }

    /** An attribute; a Long/Integer is an int, Boolean a bool, anything else a string. */
    public DeviceBuilder attr(String name, Object value) {
      V1DeviceAttribute a = new V1DeviceAttribute();
      if (value instanceof Integer i) {
        a.setInt(i.longValue());
      } else if (value instanceof Long l) {
        a.setInt(l);
      } else if (value instanceof Boolean b) {
        a.setBool(b);
      } else {
        a.setString(String.valueOf(value));
      }
      device.putAttributesItem(name, a);
      return this;
    }

    /** A list attribute of integers (Kubernetes 1.36+, DRAListTypeAttributes). */
    public DeviceBuilder ints(String name, long... values) {
      V1DeviceAttribute a = new V1DeviceAttribute();
      for (long v : values) {
        a.addIntsItem(v);
      }
      device.putAttributesItem(name, a);
      return this;
    }

    /** A list attribute of strings (Kubernetes 1.36+, DRAListTypeAttributes). */
    public DeviceBuilder strings(String name, String... values) {
      device.putAttributesItem(name, new V1DeviceAttribute().strings(List.of(values)));
      return this;
    }

    /** A version attribute. */
    public DeviceBuilder version(String name, String semver) {
      device.putAttributesItem(name, new V1DeviceAttribute().version(semver));
      return this;
    }

    /** A capacity, e.g. {@code capacity("memory", "96Gi")}. */
    public DeviceBuilder capacity(String name, String quantity) {
      device.putCapacityItem(name, new V1DeviceCapacity().value(Quantity.fromString(quantity)));
      return this;
    }

    /** Consumes counters of a counter set of the same pool. */
    public DeviceBuilder consumes(String counterSet, Map<String, String> counters) {
      device.addConsumesCountersItem(
          new V1DeviceCounterConsumption().counterSet(counterSet).counters(counters(counters)));
      return this;
    }

    /** A taint; effect is NoSchedule, NoExecute or None. */
    public DeviceBuilder taint(String key, String value, String effect) {
      device.addTaintsItem(new V1DeviceTaint().key(key).value(value).effect(effect));
      return this;
    }

    /** With per-device node selection: the device belongs to one node. */
    public DeviceBuilder nodeName(String node) {
      device.nodeName(node);
      return this;
    }

    /** With per-device node selection: every node reaches the device. */
    public DeviceBuilder allNodes() {
      device.allNodes(true);
      return this;
    }

    /** Binding conditions the scheduler waits for, and conditions that fail the binding. */
    public DeviceBuilder bindingConditions(List<String> conditions, List<String> failures) {
      device.bindingConditions(new ArrayList<>(conditions));
      device.bindingFailureConditions(new ArrayList<>(failures));
      return this;
    }

    /** The device may be allocated to several claims at once. */
    public DeviceBuilder allowMultipleAllocations() {
      device.allowMultipleAllocations(true);
      return this;
    }

    public V1Device build() {
      return device;
    }
  }

  /** Builds a {@link ResourceV1ResourceClaim}. */
  public static final class ClaimBuilder {
    private final V1DeviceClaim devices = new V1DeviceClaim();
    private final String namespace;
    private final String name;

    private ClaimBuilder(String namespace, String name) {
      this.namespace = namespace;
      this.name = name;
    }

    public ClaimBuilder request(V1DeviceRequest... requests) {
      for (V1DeviceRequest r : requests) {
        devices.addRequestsItem(r);
      }
      return this;
    }

    /** All devices of {@code requests} (all requests when empty) share the attribute value. */
    public ClaimBuilder matchAttribute(String attribute, String... requests) {
      devices.addConstraintsItem(
          new V1DeviceConstraint()
              .matchAttribute(attribute)
              .requests(new ArrayList<>(Arrays.asList(requests))));
      return this;
    }

    /** All devices of {@code requests} (all requests when empty) have different values. */
    public ClaimBuilder distinctAttribute(String attribute, String... requests) {
      devices.addConstraintsItem(
          new V1DeviceConstraint()
              .distinctAttribute(attribute)
              .requests(new ArrayList<>(Arrays.asList(requests))));
      return this;
    }

    /** An opaque config for {@code driver} applying to {@code requests} (all when empty). */
    public ClaimBuilder config(String driver, Object parameters, String... requests) {
      devices.addConfigItem(
          new V1DeviceClaimConfiguration()
              .requests(new ArrayList<>(Arrays.asList(requests)))
              .opaque(new V1OpaqueDeviceConfiguration().driver(driver).parameters(parameters)));
      return this;
    }

    public ResourceV1ResourceClaim build() {
      return new ResourceV1ResourceClaim()
          .apiVersion("resource.k8s.io/v1")
          .kind("ResourceClaim")
          .metadata(
              new V1ObjectMeta()
                  .namespace(namespace)
                  .name(name)
                  .uid(
                      java.util
                          .UUID
                          .nameUUIDFromBytes(
                              (namespace + "/" + name)
                                  .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                          .toString()))
          .spec(new V1ResourceClaimSpec().devices(devices));
    }
  }
}
