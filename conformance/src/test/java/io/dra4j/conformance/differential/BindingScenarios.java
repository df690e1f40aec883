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

import io.dra4j.testkit.allocator.AllocatorFeatures;
import java.util.List;

/**
 * Binding conditions (DRADeviceBindingConditions: alpha and off in 1.34/1.35, beta and on from
 * 1.36): a pod whose device has {@code bindingConditions} is held unbound until the claim's device
 * status says each is {@code True}; a {@code True} {@code bindingFailureCondition} makes the
 * scheduler deallocate the claim and schedule the pod again. The test plays the controller that
 * sets those conditions, on both sides. With the gate off the API server drops the fields and such
 * a device is an ordinary one.
 */
public final class BindingScenarios {
  private static final String CONDITIONS =
      "bindingConditions: [attached], bindingFailureConditions: [attach-failed]";

  /** Held for binding conditions where they are on; else bound at once. */
  private static final Expected<PodOutcome.State> WAITS =
      Expected.when(
          "DRADeviceBindingConditions",
          AllocatorFeatures::bindingConditions,
          PodOutcome.State.WAITING,
          PodOutcome.State.BOUND);

  private BindingScenarios() {}

  /** Every binding-condition scenario. */
  public static List<Scenario> all() {
    return List.of(bindingConditions(), bindingPoolsLast());
  }

  /**
   * A device with binding conditions and a plain one. The first pod waits on the first device (a
   * second pod meanwhile gets the plain one); a failure condition sends it round again onto the
   * same device, the only one free; the binding condition then lets it bind.
   */
  static Scenario bindingConditions() {
    String d = "binding.diff.dra4j.io";
    return Scenario.named("binding-conditions")
        .acrossGates()
        .objects(deviceClass("binding", d))
        .objects(
            slice(
                "binding-node-1",
                d,
                "node-1",
                "node-1",
                "{name: dev-0, " + CONDITIONS + "}, {name: dev-1}"))
        .objects(template("one", request("dev", "binding", "count: 1")))
        .pod("a", WAITS, "one")
        .pod("b", true, "one")
        .condition("a", "t0", "attach-failed", true, WAITS)
        .condition("a", "t0", "attached", true, Expected.always(PodOutcome.State.BOUND))
        .pod("c", false, "one")
        .build();
  }

  /**
   * From 1.36 the allocator visits pools with binding conditions after the others, although their
   * names come first: the first pod gets the plain pool's device at once, the second waits for the
   * other one. Gate off, kube-scheduler picks its stable allocator, which visits pools in map
   * order: both pods are bound, to devices compared only by number.
   */
  static Scenario bindingPoolsLast() {
    String d = "poolslast.diff.dra4j.io";
    return Scenario.named("binding-pools-last")
        .since(36, "before 1.36 pools are visited in Go map order, so which pod waits varies")
        .acrossGates()
        .devicesInNameOrder()
        .objects(deviceClass("poolslast", d))
        .objects(
            slice(
                "poolslast-node-1-a", d, "node-1", "node-1-a", "{name: dev-0, " + CONDITIONS + "}"))
        .objects(slice("poolslast-node-1-b", d, "node-1", "node-1-b", "{name: dev-0}"))
        .objects(template("one", request("dev", "poolslast", "count: 1")))
        .pod("a", true, "one")
        .pod("b", WAITS, "one")
        .build();
  }
}
