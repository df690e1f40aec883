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
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.runtime.internal.kube.ApiClients;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.allocator.Explanation;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodClaimAllocation;
import io.dra4j.testkit.cluster.PodRun;
import io.kubernetes.client.openapi.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A scenario on the testkit: a {@link DraCluster} without drivers, built for the same Kubernetes
 * release and feature gates as the real control plane, gets the same objects (written through the
 * same client, the slices applied, not published), runs the same pods in the same order, sets the
 * same device conditions ({@link DraCluster#setDeviceCondition}) and, after each object written
 * once pods run, runs the eviction controller ({@link DraCluster#evictTaintedPods}).
 */
public final class TestkitRun {
  private TestkitRun() {}

  /** Runs {@code scenario} on a fresh cluster emulating {@code release}. */
  public static List<StepOutcome> run(Scenario scenario, Release release) {
    DraCluster.Builder builder =
        DraCluster.builder()
            .withoutDrivers()
            .nodes(scenario.nodes())
            .kubernetesVersion("1." + release.minor());
    release.gates().forEach(builder::featureGate);
    try (DraCluster cluster = builder.start()) {
      ApiClient client = cluster.api().client();
      try {
        return steps(cluster, KubeObjects.of(client), scenario, release);
      } finally {
        ApiClients.release(client);
      }
    }
  }

  private static List<StepOutcome> steps(
      DraCluster cluster, KubeObjects objects, Scenario scenario, Release release) {
    String ns = scenario.namespace();
    ScenarioObjects.createNamespace(objects, ns, scenario.namespaceLabels());
    List<StepOutcome> outcomes = new ArrayList<>();
    for (Step step : scenario.steps()) {
      if (step instanceof Step.Apply a) {
        JsonObject object = ScenarioObjects.forRelease(a.object(), ns, release);
        Set<String> before = podNames(cluster);
        Optional<ApplyOutcome.ApiRefusal> refusal =
            ScenarioObjects.createOrReplace(objects, object);
        cluster.evictTaintedPods();
        Set<String> evicted = new TreeSet<>(before);
        evicted.removeAll(podNames(cluster));
        outcomes.add(new ApplyOutcome(a.kind() + "/" + a.name(), refusal, List.copyOf(evicted)));
      } else if (step instanceof Scenario.PodStep p) {
        outcomes.add(run(cluster, p, ns));
      } else if (step instanceof Step.Condition c) {
        setCondition(cluster, ns, c);
        outcomes.add(outcome(cluster, cluster.pod(ns, c.pod()).orElseThrow()));
      }
    }
    return outcomes;
  }

  /**
   * Runs the pod; one whose template does not exist (the API server refused it) is refused, as
   * kube-controller-manager cannot make its claim.
   */
  private static PodOutcome run(DraCluster cluster, Scenario.PodStep step, String ns) {
    try {
      return outcome(cluster, cluster.runPod(step.object(ns).toString()));
    } catch (IllegalArgumentException e) {
      if (!String.valueOf(e.getMessage()).contains("ResourceClaimTemplate")) {
        throw e;
      }
      return PodOutcome.refused(
          step.name(),
          new PodOutcome.Refusal(PodOutcome.Category.CLAIM_NOT_CREATED, 0, e.getMessage()));
    }
  }

  /** Sets the condition on the first device of the pod's claim, as the test's controller. */
  private static void setCondition(DraCluster cluster, String ns, Step.Condition c) {
    ClaimRef ref = cluster.pod(ns, c.pod()).orElseThrow().claim(c.podClaim()).claim();
    JsonObject claim =
        cluster.api().get("resourceclaims", ref.namespace(), ref.name()).orElseThrow();
    JsonObject result =
        JsonFields.objects(claim, "status", "allocation", "devices", "results").get(0);
    cluster.setDeviceCondition(
        ref,
        JsonFields.string(result, "driver"),
        JsonFields.string(result, "pool"),
        JsonFields.string(result, "device"),
        c.type(),
        c.status());
  }

  private static Set<String> podNames(DraCluster cluster) {
    Set<String> names = new TreeSet<>();
    cluster.pods().forEach(r -> names.add(r.pod().name()));
    return names;
  }

  private static PodOutcome outcome(DraCluster cluster, PodRun run) {
    String pod = run.pod().name();
    Map<String, List<PodOutcome.Device>> claims = new TreeMap<>();
    String allocatedFor = "";
    for (PodClaimAllocation c : run.claims()) {
      JsonObject claim =
          cluster
              .api()
              .get("resourceclaims", c.claim().namespace(), c.claim().name())
              .orElseThrow();
      claims.put(c.podClaimName(), PodOutcome.Device.of(claim));
      if (allocatedFor.isEmpty()) {
        allocatedFor = PodOutcome.allocationNode(claim);
      }
    }
    if (run.node().isPresent()) {
      return PodOutcome.bound(pod, run.node().get(), claims);
    }
    if (run.binding().isPresent() && !allocatedFor.isEmpty()) {
      return PodOutcome.waiting(pod, allocatedFor, claims);
    }
    return PodOutcome.refused(pod, refusal(run.explanation().orElseThrow()));
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
