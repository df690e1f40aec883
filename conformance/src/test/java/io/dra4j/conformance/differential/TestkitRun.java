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

import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.testkit.allocator.Explanation;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodClaimAllocation;
import io.dra4j.testkit.cluster.PodRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scenario on the testkit: a {@link DraCluster} without drivers, built for the same Kubernetes
 * release and feature gates as the real control plane, gets the same objects (the slices applied,
 * not published) and runs the same pods in the same order.
 */
public final class TestkitRun {
  private TestkitRun() {}

  /**
   * Runs {@code scenario} on a fresh cluster emulating Kubernetes {@code 1.<minor>} with the real
   * control planes' feature gates ({@link ControlPlane#DEFAULT_FEATURE_GATES}) and
   * DRAListTypeAttributes set as given.
   */
  public static List<PodOutcome> run(Scenario scenario, int minor, boolean listTypeAttributes) {
    DraCluster.Builder builder =
        DraCluster.builder()
            .withoutDrivers()
            .nodes(scenario.nodes())
            .kubernetesVersion("1." + minor)
            .featureGate("DRAListTypeAttributes", listTypeAttributes);
    // The gates every real control plane here turns on (consumable capacity, taints, ...).
    ControlPlane.DEFAULT_FEATURE_GATES.forEach(builder::featureGate);
    try (DraCluster cluster = builder.start()) {
      String ns = scenario.namespace();
      cluster.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
      for (JsonObject o : scenario.objects()) {
        cluster.apply(Namespaced.in(o, ns).toString());
      }
      List<PodOutcome> outcomes = new ArrayList<>();
      for (Scenario.PodStep step : scenario.pods()) {
        outcomes.add(outcome(cluster, cluster.runPod(step.object(ns).toString())));
      }
      return outcomes;
    }
  }

  private static PodOutcome outcome(DraCluster cluster, PodRun run) {
    String pod = run.pod().name();
    if (run.node().isEmpty()) {
      Explanation why = run.explanation().orElseThrow();
      return PodOutcome.refused(pod, refusal(why));
    }
    Map<String, List<PodOutcome.Device>> claims = new TreeMap<>();
    for (PodClaimAllocation c : run.claims()) {
      JsonObject claim =
          cluster
              .api()
              .get("resourceclaims", c.claim().namespace(), c.claim().name())
              .orElseThrow();
      claims.put(c.podClaimName(), PodOutcome.Device.of(claim));
    }
    return PodOutcome.bound(pod, run.node().get(), claims);
  }

  /**
   * The category of explain's reason: a claim problem naming a missing DeviceClass, a CEL runtime
   * error the allocator met, or devices that do not fit on every node that was tried (counted, as
   * kube-scheduler counts "cannot allocate all claims").
   */
  private static PodOutcome.Refusal refusal(Explanation why) {
    int refusing = 0;
    boolean classMissing = false;
    int insufficient = 0;
    StringBuilder summary = new StringBuilder();
    for (Explanation.NodeReport n : why.nodes()) {
      if (n.reason() == Explanation.Reason.INSUFFICIENT_NODE_RESOURCE) {
        insufficient++;
      }
      if (!n.fits()) {
        refusing++;
        summary.append(n.node()).append(": ").append(n.summary()).append("; ");
      }
      for (Explanation.ClaimReport c : n.claims()) {
        classMissing |= c.problems().stream().anyMatch(p -> p.contains("does not exist"));
      }
    }
    if (insufficient > 0) {
      return new PodOutcome.Refusal(
          PodOutcome.Category.INSUFFICIENT_NODE_RESOURCE, insufficient, summary.toString());
    }
    PodOutcome.Category category;
    if (classMissing) {
      category = PodOutcome.Category.DEVICE_CLASS_MISSING;
    } else if (why.reason() == Explanation.Reason.CEL_RUNTIME_ERROR) {
      category = PodOutcome.Category.CEL_RUNTIME_ERROR;
    } else {
      category =
          why.anyNodeFits() ? PodOutcome.Category.OTHER : PodOutcome.Category.DEVICES_DO_NOT_FIT;
    }
    boolean counted = category == PodOutcome.Category.DEVICES_DO_NOT_FIT;
    return new PodOutcome.Refusal(category, counted ? refusing : 0, summary.toString());
  }
}
