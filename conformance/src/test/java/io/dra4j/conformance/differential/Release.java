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
package io.dra4j.conformance.differential;

import io.dra4j.runtime.internal.slices.ServerVersion;
import io.dra4j.testkit.allocator.AllocatorFeatures;
import io.dra4j.testkit.cel.DeviceCel;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Kubernetes release with one set of feature gates, as both sides of a differential run get it.
 * Which features that turns on comes from the testkit ({@link AllocatorFeatures#forRelease} and the
 * list-attribute rule of {@code DraCluster}), so a scenario's expectations, the testkit and the
 * gates handed to the real control plane share one source.
 *
 * @param minor the Kubernetes 1.x minor version
 * @param profile where the gates come from
 * @param gates the gates set on both sides, by name; the others keep the release's default
 */
public record Release(int minor, GateProfile profile, Map<String, Boolean> gates) {
  /** Copies the gates. */
  public Release {
    gates = new TreeMap<>(gates);
  }

  /** What the scheduler and the API server of this release do with these gates. */
  public AllocatorFeatures features() {
    return AllocatorFeatures.forRelease(minor, gates);
  }

  /** Whether list-type attributes are served: 1.36 or later with DRAListTypeAttributes on. */
  public boolean listTypeAttributes() {
    return ServerVersion.of(minor).hasListAttributes()
        && gates.getOrDefault(DeviceCel.LIST_TYPE_ATTRIBUTES_GATE, false);
  }

  /**
   * What decides the outcome of an allocation here: the features and list attributes, without the
   * gates' names; two profiles with the same key behave the same on this release.
   */
  public String behaviour() {
    return features().withOrderSeed(0) + ", listTypeAttributes=" + listTypeAttributes();
  }

  @Override
  public String toString() {
    return "1." + minor + " (" + profile + ")";
  }
}
