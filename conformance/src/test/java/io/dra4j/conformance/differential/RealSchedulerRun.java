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

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.KubeObjectException;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A scenario on a real control plane: creates its Nodes (Ready, untainted, with CPU, memory and pod
 * capacity, as a kubelet registers them; no kubelet runs, the pods are only scheduled), its objects
 * and its pods one at a time, each waited for until kube-scheduler binds it or marks it
 * Unschedulable; then reads the claims' {@code status.allocation}. {@link #cleanUp} removes
 * everything again so the next scenario finds the nodes it expects and nothing else.
 */
public final class RealSchedulerRun {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String RESOURCE = "resource.k8s.io/v1";

  private final KubeObjects objects;
  private final Scenario scenario;

  private RealSchedulerRun(KubeObjects objects, Scenario scenario) {
    this.objects = objects;
    this.scenario = scenario;
  }

  /** Runs {@code scenario} on the cluster {@code objects} talks to; cleans up afterwards. */
  public static List<PodOutcome> run(KubeObjects objects, Scenario scenario) {
    RealSchedulerRun run = new RealSchedulerRun(objects, scenario);
    try {
      return run.pods();
    } finally {
      run.cleanUp();
    }
  }

  private List<PodOutcome> pods() {
    String ns = scenario.namespace();
    try {
      objects.apply("{apiVersion: v1, kind: Namespace, metadata: {name: " + ns + "}}");
    } catch (KubeObjectException e) {
      // Namespaces outlive a scenario: no namespace controller runs to delete them.
      if (e.code() != 409) {
        throw e;
      }
    }
    for (int i = 1; i <= scenario.nodes(); i++) {
      objects.create(ReadyNode.of("node-" + i, Map.of()));
    }
    for (JsonObject o : scenario.objects()) {
      objects.create(Namespaced.in(o, ns));
    }
    List<PodOutcome> outcomes = new ArrayList<>();
    for (Scenario.PodStep step : scenario.pods()) {
      objects.create(step.object(ns));
      outcomes.add(outcome(step));
    }
    return outcomes;
  }

  private PodOutcome outcome(Scenario.PodStep step) {
    String ns = scenario.namespace();
    JsonObject pod =
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> objects.get("v1", "Pod", ns, step.name()), p -> decided(p).isPresent());
    Optional<String> refused = decided(pod).filter(s -> !s.isEmpty());
    if (refused.isPresent()) {
      return PodOutcome.refused(step.name(), PodOutcome.Refusal.ofSchedulerMessage(refused.get()));
    }
    Map<String, String> claimNames = new TreeMap<>();
    for (JsonObject s : JsonFields.objects(pod, "status", "resourceClaimStatuses")) {
      claimNames.put(JsonFields.string(s, "name"), JsonFields.string(s, "resourceClaimName"));
    }
    String extended =
        JsonFields.string(pod, "status", "extendedResourceClaimStatus", "resourceClaimName");
    if (!extended.isEmpty()) {
      claimNames.put("extended-resources", extended);
    }
    for (JsonObject c : JsonFields.objects(pod, "spec", "resourceClaims")) {
      if (!JsonFields.string(c, "resourceClaimName").isEmpty()) {
        claimNames.put(JsonFields.string(c, "name"), JsonFields.string(c, "resourceClaimName"));
      }
    }
    Map<String, List<PodOutcome.Device>> claims = new TreeMap<>();
    claimNames.forEach(
        (podClaim, claim) ->
            claims.put(
                podClaim, PodOutcome.Device.of(objects.get(RESOURCE, "ResourceClaim", ns, claim))));
    return PodOutcome.bound(step.name(), JsonFields.string(pod, "spec", "nodeName"), claims);
  }

  /**
   * Empty while the scheduler has not decided; the empty string once the pod is bound; the
   * condition's message once it is Unschedulable, or failed with a SchedulerError (a CEL runtime
   * error, which kube-scheduler retries with back-off and which never goes away on its own).
   */
  private static Optional<String> decided(JsonObject pod) {
    if (!JsonFields.string(pod, "spec", "nodeName").isEmpty()) {
      return Optional.of("");
    }
    for (JsonObject c : JsonFields.objects(pod, "status", "conditions")) {
      String reason = JsonFields.string(c, "reason");
      if ("PodScheduled".equals(JsonFields.string(c, "type"))
          && ("Unschedulable".equals(reason) || "SchedulerError".equals(reason))) {
        return Optional.of(JsonFields.string(c, "message"));
      }
    }
    return Optional.empty();
  }

  /**
   * Deletes the pods at once (no kubelet confirms their end), then the claims, and waits until the
   * resourceclaim controller has released and removed them all; then the scenario's other objects
   * and the nodes.
   */
  private void cleanUp() {
    String ns = scenario.namespace();
    for (JsonObject p : objects.list("v1", "Pod", ns, "")) {
      objects.deleteNow("v1", "Pod", ns, JsonFields.string(p, "metadata", "name"));
    }
    for (JsonObject c : objects.list(RESOURCE, "ResourceClaim", ns, "")) {
      objects.delete(RESOURCE, "ResourceClaim", ns, JsonFields.string(c, "metadata", "name"));
    }
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> objects.list(RESOURCE, "ResourceClaim", ns, "").isEmpty());
    for (JsonObject o : scenario.objects()) {
      JsonObject ref = Namespaced.in(o, ns);
      objects.delete(
          JsonFields.string(ref, "apiVersion"),
          JsonFields.string(ref, "kind"),
          JsonFields.string(ref, "metadata", "namespace"),
          JsonFields.string(ref, "metadata", "name"));
    }
    for (int i = 1; i <= scenario.nodes(); i++) {
      objects.delete("v1", "Node", "", "node-" + i);
    }
  }
}
