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

import io.dra4j.api.device.CounterSet;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Limits;
import io.dra4j.api.device.Names;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.PoolScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * How a pool is split into ResourceSlices, and what they are called.
 *
 * <p>Devices keep the order the provider gave them and are packed greedily: a slice holds at most
 * 128 devices, or 64 as soon as one of its devices has taints, consumes counters or has a list
 * attribute (the API's limit). Counter sets go into their own slices after the device slices, at
 * most 8 per slice ({@link CounterLayout#SEPARATE_SLICES}, Kubernetes 1.35 and later). With {@link
 * CounterLayout#WITH_DEVICES} (Kubernetes 1.34) each counter set shares a slice with every device
 * that consumes it (see {@link CounterGroups}); devices that consume no counters follow in slices
 * of their own. An empty pool gets one empty slice so that it still exists.
 *
 * <p>Names are {@code <owner>-<driver>-<hash>-<index>}: the owner is the node name (or {@code
 * cluster} for a publisher without one), the hash is the first 8 hex digits of SHA-256 over owner,
 * driver and pool name, and the index has 4 digits, so names are stable, sort in slice order (the
 * allocator tries slices in name order) and never collide between pools. When the name would exceed
 * 253 characters the {@code <owner>-<driver>} part is cut; the hash keeps names unique.
 */
public final class SliceLayout {
  /** Devices per slice. */
  public static final int MAX_DEVICES = Limits.MAX_DEVICES_PER_SLICE;

  /** Devices per slice when a device in it has taints, consumes counters or a list attribute. */
  public static final int MAX_DEVICES_ADVANCED =
      Limits.MAX_DEVICES_PER_SLICE_WITH_TAINTS_OR_COUNTERS;

  /** Counter sets per slice. */
  public static final int MAX_COUNTER_SETS = Limits.MAX_COUNTER_SETS_PER_SLICE;

  private static final int MAX_NAME = 253;

  private SliceLayout() {}

  /**
   * Plans the slices of one pool.
   *
   * @param owner the node name, or empty for a publisher without a node
   * @throws IllegalArgumentException when the pool cannot be published by this publisher
   */
  public static List<PlannedSlice> plan(String driver, String owner, Pool pool) {
    return plan(driver, owner, pool, CounterLayout.SEPARATE_SLICES);
  }

  /**
   * Plans the slices of one pool with the given placement of counter sets.
   *
   * @param owner the node name, or empty for a publisher without a node
   * @throws IllegalArgumentException when the pool cannot be published by this publisher, or its
   *     counters cannot be laid out within the limits of {@code layout} (the message names the
   *     limit)
   */
  public static List<PlannedSlice> plan(
      String driver, String owner, Pool pool, CounterLayout layout) {
    check(owner, pool);
    // The provider's order, not the name order: the allocator is first-fit in slice order, so the
    // order is the driver's allocation preference, and names such as "dev10" and "dev2" do not sort
    // the way the hardware is numbered.
    List<Device> devices = new ArrayList<>(pool.devices());
    List<CounterSet> sets = new ArrayList<>(pool.sharedCounters());
    sets.sort(Comparator.comparing(CounterSet::name));

    List<Part> parts = new ArrayList<>();
    if (layout == CounterLayout.WITH_DEVICES) {
      List<Device> plain = new ArrayList<>();
      parts.addAll(CounterGroups.pack(pool.name(), devices, sets, plain));
      chunk(plain).forEach(c -> parts.add(new Part(c, List.of())));
    } else {
      chunk(devices).forEach(c -> parts.add(new Part(c, List.of())));
      for (int from = 0; from < sets.size(); from += MAX_COUNTER_SETS) {
        parts.add(
            new Part(
                List.of(), sets.subList(from, Math.min(sets.size(), from + MAX_COUNTER_SETS))));
      }
    }
    List<PlannedSlice> out = new ArrayList<>();
    for (Part p : parts) {
      int i = out.size();
      out.add(new PlannedSlice(name(driver, owner, pool.name(), i), i, pool, p.devices, p.sets));
    }
    if (out.isEmpty()) {
      out.add(new PlannedSlice(name(driver, owner, pool.name(), 0), 0, pool, List.of(), List.of()));
    }
    return out;
  }

  /** Devices and counter sets of one slice. */
  record Part(List<Device> devices, List<CounterSet> sets) {}

  /** Packs devices (in order) into chunks within the per-slice device limits. */
  private static List<List<Device>> chunk(List<Device> devices) {
    List<List<Device>> chunks = new ArrayList<>();
    List<Device> chunk = new ArrayList<>();
    boolean advanced = false;
    for (Device d : devices) {
      boolean withD = advanced || isAdvanced(d);
      int limit = withD ? MAX_DEVICES_ADVANCED : MAX_DEVICES;
      if (chunk.size() + 1 > limit) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        withD = isAdvanced(d);
      }
      chunk.add(d);
      advanced = withD;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  static boolean isAdvanced(Device d) {
    return !d.taints().isEmpty() || !d.consumesCounters().isEmpty() || d.hasListAttributes();
  }

  /** The name of slice {@code index} of a pool (see the class comment). */
  public static String name(String driver, String owner, String pool, int index) {
    String who = owner.isEmpty() ? "cluster" : owner;
    String hash = sha256Hex(who + "\0" + driver + "\0" + pool).substring(0, 8);
    String suffix = "-" + hash + "-" + String.format("%04d", index);
    String prefix = who + "-" + driver;
    if (prefix.length() + suffix.length() > MAX_NAME) {
      prefix = prefix.substring(0, MAX_NAME - suffix.length());
      prefix = prefix.replaceAll("[-.]+$", "");
    }
    return prefix + suffix;
  }

  private static void check(String owner, Pool pool) {
    if (pool.scope() instanceof PoolScope.ThisNode && owner.isEmpty()) {
      throw new IllegalArgumentException(
          "pool "
              + pool.name()
              + " is scoped to this node, but the publisher has no node name: set the node name"
              + " (NODE_NAME) or publish the pool with PoolScope.allNodes() / nodeLabels(...)");
    }
    if (!owner.isEmpty() && !Names.isDnsSubdomain(owner)) {
      throw new IllegalArgumentException(
          "node name '" + owner + "' is not a DNS subdomain: use the Node's metadata.name");
    }
    // Node label keys and values are validated when PoolScope.NodeLabels is built.
  }

  private static String sha256Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
