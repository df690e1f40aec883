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
package io.dra4j.testkit.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.allocator.AllocationOutcome;
import io.dra4j.testkit.allocator.Allocator;
import io.dra4j.testkit.allocator.AllocatorFeatures;
import io.dra4j.testkit.allocator.ApiModels;
import io.dra4j.testkit.allocator.BindingState;
import io.dra4j.testkit.allocator.ClusterState;
import io.dra4j.testkit.allocator.Explanation;
import io.dra4j.testkit.allocator.TaintRule;
import io.dra4j.testkit.cel.DeviceCel;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The scheduler's DRA step for one pod: allocates the pod's unallocated claims together with the
 * testkit's structured allocator on the first node that fits (nodes tried in order, restricted to
 * those the already allocated claims allow, and to those advertising the extended resources no
 * DeviceClass serves), reserves every claim for the pod, and binds the pod, unless a device's
 * binding conditions do not hold yet ({@link BindingState}); or marks it unschedulable. When the
 * pod goes, releases its claims: the pod leaves {@code reservedFor}, a claim no longer reserved is
 * deallocated, a generated one deleted.
 *
 * <p>Not thread-safe: the caller serializes scheduling, like the scheduler does.
 */
final class Scheduler {
  private final ApiRest rest;
  private final Predicate<String> clusterNode;
  private final Supplier<String> report;
  private final DeviceCel cel;
  private final AllocatorFeatures features;

  /**
   * @param clusterNode whether a node name belongs to this cluster (other nodes are never chosen)
   * @param cel the CEL environment of the emulated release (list attributes on or off)
   * @param features what the emulated release's scheduler allocates
   * @param report the cluster's state, for failure messages
   */
  Scheduler(
      ApiRest rest,
      Predicate<String> clusterNode,
      DeviceCel cel,
      AllocatorFeatures features,
      Supplier<String> report) {
    this.cel = cel;
    this.features = features;
    this.rest = rest;
    this.clusterNode = clusterNode;
    this.report = report;
  }

  /**
   * Schedules a created pod with its claims.
   *
   * @throws IllegalStateException when the pod's allocated claims allow no node of this cluster
   */
  Placement place(PodRef pod, List<PodClaim> podClaims, ExtendedResources.Demand demand) {
    List<JsonObject> claims = new ArrayList<>();
    for (PodClaim c : podClaims) {
      claims.add(rest.get(c.path()).orElseThrow());
    }
    List<Integer> pending = new ArrayList<>();
    Set<String> boundTo = new TreeSet<>();
    for (int i = 0; i < claims.size(); i++) {
      JsonObject c = claims.get(i);
      if (ModelJson.obj(c, "status").has("allocation")) {
        boundTo.addAll(allocatedNodes(c));
      } else {
        pending.add(i);
      }
    }
    List<JsonObject> candidates = new ArrayList<>();
    List<Explanation.NodeReport> insufficient = new ArrayList<>();
    for (JsonObject n : rest.list(ApiPaths.NODES)) {
      String name = JsonFields.string(n, "metadata", "name");
      Optional<String> lacking = ExtendedResources.insufficient(n, demand);
      if (clusterNode.test(name) && lacking.isPresent()) {
        insufficient.add(
            new Explanation.NodeReport(
                name,
                false,
                Explanation.Reason.INSUFFICIENT_NODE_RESOURCE,
                lacking.get(),
                List.of()));
      } else if (clusterNode.test(name) && (boundTo.isEmpty() || boundTo.contains(name))) {
        candidates.add(n);
      }
    }
    if (candidates.isEmpty() && !insufficient.isEmpty()) {
      insufficient.sort(Comparator.comparing(r -> nodeIndex(r.node())));
      markUnschedulable(
          pod,
          "0/"
              + insufficient.size()
              + " nodes are available: "
              + insufficient.size()
              + " Insufficient "
              + String.join(", ", demand.unmapped().keySet())
              + ".");
      return new Placement.Unschedulable(new Explanation(insufficient), claims);
    }
    candidates.sort(Comparator.comparing(n -> nodeIndex(JsonFields.string(n, "metadata", "name"))));
    String node;
    if (!pending.isEmpty()) {
      List<V1Node> nodes = ApiModels.models(candidates, V1Node.class);
      List<ResourceV1ResourceClaim> toAllocate = new ArrayList<>();
      for (int i : pending) {
        toAllocate.add(ApiModels.model(claims.get(i), ResourceV1ResourceClaim.class));
      }
      Allocator allocator = allocator(claims, pending);
      AllocationOutcome outcome = allocator.allocateOnAnyNode(nodes, toAllocate);
      if (outcome instanceof AllocationOutcome.Unschedulable u) {
        markUnschedulable(pod, u.reason());
        return new Placement.Unschedulable(allocator.explain(nodes, toAllocate), claims);
      }
      AllocationOutcome.Allocated allocated = (AllocationOutcome.Allocated) outcome;
      node = allocated.node();
      for (int k = 0; k < pending.size(); k++) {
        int i = pending.get(k);
        JsonObject result = ApiModels.json(allocated.results().get(k));
        claims.set(i, reserve(podClaims.get(i).path(), pod, Optional.of(result)));
      }
    } else if (!candidates.isEmpty()) {
      node = JsonFields.string(candidates.get(0), "metadata", "name");
    } else {
      throw new IllegalStateException(
          "the claims of pod "
              + pod.name()
              + " are allocated for nodes "
              + boundTo
              + ", none of which is in this cluster\n"
              + report.get());
    }
    for (int i = 0; i < claims.size(); i++) {
      if (!pending.contains(i)) {
        claims.set(i, reserve(podClaims.get(i).path(), pod, Optional.empty()));
      }
    }
    if (!BindingState.of(ApiModels.models(claims, ResourceV1ResourceClaim.class)).ready()) {
      return new Placement.Waiting(node, claims);
    }
    return bind(pod, node, claims);
  }

  /** Binds a pod whose claims are allocated and reserved for it to {@code node}. */
  Placement.Bound bind(PodRef pod, String node, List<JsonObject> claims) {
    JsonObject bound =
        rest.update(
            ApiPaths.pod(pod.namespace(), pod.name()),
            "",
            p -> {
              ModelJson.objOrCreate(p, "spec").addProperty("nodeName", node);
              return p;
            });
    return new Placement.Bound(bound, node, claims);
  }

  /**
   * The allocator over the cluster's slices, classes and allocated claims, the pod's pending claims
   * excepted. The allocator speaks client-java models: this is where the JSON is converted.
   */
  private Allocator allocator(List<JsonObject> podClaims, List<Integer> pending) {
    Set<String> pendingUids = new TreeSet<>();
    for (int i : pending) {
      pendingUids.add(JsonFields.string(podClaims.get(i), "metadata", "uid"));
    }
    List<JsonObject> others = new ArrayList<>();
    for (JsonObject c : rest.list(ApiPaths.ALL_CLAIMS)) {
      if (!pendingUids.contains(JsonFields.string(c, "metadata", "uid"))) {
        others.add(c);
      }
    }
    ClusterState state =
        ClusterState.fromApi(
            rest.list(ApiPaths.SLICES), rest.list(ApiPaths.DEVICE_CLASSES), others);
    if (features.deviceTaintRules()) {
      state =
          state.withTaintRules(
              TaintRule.fromApi(rest.list(ApiPaths.taintRules(features.taintRuleApiVersion()))));
    }
    return Allocator.create(state, cel, Allocator.DEFAULT_MAX_STEPS, features);
  }

  /** The allocator over the whole cluster as it is now, every allocated claim in use. */
  Allocator snapshot() {
    return allocator(List.of(), List.of());
  }

  /** Writes the allocation (when given) and adds the pod to {@code status.reservedFor}. */
  private JsonObject reserve(String path, PodRef pod, Optional<JsonObject> allocation) {
    return rest.update(
        path,
        "/status",
        c -> {
          JsonObject status = ModelJson.objOrCreate(c, "status");
          allocation.ifPresent(a -> status.add("allocation", a));
          JsonArray reserved =
              status.has("reservedFor") ? status.getAsJsonArray("reservedFor") : new JsonArray();
          JsonObject consumer = new JsonObject();
          consumer.addProperty("resource", "pods");
          consumer.addProperty("name", pod.name());
          consumer.addProperty("uid", pod.uid());
          if (!reserved.contains(consumer)) {
            reserved.add(consumer);
          }
          status.add("reservedFor", reserved);
          return c;
        });
  }

  private void markUnschedulable(PodRef pod, String reason) {
    rest.update(
        ApiPaths.pod(pod.namespace(), pod.name()),
        "/status",
        p -> {
          JsonObject status = ModelJson.objOrCreate(p, "status");
          status.addProperty("phase", "Pending");
          JsonObject condition = new JsonObject();
          condition.addProperty("type", "PodScheduled");
          condition.addProperty("status", "False");
          condition.addProperty("reason", "Unschedulable");
          condition.addProperty("message", reason);
          JsonArray conditions = new JsonArray();
          conditions.add(condition);
          status.add("conditions", conditions);
          return p;
        });
  }

  /**
   * Releases a claim of a deleted pod: removes the pod from {@code reservedFor}; a claim no longer
   * reserved is deallocated, and deleted when it was generated for a pod. A claim already gone is
   * left alone.
   */
  void release(PodClaimAllocation claim, PodRef pod) {
    String path = ApiPaths.claim(claim.claim().namespace(), claim.claim().name());
    if (rest.get(path).isEmpty()) {
      return;
    }
    JsonObject updated = unreserve(path, pod);
    if (claim.generated() && !ModelJson.obj(updated, "status").has("reservedFor")) {
      rest.delete(path);
    }
  }

  /**
   * Removes the pod from the claim's {@code reservedFor}; a claim no longer reserved is
   * deallocated.
   *
   * @return the claim as stored afterwards
   */
  JsonObject unreserve(String path, PodRef pod) {
    return rest.update(
        path,
        "/status",
        c -> {
          JsonObject status = ModelJson.objOrCreate(c, "status");
          JsonArray kept = new JsonArray();
          for (JsonObject r : JsonFields.objects(status, "reservedFor")) {
            if (!pod.uid().equals(JsonFields.string(r, "uid"))) {
              kept.add(r);
            }
          }
          if (kept.isEmpty()) {
            status.remove("reservedFor");
            status.remove("allocation");
            // As kube-controller-manager: device status lives only as long as the allocation.
            status.remove("devices");
          } else {
            status.add("reservedFor", kept);
          }
          return c;
        });
  }

  /** What the pod asks for beyond its claims: extended resources, mapped to classes or not. */
  ExtendedResources.Demand demand(JsonObject pod) {
    return ExtendedResources.of(
        pod,
        rest.list(ApiPaths.DEVICE_CLASSES),
        features.extendedResource(),
        "off in Kubernetes 1." + features.minor());
  }

  /** The nodes a claim's allocation is restricted to by {@code metadata.name} fields. */
  private static Set<String> allocatedNodes(JsonObject claim) {
    Set<String> out = new TreeSet<>();
    JsonObject selector = ModelJson.obj(claim, "status", "allocation", "nodeSelector");
    for (JsonObject term : JsonFields.objects(selector, "nodeSelectorTerms")) {
      for (JsonObject field : JsonFields.objects(term, "matchFields")) {
        if ("metadata.name".equals(JsonFields.string(field, "key"))
            && field.has("values")
            && field.get("values").isJsonArray()) {
          for (JsonElement v : field.getAsJsonArray("values")) {
            out.add(v.getAsString());
          }
        }
      }
    }
    return out;
  }

  /** {@code node-N} sorts by N; other names last. */
  private static int nodeIndex(String name) {
    try {
      return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
