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

import io.dra4j.api.device.CounterConsumption;
import io.dra4j.api.device.CounterSet;
import io.dra4j.api.device.Device;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes 1.34 placement of counters: a device may only consume counter sets defined in its
 * own slice, and a set is defined once per pool, so a set and all devices consuming it (and,
 * through them, every other set those devices consume) must share one slice. Such groups are packed
 * in name order into slices within the 1.34 limits: {@value #MAX_COUNTERS_PER_SLICE} counters in
 * total across the slice's sets, {@value #MAX_CONSUMED_PER_DEVICE} consumed counters per device,
 * {@value #MAX_CONSUMED_PER_SLICE} per slice, and {@value SliceLayout#MAX_DEVICES_ADVANCED}
 * devices.
 */
final class CounterGroups {
  /** Counters across all counter sets of one slice (Kubernetes 1.34). */
  static final int MAX_COUNTERS_PER_SLICE = 32;

  /** Counters one device consumes across its consumesCounters entries (Kubernetes 1.34). */
  static final int MAX_CONSUMED_PER_DEVICE = 32;

  /** Counters the devices of one slice consume together (Kubernetes 1.34). */
  static final int MAX_CONSUMED_PER_SLICE = 1024;

  private CounterGroups() {}

  /** Devices and counter sets that must share a slice, with their counter totals. */
  private static final class Group {
    final List<Device> devices = new ArrayList<>();
    final List<CounterSet> sets = new ArrayList<>();
    int counters;
    int consumed;

    void add(Group g) {
      devices.addAll(g.devices);
      sets.addAll(g.sets);
      counters += g.counters;
      consumed += g.consumed;
    }

    boolean fits(Group g) {
      return counters + g.counters <= MAX_COUNTERS_PER_SLICE
          && consumed + g.consumed <= MAX_CONSUMED_PER_SLICE
          && devices.size() + g.devices.size() <= SliceLayout.MAX_DEVICES_ADVANCED;
    }
  }

  /**
   * Packs the sets and their consumers into slices.
   *
   * @param devices the pool's devices, ordered by name
   * @param sets the pool's counter sets, ordered by name
   * @param plain receives the devices that consume no counters, in order
   * @throws IllegalArgumentException naming the device or set and the 1.34 limit it breaks
   */
  static List<SliceLayout.Part> pack(
      String pool, List<Device> devices, List<CounterSet> sets, List<Device> plain) {
    Map<String, CounterSet> byName = new LinkedHashMap<>();
    sets.forEach(s -> byName.put(s.name(), s));
    Map<String, String> parent = new HashMap<>();
    byName.keySet().forEach(n -> parent.put(n, n));
    for (Device d : devices) {
      int consumed = 0;
      for (CounterConsumption c : d.consumesCounters()) {
        if (!byName.containsKey(c.counterSet())) {
          throw new IllegalArgumentException(
              "device "
                  + d.name()
                  + " of pool "
                  + pool
                  + " consumes counter set "
                  + c.counterSet()
                  + ", which the pool does not define: add the set to the pool's shared counters");
        }
        consumed += c.counters().size();
        parent.put(
            root(parent, c.counterSet()), root(parent, d.consumesCounters().get(0).counterSet()));
      }
      if (consumed > MAX_CONSUMED_PER_DEVICE) {
        throw new IllegalArgumentException(
            "device "
                + d.name()
                + " of pool "
                + pool
                + " consumes "
                + consumed
                + " counters; Kubernetes 1.34 allows at most "
                + MAX_CONSUMED_PER_DEVICE
                + " per device: consume fewer counters or run Kubernetes 1.35 or later");
      }
    }
    // Groups in the order of their first device by name; sets nobody consumes come last.
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Device d : devices) {
      if (d.consumesCounters().isEmpty()) {
        plain.add(d);
        continue;
      }
      Group g =
          groups.computeIfAbsent(
              root(parent, d.consumesCounters().get(0).counterSet()), k -> new Group());
      g.devices.add(d);
      d.consumesCounters().forEach(c -> g.consumed += c.counters().size());
    }
    for (CounterSet s : byName.values()) {
      Group g = groups.computeIfAbsent(root(parent, s.name()), k -> new Group());
      g.sets.add(s);
      g.counters += s.counters().size();
    }
    List<SliceLayout.Part> out = new ArrayList<>();
    Group bin = new Group();
    for (Group g : groups.values()) {
      check(pool, g);
      if (!bin.fits(g)) {
        out.add(new SliceLayout.Part(bin.devices, bin.sets));
        bin = new Group();
      }
      bin.add(g);
    }
    if (!bin.devices.isEmpty() || !bin.sets.isEmpty()) {
      out.add(new SliceLayout.Part(bin.devices, bin.sets));
    }
    return out;
  }

  private static void check(String pool, Group g) {
    List<String> names = g.sets.stream().map(CounterSet::name).toList();
    String what =
        "counter sets "
            + names
            + " of pool "
            + pool
            + " and the "
            + g.devices.size()
            + " devices consuming them must share one slice on Kubernetes 1.34, which allows at"
            + " most ";
    String fix =
        ": split the counters into smaller sets consumed by fewer devices, or run Kubernetes 1.35"
            + " or later";
    if (g.counters > MAX_COUNTERS_PER_SLICE) {
      throw new IllegalArgumentException(
          what
              + MAX_COUNTERS_PER_SLICE
              + " counters per slice (they define "
              + g.counters
              + ")"
              + fix);
    }
    if (g.consumed > MAX_CONSUMED_PER_SLICE) {
      throw new IllegalArgumentException(
          what
              + MAX_CONSUMED_PER_SLICE
              + " consumed counters per slice (they consume "
              + g.consumed
              + ")"
              + fix);
    }
    if (g.devices.size() > SliceLayout.MAX_DEVICES_ADVANCED) {
      throw new IllegalArgumentException(
          what
              + SliceLayout.MAX_DEVICES_ADVANCED
              + " devices per slice when devices consume counters"
              + fix);
    }
  }

  private static String root(Map<String, String> parent, String name) {
    String r = name;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    parent.put(name, r);
    return r;
  }
}
