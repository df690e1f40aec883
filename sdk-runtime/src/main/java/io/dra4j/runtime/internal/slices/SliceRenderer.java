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
package io.dra4j.runtime.internal.slices;

import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.CapacityRequestPolicy;
import io.dra4j.api.device.Counter;
import io.dra4j.api.device.CounterConsumption;
import io.dra4j.api.device.CounterSet;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.PoolScope;
import io.dra4j.api.device.QualifiedName;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1CapacityRequestPolicy;
import io.kubernetes.client.openapi.models.V1CapacityRequestPolicyRange;
import io.kubernetes.client.openapi.models.V1Counter;
import io.kubernetes.client.openapi.models.V1CounterSet;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1DeviceAttribute;
import io.kubernetes.client.openapi.models.V1DeviceCapacity;
import io.kubernetes.client.openapi.models.V1DeviceCounterConsumption;
import io.kubernetes.client.openapi.models.V1DeviceTaint;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1ResourcePool;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import io.kubernetes.client.openapi.models.V1ResourceSliceSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** Turns a {@link PlannedSlice} into the client-java ResourceSlice the API receives. */
public final class SliceRenderer {
  private SliceRenderer() {}

  /**
   * Node-local slices are owned by the Node; cluster-level ones carry the {@link PublisherMark} of
   * this publisher.
   *
   * @param nodeUid the Node's UID for node-local pools (the slice is owned by the Node)
   * @param taintTime when a taint of a device was first added (stable across republishes)
   */
  static V1ResourceSlice render(
      String driver,
      String nodeName,
      PlannedSlice planned,
      long generation,
      int sliceCount,
      Optional<String> nodeUid,
      BiFunction<Device, DeviceTaint, Instant> taintTime) {
    V1ResourceSliceSpec spec =
        new V1ResourceSliceSpec()
            .driver(driver)
            .pool(
                new V1ResourcePool()
                    .name(planned.pool().name())
                    .generation(generation)
                    .resourceSliceCount((long) sliceCount));
    V1ObjectMeta meta = new V1ObjectMeta().name(planned.name());
    PoolScope scope = planned.pool().scope();
    if (scope instanceof PoolScope.ThisNode) {
      spec.nodeName(nodeName);
      nodeUid.ifPresent(
          uid ->
              meta.addOwnerReferencesItem(
                  new V1OwnerReference()
                      .apiVersion("v1")
                      .kind("Node")
                      .name(nodeName)
                      .uid(uid)
                      .controller(true)));
    } else if (scope instanceof PoolScope.AllNodes) {
      spec.allNodes(true);
      meta.putAnnotationsItem(PublisherMark.ANNOTATION, PublisherMark.of(nodeName));
    } else if (scope instanceof PoolScope.NodeLabels labels) {
      V1NodeSelectorTerm term = new V1NodeSelectorTerm();
      labels
          .labels()
          .forEach(
              (k, v) ->
                  term.addMatchExpressionsItem(
                      new V1NodeSelectorRequirement().key(k).operator("In").values(List.of(v))));
      spec.nodeSelector(new V1NodeSelector().nodeSelectorTerms(List.of(term)));
      meta.putAnnotationsItem(PublisherMark.ANNOTATION, PublisherMark.of(nodeName));
    }
    if (!planned.devices().isEmpty()) {
      List<V1Device> devices = new ArrayList<>();
      for (Device d : planned.devices()) {
        devices.add(device(d, taintTime));
      }
      spec.devices(devices);
    }
    if (!planned.counterSets().isEmpty()) {
      List<V1CounterSet> sets = new ArrayList<>();
      for (CounterSet s : planned.counterSets()) {
        sets.add(new V1CounterSet().name(s.name()).counters(counters(s.counters())));
      }
      spec.sharedCounters(sets);
    }
    return new V1ResourceSlice()
        .apiVersion("resource.k8s.io/v1")
        .kind("ResourceSlice")
        .metadata(meta)
        .spec(spec);
  }

  private static V1Device device(Device d, BiFunction<Device, DeviceTaint, Instant> taintTime) {
    V1Device out = new V1Device().name(d.name());
    Map<String, V1DeviceAttribute> attrs = new LinkedHashMap<>();
    for (Map.Entry<QualifiedName, AttributeValue> e : d.attributes().entrySet()) {
      attrs.put(e.getKey().toString(), attribute(e.getValue()));
    }
    if (!attrs.isEmpty()) {
      out.attributes(attrs);
    }
    Map<String, V1DeviceCapacity> capacity = new LinkedHashMap<>();
    d.capacity()
        .forEach(
            (k, v) -> {
              V1DeviceCapacity c = new V1DeviceCapacity().value(quantity(v));
              CapacityRequestPolicy policy = d.requestPolicies().get(k);
              if (policy != null) {
                c.requestPolicy(requestPolicy(policy));
              }
              capacity.put(k.toString(), c);
            });
    if (!capacity.isEmpty()) {
      out.capacity(capacity);
    }
    for (CounterConsumption c : d.consumesCounters()) {
      out.addConsumesCountersItem(
          new V1DeviceCounterConsumption()
              .counterSet(c.counterSet())
              .counters(counters(c.counters())));
    }
    for (DeviceTaint t : d.taints()) {
      out.addTaintsItem(
          new V1DeviceTaint()
              .key(t.key())
              .value(t.value().orElse(null))
              .effect(t.effect().apiName())
              .timeAdded(taintTime.apply(d, t).atOffset(ZoneOffset.UTC)));
    }
    if (d.allowMultipleAllocations()) {
      out.allowMultipleAllocations(true);
    }
    if (!d.binding().conditions().isEmpty()) {
      out.bindingConditions(new ArrayList<>(d.binding().conditions()));
      out.bindingFailureConditions(new ArrayList<>(d.binding().failureConditions()));
    }
    if (d.binding().bindsToNode()) {
      out.bindsToNode(true);
    }
    return out;
  }

  private static V1CapacityRequestPolicy requestPolicy(CapacityRequestPolicy p) {
    V1CapacityRequestPolicy out = new V1CapacityRequestPolicy();
    p.defaultAmount().ifPresent(q -> out._default(quantity(q)));
    if (!p.validValues().isEmpty()) {
      out.validValues(p.validValues().stream().map(SliceRenderer::quantity).toList());
    }
    p.validRange()
        .ifPresent(
            r -> {
              V1CapacityRequestPolicyRange range =
                  new V1CapacityRequestPolicyRange().min(quantity(r.min()));
              r.max().ifPresent(q -> range.max(quantity(q)));
              r.step().ifPresent(q -> range.step(quantity(q)));
              out.validRange(range);
            });
    return out;
  }

  /** An attribute value as a ResourceSlice carries it; device metadata files use the same form. */
  public static V1DeviceAttribute attribute(AttributeValue v) {
    if (v instanceof AttributeValue.ListValue<?> list) {
      return listAttribute(list);
    }
    if (v instanceof AttributeValue.IntValue i) {
      return new V1DeviceAttribute()._int(i.value());
    }
    if (v instanceof AttributeValue.BoolValue b) {
      return new V1DeviceAttribute().bool(b.value());
    }
    if (v instanceof AttributeValue.StringValue s) {
      return new V1DeviceAttribute().string(s.value());
    }
    return new V1DeviceAttribute().version(((AttributeValue.VersionValue) v).value());
  }

  private static V1DeviceAttribute listAttribute(AttributeValue.ListValue<?> v) {
    if (v instanceof AttributeValue.IntListValue i) {
      return new V1DeviceAttribute().ints(new ArrayList<>(i.values()));
    }
    if (v instanceof AttributeValue.BoolListValue b) {
      return new V1DeviceAttribute().bools(new ArrayList<>(b.values()));
    }
    if (v instanceof AttributeValue.StringListValue s) {
      return new V1DeviceAttribute().strings(new ArrayList<>(s.values()));
    }
    return new V1DeviceAttribute()
        .versions(new ArrayList<>(((AttributeValue.VersionListValue) v).values()));
  }

  private static Map<String, V1Counter> counters(Map<String, Counter> counters) {
    Map<String, V1Counter> out = new LinkedHashMap<>();
    counters.forEach((k, v) -> out.put(k, new V1Counter().value(quantity(v.value()))));
    return out;
  }

  static Quantity quantity(io.dra4j.api.device.Quantity q) {
    Quantity.Format format =
        switch (q.format()) {
          case BINARY_SI -> Quantity.Format.BINARY_SI;
          case DECIMAL_EXPONENT -> Quantity.Format.DECIMAL_EXPONENT;
          case DECIMAL_SI -> Quantity.Format.DECIMAL_SI;
        };
    return new Quantity(q.value(), format);
  }
}
