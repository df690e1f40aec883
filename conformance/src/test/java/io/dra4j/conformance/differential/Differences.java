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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the testkit and kube-scheduler disagree on a scenario, step by step. For a pod (after it is
 * created, and after each condition set on its device): bound, waiting for binding conditions or
 * refused; the node; per claim the devices (request, driver, pool, device, consumed capacity, admin
 * access; or only how many of each driver where the scenario's device order is not deterministic on
 * that release); for an unschedulable pod the category of the reason and on how many nodes it was
 * found. For an object: stored or refused, the refusal's code, reason and fields, and the pods
 * evicted after it. Also where both agree with each other but not with the scenario's expectation
 * for that release.
 */
public final class Differences {
  private Differences() {}

  /** Every difference, one line each; empty when both sides agree with each other and the plan. */
  public static List<String> of(
      Scenario scenario, Release release, List<StepOutcome> real, List<StepOutcome> testkit) {
    List<String> out = new ArrayList<>();
    boolean exactDevices =
        release.minor() >= scenario.devicesComparedSince()
            && (!scenario.nameOrder() || release.features().lexicographicOrder());
    for (int i = 0; i < scenario.steps().size(); i++) {
      Step step = scenario.steps().get(i);
      if (step instanceof Scenario.PodStep p) {
        pod(
            out,
            "pod " + p.name() + ": ",
            p.expected().on(release),
            exactDevices,
            (PodOutcome) real.get(i),
            (PodOutcome) testkit.get(i));
      } else if (step instanceof Step.Condition c) {
        pod(
            out,
            "pod " + c.pod() + " after " + c.type() + "=" + c.status() + ": ",
            c.then().on(release),
            exactDevices,
            (PodOutcome) real.get(i),
            (PodOutcome) testkit.get(i));
      } else if (step instanceof Step.Apply a) {
        object(out, a, release, (ApplyOutcome) real.get(i), (ApplyOutcome) testkit.get(i));
      }
    }
    return out;
  }

  private static void pod(
      List<String> out,
      String pod,
      PodOutcome.State expected,
      boolean exactDevices,
      PodOutcome r,
      PodOutcome t) {
    if (r.state() != t.state()) {
      out.add(pod + "kube-scheduler " + r + " | testkit " + t);
      return;
    }
    if (r.state() != expected) {
      out.add(
          pod
              + "both end "
              + r.state()
              + ", the scenario expects "
              + expected
              + ": kube-scheduler "
              + r
              + " | testkit "
              + t);
    }
    if (r.state() == PodOutcome.State.REFUSED) {
      PodOutcome.Refusal rr = r.refusal().orElseThrow();
      PodOutcome.Refusal tr = t.refusal().orElseThrow();
      if (rr.category() != tr.category() || rr.nodes() != tr.nodes()) {
        out.add(
            pod
                + "reason: kube-scheduler "
                + rr
                + " ("
                + rr.message()
                + ") | testkit "
                + tr
                + " ("
                + tr.message()
                + ")");
      }
      return;
    }
    if (!r.node().equals(t.node())) {
      out.add(pod + "node: kube-scheduler " + r.node().get() + " | testkit " + t.node().get());
    }
    Object realDevices = exactDevices ? r.claims() : shape(r);
    Object testkitDevices = exactDevices ? t.claims() : shape(t);
    if (!realDevices.equals(testkitDevices)) {
      out.add(pod + "devices: kube-scheduler " + realDevices + " | testkit " + testkitDevices);
    }
  }

  private static void object(
      List<String> out, Step.Apply step, Release release, ApplyOutcome r, ApplyOutcome t) {
    String object = "object " + r.object() + ": ";
    if (r.refused() != t.refused()) {
      out.add(object + "kube-apiserver " + r + " | testkit " + t);
    } else if (r.refused() && !r.refusal().get().sameAs(t.refusal().get())) {
      out.add(
          object
              + "refusal: kube-apiserver "
              + r.refusal().get()
              + " ("
              + r.refusal().get().message()
              + ") | testkit "
              + t.refusal().get()
              + " ("
              + t.refusal().get().message()
              + ")");
    } else if (r.refused() != step.refused().on(release)) {
      out.add(
          object
              + "both "
              + (r.refused() ? "refuse" : "store")
              + " it, the scenario expects otherwise: "
              + r);
    }
    if (!r.evicted().equals(t.evicted())) {
      out.add(
          object + "evicted: kube-controller-manager " + r.evicted() + " | testkit " + t.evicted());
    } else if (!r.evicted().equals(step.evicts().on(release))) {
      out.add(
          object
              + "both evict "
              + r.evicted()
              + ", the scenario expects "
              + step.evicts().on(release));
    }
  }

  /** Per claim, how many devices of each driver: what holds where device order is random. */
  private static Map<String, Map<String, Integer>> shape(PodOutcome outcome) {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    for (Map.Entry<String, List<PodOutcome.Device>> c : outcome.claims().entrySet()) {
      Map<String, Integer> perDriver = new TreeMap<>();
      c.getValue().forEach(d -> perDriver.merge(d.driver(), 1, Integer::sum));
      out.put(c.getKey(), perDriver);
    }
    return out;
  }
}
