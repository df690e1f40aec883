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

import static io.dra4j.testkit.allocator.NodeMatch.nullToEmpty;

import io.dra4j.testkit.allocator.Catalog.Pool;
import io.dra4j.testkit.allocator.Catalog.Slice;
import io.dra4j.testkit.cel.DeviceCel;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1DeviceAttribute;
import io.kubernetes.client.openapi.models.V1DeviceCounterConsumption;
import io.kubernetes.client.openapi.models.V1DeviceTaint;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ResourceSliceSpec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A device with its pool, slice and lazily built CEL variable. */
final class DeviceView {
  final DeviceId id;
  final Pool pool;
  final Slice slice;
  final V1Device device;
  final boolean allowMultipleAllocations;
  final List<V1DeviceTaint> taints;
  final List<V1DeviceCounterConsumption> consumes;
  final boolean listTypeAttributes;

  /**
   * Whether constraints compare list attributes as sets of values (1.37); kube-scheduler 1.36 hands
   * DRAListTypeAttributes to CEL but not to its structured allocator.
   */
  private final boolean listsAsSets;

  /** The DeviceTaintRule behind each taint that came from one, by identity. */
  final Map<V1DeviceTaint, String> ruleOf;

  final List<String> bindingConditions;
  final List<String> bindingFailureConditions;
  private volatile Map<String, Object> celVariable;

  DeviceView(Pool pool, Slice slice, V1Device device, Catalog catalog) {
    this.listTypeAttributes = catalog.cel.listTypeAttributes();
    this.listsAsSets = catalog.features.listsComparedAsSets();
    this.id = new DeviceId(pool.driver, pool.name, device.getName());
    this.pool = pool;
    this.slice = slice;
    this.device = device;
    AllocatorFeatures f = catalog.features;
    this.allowMultipleAllocations =
        f.consumableCapacity() && Boolean.TRUE.equals(device.getAllowMultipleAllocations());
    List<V1DeviceTaint> all = new ArrayList<>();
    Map<V1DeviceTaint, String> rules = new IdentityHashMap<>();
    if (f.deviceTaints()) {
      all.addAll(nullToEmpty(device.getTaints()));
      for (TaintRule r : f.deviceTaintRules() ? catalog.taintRules : List.<TaintRule>of()) {
        if (r.selects(id)) {
          all.add(r.taint());
          rules.put(r.taint(), r.name());
        }
      }
    }
    this.taints = List.copyOf(all);
    this.ruleOf = rules;
    this.consumes = nullToEmpty(device.getConsumesCounters());
    this.bindingConditions = nullToEmpty(device.getBindingConditions());
    this.bindingFailureConditions = nullToEmpty(device.getBindingFailureConditions());
    if (!bindingConditions.isEmpty()) {
      pool.hasBindingConditions = true;
    }
  }

  /** Whether the scheduler of this release may allocate the device at all. */
  boolean allocatable(AllocatorFeatures f) {
    return bindingConditions.isEmpty() || f.bindingConditions();
  }

  Map<String, Object> celVariable() {
    Map<String, Object> v = celVariable;
    if (v == null) {
      v =
          DeviceCel.deviceVariable(
              id.driver(),
              nullToEmpty(device.getAttributes()),
              nullToEmpty(device.getCapacity()),
              allowMultipleAllocations,
              listTypeAttributes);
      celVariable = v;
    }
    return v;
  }

  /**
   * The values of the attribute under a fully qualified name, for constraints: one for a scalar,
   * every element of a list attribute (1.37), or one {@link OpaqueList} standing for the whole list
   * (1.36, which compares lists as single values); versions stay strings. Empty when the device
   * lacks the attribute, or holds a list the cluster ignores (list attributes off).
   */
  Optional<Set<Object>> attributeValues(String qualifiedName) {
    Optional<V1DeviceAttribute> found = rawAttribute(qualifiedName);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    V1DeviceAttribute a = found.get();
    if (a.getVersion() != null) {
      return Optional.of(Set.of(new VersionString(a.getVersion())));
    }
    Object v = DeviceCel.attributeValue(a);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof List<?> list)) {
      return Optional.of(Set.of(v));
    }
    if (!listTypeAttributes) {
      return Optional.empty();
    }
    if (!listsAsSets) {
      return Optional.of(Set.of(new OpaqueList(id, List.copyOf(list))));
    }
    Set<Object> values = new LinkedHashSet<>();
    if (a.getVersions() != null && !a.getVersions().isEmpty()) {
      a.getVersions().forEach(s -> values.add(new VersionString(s)));
    } else {
      values.addAll(list);
    }
    return Optional.of(values);
  }

  /** Whether the attribute is a list that the cluster ignores (list attributes off). */
  boolean hasIgnoredList(String qualifiedName) {
    return !listTypeAttributes
        && rawAttribute(qualifiedName).map(DeviceCel::attributeValue).orElse(null)
            instanceof List<?>;
  }

  private Optional<V1DeviceAttribute> rawAttribute(String qualifiedName) {
    Map<String, V1DeviceAttribute> attrs = nullToEmpty(device.getAttributes());
    V1DeviceAttribute a = attrs.get(qualifiedName);
    String domain = DeviceCel.domain(id.driver(), qualifiedName);
    if (a == null && domain.equals(id.driver())) {
      a = attrs.get(DeviceCel.id(qualifiedName));
    }
    return Optional.ofNullable(a);
  }

  /** Whether this device is visible from {@code node}. */
  boolean onNode(V1Node node) {
    V1ResourceSliceSpec spec = slice.spec();
    if (Boolean.TRUE.equals(spec.getPerDeviceNodeSelection())) {
      return Catalog.nodeSelectionMatches(
          device.getNodeName(), device.getNodeSelector(), device.getAllNodes(), node);
    }
    return true;
  }

  @Override
  public String toString() {
    return id.toString();
  }

  /** Version attributes compare as strings in constraints, never equal to a plain string. */
  record VersionString(String value) {
    @Override
    public String toString() {
      return value;
    }
  }

  /**
   * A list attribute as the 1.36 allocator sees it in a constraint: one value of no known type,
   * equal to no other device's (it holds none of the scalar fields the allocator compares).
   */
  record OpaqueList(DeviceId device, List<?> values) {
    @Override
    public String toString() {
      return "list " + values + " of " + device.device();
    }
  }
}
