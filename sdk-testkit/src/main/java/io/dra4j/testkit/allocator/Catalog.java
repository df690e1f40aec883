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

import io.dra4j.testkit.cel.DeviceCel;
import io.dra4j.testkit.cel.DeviceSelector;
import io.kubernetes.client.openapi.models.V1CounterSet;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import io.kubernetes.client.openapi.models.V1ResourceSliceSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The immutable part of the cluster: pools gathered from slices, device views, classes, and the
 * per-(selector, device) evaluation cache. Shared by allocators that differ only in usage.
 */
final class Catalog {

  /** A resource pool: the slices of its highest generation, counters, completeness. */
  static final class Pool {
    final String driver;
    final String name;
    final long generation;
    final long resourceSliceCount;
    final int slicesSeen;
    final Optional<String> invalidReason;
    final Map<String, Map<String, BigDecimal>> counterSets;
    final List<Slice> slices;
    boolean hasBindingConditions;

    Pool(
        String driver,
        String name,
        long generation,
        long resourceSliceCount,
        int slicesSeen,
        Optional<String> invalidReason,
        Map<String, Map<String, BigDecimal>> counterSets,
        List<Slice> slices) {
      this.driver = driver;
      this.name = name;
      this.generation = generation;
      this.resourceSliceCount = resourceSliceCount;
      this.slicesSeen = slicesSeen;
      this.invalidReason = invalidReason;
      this.counterSets = counterSets;
      this.slices = slices;
    }

    boolean incomplete() {
      return slicesSeen != resourceSliceCount;
    }

    String label() {
      return driver + "/" + name;
    }

    /** Why this pool cannot serve an {@code All} request, if it cannot. */
    Optional<String> problem() {
      if (invalidReason.isPresent()) {
        return Optional.of("pool " + label() + " is invalid: " + invalidReason.get());
      }
      if (incomplete()) {
        return Optional.of(
            "pool "
                + label()
                + " is incomplete: "
                + slicesSeen
                + " of "
                + resourceSliceCount
                + " slices at generation "
                + generation
                + " are published");
      }
      return Optional.empty();
    }
  }

  /** One ResourceSlice of a pool at the pool's highest generation. */
  static final class Slice {
    final V1ResourceSlice slice;
    final List<DeviceView> devices = new ArrayList<>();

    Slice(V1ResourceSlice slice) {
      this.slice = slice;
    }

    String name() {
      return slice.getMetadata() == null ? "" : String.valueOf(slice.getMetadata().getName());
    }

    V1ResourceSliceSpec spec() {
      return slice.getSpec();
    }
  }

  final DeviceCel cel;
  final AllocatorFeatures features;
  final List<TaintRule> taintRules;
  private final VisitOrder order;
  final Map<String, V1DeviceClass> classes = new HashMap<>();
  final List<Pool> pools = new ArrayList<>();
  final Map<DeviceId, DeviceView> devices = new HashMap<>();
  private final Map<String, List<Pool>> poolsByNodeName = new HashMap<>();
  private final List<Pool> otherPools = new ArrayList<>();
  private final Map<String, Map<DeviceId, DeviceSelector.Evaluation>> evaluations =
      new ConcurrentHashMap<>();

  /** Per alternative's selectors, whether one fails on some device: see {@link Candidates}. */
  final Map<String, Boolean> failing = new ConcurrentHashMap<>();

  /** What a request's capacity amounts consume of each shared device, by amounts then device. */
  final Map<String, Map<DeviceId, Optional<Map<String, io.kubernetes.client.custom.Quantity>>>>
      consumptions = new ConcurrentHashMap<>();

  Catalog(
      List<V1ResourceSlice> slices,
      List<V1DeviceClass> deviceClasses,
      DeviceCel cel,
      AllocatorFeatures features,
      List<TaintRule> taintRules) {
    this.cel = cel;
    this.features = features;
    this.taintRules = List.copyOf(taintRules);
    this.order = new VisitOrder(features);
    for (V1DeviceClass c : deviceClasses) {
      if (c.getMetadata() != null && c.getMetadata().getName() != null) {
        classes.put(c.getMetadata().getName(), c);
      }
    }
    Map<List<String>, List<V1ResourceSlice>> byPool = new LinkedHashMap<>();
    for (V1ResourceSlice s : slices) {
      if (s.getSpec() == null || s.getSpec().getPool() == null) {
        continue;
      }
      byPool
          .computeIfAbsent(
              List.of(s.getSpec().getDriver(), s.getSpec().getPool().getName()),
              k -> new ArrayList<>())
          .add(s);
    }
    byPool.forEach((key, list) -> pools.add(gather(key.get(0), key.get(1), list)));
    pools.sort(order.pools());
    for (Pool p : pools) {
      Set<String> nodeNames = new HashSet<>();
      boolean other = false;
      for (Slice s : p.slices) {
        String nodeName = s.spec().getNodeName();
        if (nodeName != null && !nodeName.isEmpty()) {
          nodeNames.add(nodeName);
        } else {
          other = true;
        }
        for (DeviceView d : s.devices) {
          devices.putIfAbsent(d.id, d);
        }
      }
      for (String n : nodeNames) {
        poolsByNodeName.computeIfAbsent(n, k -> new ArrayList<>()).add(p);
      }
      if (other) {
        otherPools.add(p);
      }
    }
  }

  private Pool gather(String driver, String name, List<V1ResourceSlice> slices) {
    long generation = Long.MIN_VALUE;
    for (V1ResourceSlice s : slices) {
      generation = Math.max(generation, s.getSpec().getPool().getGeneration());
    }
    List<Slice> current = new ArrayList<>();
    long count = 0;
    for (V1ResourceSlice s : slices) {
      if (s.getSpec().getPool().getGeneration() == generation) {
        current.add(new Slice(s));
        Long c = s.getSpec().getPool().getResourceSliceCount();
        count = c == null ? 0 : c;
      }
    }
    current.sort(order.slices());
    Map<String, Map<String, BigDecimal>> counterSets = new LinkedHashMap<>();
    Optional<String> invalid = Optional.empty();
    for (Slice s : current) {
      for (V1CounterSet cs : nullToEmpty(s.spec().getSharedCounters())) {
        Map<String, BigDecimal> counters = new LinkedHashMap<>();
        nullToEmpty(cs.getCounters())
            .forEach(
                (k, v) ->
                    counters.put(
                        k, v.getValue() == null ? BigDecimal.ZERO : v.getValue().getNumber()));
        if (counterSets.put(cs.getName(), counters) != null) {
          invalid = Optional.of("counter set " + cs.getName() + " is defined twice");
        }
      }
    }
    Pool pool =
        new Pool(driver, name, generation, count, current.size(), invalid, counterSets, current);
    Set<String> names = new HashSet<>();
    Optional<String> duplicate = Optional.empty();
    for (Slice s : current) {
      for (V1Device d : nullToEmpty(s.spec().getDevices())) {
        if (!names.add(d.getName()) && duplicate.isEmpty()) {
          duplicate = Optional.of("device " + d.getName() + " is listed twice");
        }
        s.devices.add(new DeviceView(pool, s, d, this));
      }
    }
    if (duplicate.isEmpty() && features.minor() >= 36) {
      duplicate = PoolChecks.undefinedCounters(pool);
    }
    if (duplicate.isPresent() && pool.invalidReason.isEmpty()) {
      return withInvalid(pool, duplicate.get());
    }
    return pool;
  }

  private Pool withInvalid(Pool p, String reason) {
    Pool copy =
        new Pool(
            p.driver,
            p.name,
            p.generation,
            p.resourceSliceCount,
            p.slicesSeen,
            Optional.of(reason),
            p.counterSets,
            new ArrayList<>());
    for (Slice s : p.slices) {
      Slice c = new Slice(s.slice);
      for (DeviceView d : s.devices) {
        c.devices.add(new DeviceView(copy, c, d.device, this));
      }
      copy.slices.add(c);
    }
    return copy;
  }

  static boolean nodeSelectionMatches(
      String nodeName,
      io.kubernetes.client.openapi.models.V1NodeSelector selector,
      Boolean allNodes,
      V1Node node) {
    if (nodeName != null && !nodeName.isEmpty()) {
      return nodeName.equals(NodeMatch.name(node));
    }
    if (selector != null) {
      return NodeMatch.matches(selector, node);
    }
    return Boolean.TRUE.equals(allNodes);
  }

  /** What one node sees, and the candidate lists computed for it (they depend on nothing else). */
  record NodeView(List<NodePool> pools, Map<String, Candidates> candidates) {}

  private final Map<List<Object>, NodeView> nodeViews = new ConcurrentHashMap<>();

  /** The pools visible from {@code node}, each with only the slices that match it. */
  NodeView view(V1Node node) {
    List<Object> key = List.of(NodeMatch.name(node), Map.copyOf(NodeMatch.labels(node)));
    NodeView cached = nodeViews.get(key);
    if (cached == null) {
      cached = new NodeView(List.copyOf(computePoolsOn(node)), new ConcurrentHashMap<>());
      nodeViews.put(key, cached);
    }
    return cached;
  }

  List<NodePool> poolsOn(V1Node node) {
    return view(node).pools();
  }

  private List<NodePool> computePoolsOn(V1Node node) {
    List<Pool> candidates =
        new ArrayList<>(poolsByNodeName.getOrDefault(NodeMatch.name(node), List.of()));
    for (Pool p : otherPools) {
      if (!candidates.contains(p)) {
        candidates.add(p);
      }
    }
    candidates.sort(order.pools());
    List<NodePool> out = new ArrayList<>();
    for (Pool p : candidates) {
      List<DeviceView> visible = new ArrayList<>();
      boolean any = false;
      for (Slice s : p.slices) {
        V1ResourceSliceSpec spec = s.spec();
        boolean perDevice = Boolean.TRUE.equals(spec.getPerDeviceNodeSelection());
        if (perDevice
            || nodeSelectionMatches(
                spec.getNodeName(), spec.getNodeSelector(), spec.getAllNodes(), node)) {
          any = true;
          for (DeviceView d : s.devices) {
            if (d.onNode(node) && d.allocatable(features)) {
              visible.add(d);
            }
          }
        }
      }
      if (any) {
        out.add(new NodePool(p, List.copyOf(visible)));
      }
    }
    return out;
  }

  /** A pool as seen from one node. */
  record NodePool(Pool pool, List<DeviceView> devices) {}

  /** Evaluates a selector on a device, cached per (expression, device). */
  DeviceSelector.Evaluation evaluate(DeviceSelector selector, DeviceView device) {
    Map<DeviceId, DeviceSelector.Evaluation> perDevice =
        evaluations.computeIfAbsent(selector.expression(), k -> new ConcurrentHashMap<>());
    DeviceSelector.Evaluation e = perDevice.get(device.id);
    if (e == null) {
      e = selector.evaluate(device.celVariable());
      perDevice.put(device.id, e);
    }
    return e;
  }
}
