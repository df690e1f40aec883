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
 * Where the testkit and kube-scheduler disagree on a scenario, pod by pod: scheduled or not, the
 * node, per claim the devices (request, driver, pool, device, consumed capacity; or only how many
 * of each driver where the scenario's device order is not deterministic on that release), and for
 * an unschedulable pod the category of the reason and on how many nodes it was found. Also where
 * both agree with each other but not with the scenario's expectation.
 */
public final class Differences {
  private Differences() {}

  /** Every difference, one line each; empty when both sides agree with each other and the plan. */
  public static List<String> of(
      Scenario scenario, int minor, List<PodOutcome> real, List<PodOutcome> testkit) {
    List<String> out = new ArrayList<>();
    boolean exactDevices = minor >= scenario.devicesComparedSince();
    for (int i = 0; i < scenario.pods().size(); i++) {
      Scenario.PodStep step = scenario.pods().get(i);
      PodOutcome r = real.get(i);
      PodOutcome t = testkit.get(i);
      String pod = "pod " + step.name() + ": ";
      if (r.scheduled() != t.scheduled()) {
        out.add(pod + "kube-scheduler " + r + " | testkit " + t);
        continue;
      }
      if (r.scheduled() != scenario.expectsFit(step, minor)) {
        out.add(
            pod
                + "both "
                + (r.scheduled() ? "schedule" : "refuse")
                + " it, the scenario says"
                + " otherwise: kube-scheduler "
                + r
                + " | testkit "
                + t);
      }
      if (!r.scheduled()) {
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
        continue;
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
    return out;
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
