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
package io.dra4j.runtime;

import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.internal.claims.AllocatedClaim;
import io.dra4j.runtime.internal.claims.ClaimLookup;
import io.dra4j.runtime.internal.claims.ClaimLookupException;
import io.dra4j.runtime.internal.claims.DeviceResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Claims kept in memory, keyed by namespace/name, with the API server's lookup rules. */
public final class InMemoryClaimLookup implements ClaimLookup {
  private final Map<String, AllocatedClaim> claims = new ConcurrentHashMap<>();
  private final Set<String> unallocated = ConcurrentHashMap.newKeySet();

  /** Adds an allocated claim with devices of the given driver. */
  public ClaimRef allocate(
      String namespace, String name, String uid, String driver, String... devices) {
    ClaimRef ref = new ClaimRef(namespace, name, uid);
    List<DeviceResult> results = new ArrayList<>();
    for (String d : devices) {
      results.add(new DeviceResult(driver, AllocatedDevice.of("req-" + d, "pool-a", d)));
    }
    put(
        new AllocatedClaim(
            ref,
            results,
            List.of(),
            List.of(new PodRef(namespace, "pod-" + name, "pod-uid-" + uid))));
    return ref;
  }

  /** Adds or replaces a claim. */
  public void put(AllocatedClaim claim) {
    claims.put(claim.claim().namespace() + "/" + claim.claim().name(), claim);
    unallocated.remove(claim.claim().uid());
  }

  /** Adds a claim that exists but is not allocated. */
  public ClaimRef addUnallocated(String namespace, String name, String uid) {
    ClaimRef ref = new ClaimRef(namespace, name, uid);
    claims.put(namespace + "/" + name, new AllocatedClaim(ref, List.of(), List.of(), List.of()));
    unallocated.add(uid);
    return ref;
  }

  @Override
  public AllocatedClaim lookup(ClaimRef ref) throws ClaimLookupException {
    AllocatedClaim claim = claims.get(ref.namespace() + "/" + ref.name());
    if (claim == null) {
      throw new ClaimLookupException(
          ClaimLookupException.Reason.NOT_FOUND,
          ref,
          "does not exist; it was deleted or never created");
    }
    if (!claim.claim().uid().equals(ref.uid())) {
      throw new ClaimLookupException(
          ClaimLookupException.Reason.REPLACED,
          ref,
          "was replaced: the API server has uid " + claim.claim().uid());
    }
    if (unallocated.contains(ref.uid())) {
      throw new ClaimLookupException(
          ClaimLookupException.Reason.NOT_ALLOCATED, ref, "is not allocated");
    }
    return claim;
  }
}
