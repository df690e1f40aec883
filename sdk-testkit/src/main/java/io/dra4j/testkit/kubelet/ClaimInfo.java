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
package io.dra4j.testkit.kubelet;

import io.dra4j.api.prepare.ClaimRef;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kubelet's cached state of one claim: which pods reference it, which drivers serve it, whether
 * every driver prepared it, and the devices they returned.
 *
 * @param claim namespace, name and UID
 * @param podUids the pods that reference the claim on this node
 * @param drivers the drivers in the claim's allocation
 * @param prepared whether the claim was prepared by all its drivers
 * @param devices the prepared devices, with their CDI IDs
 */
public record ClaimInfo(
    ClaimRef claim,
    Set<String> podUids,
    Set<String> drivers,
    boolean prepared,
    List<ClaimDevice> devices) {
  /** Checks and copies the components. */
  public ClaimInfo {
    Objects.requireNonNull(claim, "claim");
    podUids = Collections.unmodifiableSet(new TreeSet<>(podUids));
    drivers = Collections.unmodifiableSet(new TreeSet<>(drivers));
    devices = List.copyOf(devices);
  }
}
