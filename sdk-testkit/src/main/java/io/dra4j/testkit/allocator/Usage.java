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

import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1DeviceCounterConsumption;
import io.kubernetes.client.openapi.models.V1DeviceRequestAllocationResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Devices in use (with the claims that hold them), counters consumed by allocated claims, and the
 * capacity they consume of shared devices. Results with admin access neither mark a device in use
 * nor consume counters.
 */
final class Usage {

  /** A counter of one counter set in one pool. */
  record CounterKey(String driver, String pool, String counterSet, String counter) {}

  final Map<DeviceId, List<String>> owners;
  final Map<CounterKey, BigDecimal> consumed;
  final Map<DeviceId, Map<String, BigDecimal>> capacity;

  private Usage(
      Map<DeviceId, List<String>> owners,
      Map<CounterKey, BigDecimal> consumed,
      Map<DeviceId, Map<String, BigDecimal>> capacity) {
    this.owners = owners;
    this.consumed = consumed;
    this.capacity = capacity;
  }

  static Usage empty() {
    return new Usage(new HashMap<>(), new HashMap<>(), new HashMap<>());
  }

  Usage plus(Catalog catalog, List<ResourceV1ResourceClaim> claims) {
    // Holder lists are immutable, so a shallow copy is a snapshot; capacity maps are copied.
    Map<DeviceId, Map<String, BigDecimal>> cap = new HashMap<>();
    capacity.forEach((k, v) -> cap.put(k, new HashMap<>(v)));
    Usage u = new Usage(new HashMap<>(owners), new HashMap<>(consumed), cap);
    for (ResourceV1ResourceClaim claim : claims) {
      u.add(catalog, claim);
    }
    return u;
  }

  private void add(Catalog catalog, ResourceV1ResourceClaim claim) {
    if (claim.getStatus() == null
        || claim.getStatus().getAllocation() == null
        || claim.getStatus().getAllocation().getDevices() == null) {
      return;
    }
    String ref = ClaimPlan.ref(claim);
    for (V1DeviceRequestAllocationResult r :
        nullToEmpty(claim.getStatus().getAllocation().getDevices().getResults())) {
      if (Boolean.TRUE.equals(r.getAdminAccess())) {
        continue;
      }
      DeviceId id = new DeviceId(r.getDriver(), r.getPool(), r.getDevice());
      List<String> before = owners.getOrDefault(id, List.of());
      boolean first = before.isEmpty();
      List<String> holders = new ArrayList<>(before);
      holders.add(ref);
      owners.put(id, List.copyOf(holders));
      nullToEmpty(r.getConsumedCapacity())
          .forEach(
              (name, q) ->
                  capacity
                      .computeIfAbsent(id, k -> new HashMap<>())
                      .merge(name, q.getNumber(), BigDecimal::add));
      DeviceView d = catalog.devices.get(id);
      if (d != null && first) {
        for (V1DeviceCounterConsumption c : d.consumes) {
          nullToEmpty(c.getCounters())
              .forEach(
                  (name, counter) ->
                      consumed.merge(
                          new CounterKey(id.driver(), id.pool(), c.getCounterSet(), name),
                          counter.getValue() == null
                              ? BigDecimal.ZERO
                              : counter.getValue().getNumber(),
                          BigDecimal::add));
        }
      }
    }
  }

  boolean inUse(DeviceId id) {
    List<String> h = owners.get(id);
    return h != null && !h.isEmpty();
  }

  List<String> holders(DeviceId id) {
    return owners.getOrDefault(id, List.of());
  }

  /** Capacity of a shared device consumed by allocated claims, by capacity name. */
  Map<String, BigDecimal> capacity(DeviceId id) {
    return capacity.getOrDefault(id, Map.of());
  }

  BigDecimal consumed(CounterKey key) {
    return consumed.getOrDefault(key, BigDecimal.ZERO);
  }
}
