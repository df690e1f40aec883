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

import static io.dra4j.conformance.differential.Scenarios.deviceClass;
import static io.dra4j.conformance.differential.Scenarios.request;
import static io.dra4j.conformance.differential.Scenarios.slice;
import static io.dra4j.conformance.differential.Scenarios.template;

import java.util.List;

/**
 * Consumable capacity with its gate on and off (DRAConsumableCapacity: alpha and off in 1.34/1.35,
 * beta and on from 1.36; the suite's gates turn it on everywhere). Off, the API server drops {@code
 * allowMultipleAllocations}, request policies, capacity requests and {@code distinctAttribute}, so
 * shared devices become exclusive ones and a constraint left empty is invalid.
 */
public final class CapacityScenarios {
  private CapacityScenarios() {}

  /** Every consumable-capacity scenario of this file. */
  public static List<Scenario> all() {
    return List.of(capacityGate(), distinctAttributeGate());
  }

  /**
   * Two shared devices of 40Gi: two 16Gi claims share the first, a third goes to the second; gate
   * off, each claim takes a whole device and the third finds none. 1.34 refuses the third too: it
   * checks the second device's request again against the slice's first device, which has 8Gi left.
   */
  static Scenario capacityGate() {
    String d = "capacity.diff.dra4j.io";
    String shared =
        "allowMultipleAllocations: true, capacity: {memory: {value: 40Gi, requestPolicy:"
            + " {default: 8Gi, validRange: {min: 8Gi, step: 8Gi}}}}";
    return Scenario.named("capacity-gate")
        .acrossGates()
        .objects(deviceClass("capacity", d))
        .objects(
            slice(
                "capacity-node-1",
                d,
                "node-1",
                "node-1",
                "{name: shared-0, " + shared + "}, {name: shared-1, " + shared + "}"))
        .objects(
            template("mem-16", request("gpu", "capacity", "capacity: {requests: {memory: 16Gi}}")))
        .pod("a", true, "mem-16")
        .pod("b", true, "mem-16")
        .pod(
            "c",
            Expected.boundWith(
                "DRAConsumableCapacity, not rechecked against the slice's first device as by 1.34",
                f -> f.consumableCapacity() && !f.capacityRecheckedAtRequestIndex()),
            "mem-16")
        .build();
  }

  /**
   * A template with a {@code distinctAttribute} constraint: gate off, the API server drops the
   * field and refuses the constraint left empty.
   */
  static Scenario distinctAttributeGate() {
    String d = "distinct.diff.dra4j.io";
    return Scenario.named("distinct-attribute-gate")
        .acrossGates()
        .objects(deviceClass("distinct", d))
        .objects(
            "{apiVersion: resource.k8s.io/v1, kind: ResourceClaimTemplate, metadata: {name:"
                + " distinct}, spec: {spec: {devices: {requests: ["
                + request("gpu", "distinct", "count: 2")
                + "], constraints: [{distinctAttribute: "
                + d
                + "/model}]}}}}",
            Expected.when(
                "without DRAConsumableCapacity", f -> !f.consumableCapacity(), true, false))
        .knownDifferenceWhere(
            r -> r.minor() == 34 && !r.features().consumableCapacity(),
            "kube-apiserver 1.34.4 does not drop distinctAttribute with DRAConsumableCapacity off"
                + " (its loop clears a copy of each constraint; 1.35 fixed it) and stores the"
                + " template; the testkit drops the field as 1.35 to 1.37 do and refuses the empty"
                + " constraint")
        .build();
  }
}
