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
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A scenario on a real control plane: creates its Nodes (Ready, untainted, with CPU, memory and pod
 * capacity, as a kubelet registers them; no kubelet runs, the pods are only scheduled), then runs
 * its steps: objects created (or replaced), pods created one at a time and each waited for until
 * kube-scheduler binds it, marks it Unschedulable or holds it for binding conditions (its {@code
 * BindingConditionsPending} event), device conditions written into a claim's status as a driver
 * would. {@link #cleanUp} removes everything again so the next scenario finds the nodes it expects
 * and nothing else.
 */
public final class RealSchedulerRun {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String RESOURCE = "resource.k8s.io/v1";
  private static final String CLAIM_NOT_CREATED = "claim not created: ";

  private final KubeObjects objects;
  private final Scenario scenario;
  private final Release release;
  private final RealEvictions evictions;

  /** Per pod, how many times kube-scheduler has said it waits for binding conditions. */
  private final Map<String, Integer> waits = new HashMap<>();

  private RealSchedulerRun(KubeObjects objects, Scenario scenario, Release release) {
    this.objects = objects;
    this.scenario = scenario;
    this.release = release;
    this.evictions = new RealEvictions(objects, scenario.namespace(), release);
  }

  /** Runs {@code scenario} on the cluster {@code objects} talks to; cleans up afterwards. */
  public static List<StepOutcome> run(KubeObjects objects, Scenario scenario, Release release) {
    RealSchedulerRun run = new RealSchedulerRun(objects, scenario, release);
    try {
      return run.steps();
    } finally {
      run.cleanUp();
    }
  }

  private List<StepOutcome> steps() {
    String ns = scenario.namespace();
    ScenarioObjects.createNamespace(objects, ns, scenario.namespaceLabels());
    for (int i = 1; i <= scenario.nodes(); i++) {
      objects.create(ReadyNode.of("node-" + i, Map.of()));
    }
    List<StepOutcome> outcomes = new ArrayList<>();
    for (Step step : scenario.steps()) {
      if (step instanceof Step.Apply a) {
        outcomes.add(apply(a));
      } else if (step instanceof Scenario.PodStep p) {
        objects.create(p.object(ns));
        outcomes.add(outcome(p.name(), false));
      } else if (step instanceof Step.Condition c) {
        RealDeviceConditions.set(objects, claim(c.pod(), c.podClaim()), c.type(), c.status());
        outcomes.add(outcome(c.pod(), true));
      }
    }
    return outcomes;
  }

  private ApplyOutcome apply(Step.Apply step) {
    JsonObject object = ScenarioObjects.forRelease(step.object(), scenario.namespace(), release);
    Optional<ApplyOutcome.ApiRefusal> refusal = ScenarioObjects.createOrReplace(objects, object);
    List<String> evicted =
        refusal.isPresent() ? List.of() : evictions.after(object, step.evicts().on(release));
    return new ApplyOutcome(step.kind() + "/" + step.name(), refusal, evicted);
  }

  /**
   * Waits until kube-scheduler has decided on the pod: bound, Unschedulable (not after a condition
   * step: a failed binding passes through Unschedulable while its claim is deallocated), or held
   * for binding conditions once more than before.
   */
  private PodOutcome outcome(String name, boolean afterCondition) {
    String ns = scenario.namespace();
    int before = waits.getOrDefault(name, 0);
    JsonObject pod =
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> objects.get("v1", "Pod", ns, name),
                p -> decided(p, afterCondition, before).isPresent());
    String decision = decided(pod, afterCondition, before).orElseThrow();
    if (decision.startsWith("waiting")) {
      waits.put(name, pendingEvents(name));
      Map<String, List<PodOutcome.Device>> claims = claims(pod);
      String node =
          claimNames(pod).values().stream()
              .map(c -> PodOutcome.allocationNode(objects.get(RESOURCE, "ResourceClaim", ns, c)))
              .filter(n -> !n.isEmpty())
              .findFirst()
              .orElse("");
      return PodOutcome.waiting(name, node, claims);
    }
    if (decision.startsWith(CLAIM_NOT_CREATED)) {
      return PodOutcome.refused(
          name,
          new PodOutcome.Refusal(
              PodOutcome.Category.CLAIM_NOT_CREATED,
              0,
              decision.substring(CLAIM_NOT_CREATED.length())));
    }
    if (!decision.isEmpty()) {
      return PodOutcome.refused(name, PodOutcome.Refusal.ofSchedulerMessage(decision));
    }
    return PodOutcome.bound(name, JsonFields.string(pod, "spec", "nodeName"), claims(pod));
  }

  /**
   * Empty while the scheduler has not decided; the empty string once the pod is bound; {@code
   * waiting} once it is held for binding conditions more often than {@code waitsBefore}; the
   * condition's message once it is Unschedulable, or failed with a SchedulerError (a CEL runtime
   * error, which kube-scheduler retries with back-off and which never goes away on its own).
   */
  private Optional<String> decided(JsonObject pod, boolean afterCondition, int waitsBefore) {
    if (!JsonFields.string(pod, "spec", "nodeName").isEmpty()) {
      return Optional.of("");
    }
    if (pendingEvents(JsonFields.string(pod, "metadata", "name")) > waitsBefore) {
      return Optional.of("waiting");
    }
    if (afterCondition) {
      return Optional.empty();
    }
    Optional<String> noClaim = claimNotCreated(JsonFields.string(pod, "metadata", "name"));
    if (noClaim.isPresent()) {
      return noClaim;
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
   * The resourceclaim controller's {@code FailedResourceClaimCreation} event of the pod (its
   * template does not exist), if it has recorded one.
   */
  private Optional<String> claimNotCreated(String pod) {
    for (JsonObject e : objects.list("v1", "Event", scenario.namespace(), "")) {
      if ("FailedResourceClaimCreation".equals(JsonFields.string(e, "reason"))
          && pod.equals(JsonFields.string(e, "involvedObject", "name"))) {
        return Optional.of(CLAIM_NOT_CREATED + JsonFields.string(e, "message"));
      }
    }
    return Optional.empty();
  }

  /**
   * How often kube-scheduler has recorded {@code BindingConditionsPending} for the pod: its
   * events.k8s.io recorder sends a repeated event at once as a series of count 2.
   */
  private int pendingEvents(String pod) {
    int count = 0;
    for (JsonObject e : objects.list("events.k8s.io/v1", "Event", scenario.namespace(), "")) {
      if ("BindingConditionsPending".equals(JsonFields.string(e, "reason"))
          && pod.equals(JsonFields.string(e, "regarding", "name"))) {
        count += (int) Math.max(JsonFields.number(e, "series", "count"), 1);
      }
    }
    return count;
  }

  /** The pod's claims by pod claim name; the scheduler-made one as {@code extended-resources}. */
  private static Map<String, String> claimNames(JsonObject pod) {
    Map<String, String> names = new TreeMap<>();
    for (JsonObject s : JsonFields.objects(pod, "status", "resourceClaimStatuses")) {
      names.put(JsonFields.string(s, "name"), JsonFields.string(s, "resourceClaimName"));
    }
    String extended =
        JsonFields.string(pod, "status", "extendedResourceClaimStatus", "resourceClaimName");
    if (!extended.isEmpty()) {
      names.put("extended-resources", extended);
    }
    for (JsonObject c : JsonFields.objects(pod, "spec", "resourceClaims")) {
      if (!JsonFields.string(c, "resourceClaimName").isEmpty()) {
        names.put(JsonFields.string(c, "name"), JsonFields.string(c, "resourceClaimName"));
      }
    }
    return names;
  }

  private Map<String, List<PodOutcome.Device>> claims(JsonObject pod) {
    Map<String, List<PodOutcome.Device>> claims = new TreeMap<>();
    claimNames(pod)
        .forEach(
            (podClaim, claim) ->
                claims.put(
                    podClaim,
                    PodOutcome.Device.of(
                        objects.get(RESOURCE, "ResourceClaim", scenario.namespace(), claim))));
    return claims;
  }

  /** The ResourceClaim behind a pod's claim. */
  private JsonObject claim(String pod, String podClaim) {
    JsonObject p = objects.get("v1", "Pod", scenario.namespace(), pod);
    String name = claimNames(p).get(podClaim);
    if (name == null) {
      throw new IllegalStateException("pod " + pod + " has no claim " + podClaim + ": " + p);
    }
    return objects.get(RESOURCE, "ResourceClaim", scenario.namespace(), name);
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
      ScenarioObjects.delete(objects, ScenarioObjects.forRelease(o, ns, release));
    }
    for (int i = 1; i <= scenario.nodes(); i++) {
      objects.delete("v1", "Node", "", "node-" + i);
    }
  }
}
