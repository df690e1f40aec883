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

import com.google.gson.JsonObject;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.kube.JsonInformer;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Compares a pool's planned slices with the slices the cluster shows for that pool and lists the
 * writes that make them match. Pure: no I/O and no clock, the same inputs give the same actions.
 *
 * <p>The rules: a planned slice that is missing is created; one whose content differs is updated;
 * one that matches is left alone. If the newest observed generation has exactly the planned slice
 * names and slice count, slices are written at that generation and observed slices that are not
 * planned are deleted. Otherwise (a new pool, or a changed layout) every slice is written at the
 * next generation and nothing is deleted yet: the obsolete slices go once the new generation is
 * complete, in a later pass.
 */
final class SliceDiff {

  /**
   * The writes for one pool.
   *
   * @param generation the pool generation the slices are written at
   * @param actions creates and updates in planned order, then deletes; empty when nothing differs
   */
  record Changes(long generation, List<SliceAction> actions) {
    Changes {
      actions = List.copyOf(actions);
    }
  }

  private final String driver;
  private final String nodeName;

  /**
   * @param driver the driver name written into every slice
   * @param nodeName the node of node-local pools; empty for a cluster-level publisher
   */
  SliceDiff(String driver, String nodeName) {
    this.driver = driver;
    this.nodeName = nodeName;
  }

  /**
   * The writes that turn {@code observed} into {@code planned}.
   *
   * @param planned the pool's slices as {@link SliceLayout} plans them, not empty
   * @param observed the slices of this driver and pool the cluster shows
   * @param owner the owning Node's UID for a node-local pool, else empty
   * @param taintTime the {@code timeAdded} of each device taint
   */
  Changes pool(
      List<PlannedSlice> planned,
      List<JsonObject> observed,
      Optional<String> owner,
      BiFunction<Device, DeviceTaint, Instant> taintTime) {
    int count = planned.size();
    Map<String, JsonObject> byName = new LinkedHashMap<>();
    long top = -1;
    for (JsonObject s : observed) {
      byName.put(JsonInformer.key(s), s);
      top = Math.max(top, generation(s));
    }
    Set<String> plannedNames = new HashSet<>();
    planned.forEach(p -> plannedNames.add(p.name()));
    boolean sameLayout = top >= 0;
    for (JsonObject s : observed) {

      if (generation(s) == top
          && (!plannedNames.contains(JsonInformer.key(s)) || sliceCount(s) != count)) {
        sameLayout = false;
      }
    }
    long generation = sameLayout ? top : top + 1;
    List<SliceAction> actions = new ArrayList<>();
    for (PlannedSlice p : planned) {
      V1ResourceSlice slice =
          SliceRenderer.render(driver, nodeName, p, generation, count, owner, taintTime);
      JsonObject have = byName.get(p.name());
      if (have == null) {
        actions.add(new SliceAction.Create(slice));
      } else if (!SliceContent.same(have, slice)) {
        actions.add(new SliceAction.Update(slice, have));
      }
    }
    if (sameLayout) {
      for (JsonObject s : observed) {
        if (!plannedNames.contains(JsonInformer.key(s))) {
          actions.add(new SliceAction.Delete(s));
        }
      }
    }
    return new Changes(generation, actions);
  }

  /** Deletes of every observed slice of a pool that is no longer published. */
  static List<SliceAction> deleteAll(List<JsonObject> observed) {
    List<SliceAction> out = new ArrayList<>();
    observed.forEach(s -> out.add(new SliceAction.Delete(s)));
    return out;
  }

  /** Observed slices by pool name ({@code spec.pool.name}), pools in name order. */
  static Map<String, List<JsonObject>> byPool(Collection<JsonObject> slices) {
    Map<String, List<JsonObject>> out = new TreeMap<>();
    for (JsonObject s : slices) {
      String pool = JsonFields.string(s, "spec", "pool", "name");
      out.computeIfAbsent(pool, k -> new ArrayList<>()).add(s);
    }
    return out;
  }

  private static long generation(JsonObject slice) {
    return JsonFields.number(slice, "spec", "pool", "generation");
  }

  private static long sliceCount(JsonObject slice) {
    return JsonFields.number(slice, "spec", "pool", "resourceSliceCount");
  }
}
