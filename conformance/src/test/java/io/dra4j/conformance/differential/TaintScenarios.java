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
import static io.dra4j.conformance.differential.Scenarios.devices;
import static io.dra4j.conformance.differential.Scenarios.request;
import static io.dra4j.conformance.differential.Scenarios.slice;
import static io.dra4j.conformance.differential.Scenarios.template;

import io.dra4j.testkit.allocator.AllocatorFeatures;
import java.util.List;

/**
 * Device taints: slice taints (DRADeviceTaints) and DeviceTaintRules (DRADeviceTaintRules; in 1.34
 * part of DRADeviceTaints), with and without tolerations, and eviction of running pods by {@code
 * NoExecute}. Every scenario runs with every gate profile, so each release checks taints on and off
 * as far as it lets them be switched.
 */
public final class TaintScenarios {
  private static final String BROKEN = "{key: example.com/broken, operator: Exists}";
  private static final String DRAIN =
      "{key: example.com/drain, operator: Equal, value: now, effect: NoExecute}";

  private TaintScenarios() {}

  /** Every taint scenario. */
  public static List<Scenario> all() {
    return List.of(
        sliceTaints(), taintEffectNone(), taintRules(), taintRuleEviction(), sliceTaintEviction());
  }

  /**
   * {@code NoSchedule} and {@code NoExecute} slice taints keep a device from requests that do not
   * tolerate them ({@code Exists} on the key; {@code Equal} on key, value and effect); with
   * DRADeviceTaints off the API server drops them and every device is usable.
   */
  static Scenario sliceTaints() {
    String d = "taints.diff.dra4j.io";
    return Scenario.named("slice-taints")
        .acrossGates()
        .objects(deviceClass("taints", d))
        .objects(
            slice(
                "taints-node-1",
                d,
                "node-1",
                "node-1",
                "{name: dev-0, taints: [{key: example.com/broken, value: fan, effect: NoSchedule}]},"
                    + " {name: dev-1, taints: [{key: example.com/drain, value: now, effect:"
                    + " NoExecute}]}, {name: dev-2}"))
        .objects(template("one", request("dev", "taints", "count: 1")))
        .objects(template("tolerating", request("dev", "taints", "tolerations: [" + BROKEN + "]")))
        .objects(template("draining", request("dev", "taints", "tolerations: [" + DRAIN + "]")))
        // taints on: dev-2, dev-0, dev-1; off: dev-0, dev-1, dev-2, then nothing is left
        .pod("a", true, "one")
        .pod("b", true, "tolerating")
        .pod("c", true, "draining")
        .pod("d", false, "one")
        .build();
  }

  /**
   * The informational effect {@code None} (from 1.35): such a device is allocated to any request.
   * 1.34 refuses the slice as long as DRADeviceTaints is on (off, the taints are dropped first).
   */
  static Scenario taintEffectNone() {
    String d = "none.diff.dra4j.io";
    Expected<Boolean> refused =
        Expected.whenRelease(
            "on 1.34 with DRADeviceTaints",
            r -> r.minor() == 34 && r.features().deviceTaints(),
            true,
            false);
    Expected<PodOutcome.State> stored =
        Expected.whenRelease(
            "unless 1.34 refuses the slice",
            r -> !refused.on(r),
            PodOutcome.State.BOUND,
            PodOutcome.State.REFUSED);
    return Scenario.named("taint-effect-none")
        .acrossGates()
        .objects(deviceClass("none", d))
        .objects(
            slice(
                "none-node-1",
                d,
                "node-1",
                "node-1",
                "{name: dev-0, taints: [{key: example.com/note, value: info, effect: None}]}"),
            refused)
        .objects(template("one", request("dev", "none", "count: 1")))
        .pod("a", stored, "one")
        .pod("b", false, "one")
        .build();
  }

  /**
   * A DeviceTaintRule (in the release's API version: v1alpha3 to 1.35, v1beta2 in 1.36, v1 from
   * 1.37) taints one device {@code NoSchedule}; a request tolerating it may still have it. Where
   * the rules are off (1.35 and 1.36 by default) the rule is stored and ignored.
   */
  static Scenario taintRules() {
    String d = "rules.diff.dra4j.io";
    return Scenario.named("taint-rules")
        .acrossGates()
        .objects(deviceClass("rules", d))
        .objects(slice("rules-node-1", d, "node-1", "node-1", devices(3)))
        .objects(
            rule(
                "rules-broken",
                "driver: " + d + ", pool: node-1, device: dev-0",
                "key: example.com/broken, effect: NoSchedule"))
        .objects(template("one", request("dev", "rules", "count: 1")))
        .objects(template("tolerating", request("dev", "rules", "tolerations: [" + BROKEN + "]")))
        // rules on: dev-1, dev-0, dev-2; off: dev-0, dev-1, dev-2
        .pod("a", true, "one")
        .pod("b", true, "tolerating")
        .pod("c", true, "one")
        .pod("d", false, "one")
        .build();
  }

  /**
   * A {@code NoExecute} DeviceTaintRule over a whole pool, written while two pods run: the eviction
   * controller evicts the pod that does not tolerate it and leaves the one that does; the freed
   * device goes to a new tolerating pod. Rules off, nobody is evicted and the new pod finds no
   * device.
   */
  static Scenario taintRuleEviction() {
    String d = "evict.diff.dra4j.io";
    return Scenario.named("taint-rule-eviction")
        .acrossGates()
        .objects(deviceClass("evict", d))
        .objects(slice("evict-node-1", d, "node-1", "node-1", devices(2)))
        .objects(template("one", request("dev", "evict", "count: 1")))
        .objects(template("draining", request("dev", "evict", "tolerations: [" + DRAIN + "]")))
        .pod("a", true, "one")
        .pod("b", true, "draining")
        .apply(
            rule(
                "evict-drain",
                "driver: " + d + ", pool: node-1",
                "key: example.com/drain, value: now, effect: NoExecute"),
            Expected.when(
                "DeviceTaintRules", AllocatorFeatures::deviceTaintRules, List.of("a"), List.of()))
        .pod(
            "c",
            Expected.boundWith("DeviceTaintRules", AllocatorFeatures::deviceTaintRules),
            "draining")
        .knownDifferenceWhere(
            r -> r.minor() == 34 && r.features().deviceTaintRules(),
            "kube-scheduler 1.34.4 does not copy a request's tolerations into the allocation"
                + " result, so its device-taint-eviction-controller, which reads them there, also"
                + " evicts the tolerating pods b and c; 1.35 to 1.37 and the testkit keep them")
        .build();
  }

  /**
   * A driver publishes its slice again with a {@code NoExecute} taint on the device a running pod
   * holds: that pod is evicted (DRADeviceTaints), the device then serves only tolerating requests.
   */
  static Scenario sliceTaintEviction() {
    String d = "republish.diff.dra4j.io";
    String tainted =
        "{name: dev-0}, {name: dev-1, taints: [{key: example.com/drain, value: now, effect:"
            + " NoExecute}]}";
    Expected<PodOutcome.State> tainting =
        Expected.boundWith("DRADeviceTaints", AllocatorFeatures::deviceTaints);
    return Scenario.named("slice-taint-eviction")
        .acrossGates()
        .objects(deviceClass("republish", d))
        .objects(slice("republish-node-1", d, "node-1", "node-1", devices(2)))
        .objects(template("one", request("dev", "republish", "count: 1")))
        .objects(template("draining", request("dev", "republish", "tolerations: [" + DRAIN + "]")))
        .pod("a", true, "one")
        .pod("b", true, "one")
        .apply(
            slice("republish-node-1", d, "node-1", "node-1", tainted),
            Expected.when(
                "DRADeviceTaints", AllocatorFeatures::deviceTaints, List.of("b"), List.of()))
        .pod("c", false, "one")
        .pod("d", tainting, "draining")
        .build();
  }

  /**
   * A DeviceTaintRule (written as v1; the harness sends it in the release's version) with the
   * fields of its {@code deviceSelector} and {@code taint}.
   */
  private static String rule(String name, String selector, String taint) {
    return "{apiVersion: resource.k8s.io/v1, kind: DeviceTaintRule, metadata: {name: "
        + name
        + "}, spec: {deviceSelector: {"
        + selector
        + "}, taint: {"
        + taint
        + "}}}";
  }
}
