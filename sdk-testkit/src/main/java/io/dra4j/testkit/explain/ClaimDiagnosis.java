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
package io.dra4j.testkit.explain;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.allocator.Allocator;
import io.dra4j.testkit.allocator.ApiModels;
import io.dra4j.testkit.allocator.BindingState;
import io.dra4j.testkit.allocator.ClusterState;
import io.dra4j.testkit.allocator.Explanation;
import io.dra4j.testkit.allocator.NodeMatch;
import io.dra4j.testkit.explain.ExplainReport.ClaimState;
import io.dra4j.testkit.explain.ExplainReport.State;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Works out why claims wait: finds a pod's ResourceClaims (named or generated from templates),
 * separates allocated from pending ones, narrows the nodes as the scheduler would (the pod's {@code
 * nodeName}, {@code nodeSelector} and required node affinity, and the node selectors of its
 * allocated claims), and asks the allocator to explain the pending claims on those nodes, with the
 * devices of every allocated claim in the cluster in use.
 */
final class ClaimDiagnosis {
  private final ClusterReader reader;

  ClaimDiagnosis(ClusterReader reader) {
    this.reader = reader;
  }

  /** Why the claims of pod {@code ns/name} are not allocated. */
  ExplainReport forPod(String ns, String name) throws ClusterReadException {
    String subject = "pod " + ns + "/" + name;
    JsonObject pod = reader.pod(ns, name).orElseThrow(() -> notFound(subject, "pods", ns));
    List<JsonObject> refs = JsonFields.objects(pod, "spec", "resourceClaims");
    if (refs.isEmpty()) {
      return new ExplainReport(
          subject,
          List.of(),
          "",
          Optional.empty(),
          Optional.empty(),
          "the pod has no ResourceClaims (spec.resourceClaims is empty), so DRA does not keep it"
              + " Pending: see kubectl describe pod "
              + name
              + " -n "
              + ns);
    }
    List<ClaimState> states = new ArrayList<>();
    List<JsonObject> pending = new ArrayList<>();
    List<JsonObject> allocated = new ArrayList<>();
    for (JsonObject ref : refs) {
      String podClaim = JsonFields.string(ref, "name");
      String claimName = JsonFields.string(ref, "resourceClaimName");
      String template = JsonFields.string(ref, "resourceClaimTemplateName");
      if (claimName.isEmpty() && !template.isEmpty()) {
        Optional<JsonObject> generated =
            JsonFields.objects(pod, "status", "resourceClaimStatuses").stream()
                .filter(s -> podClaim.equals(JsonFields.string(s, "name")))
                .findFirst();
        if (generated.isEmpty()) {
          states.add(
              new ClaimState(
                  "",
                  podClaim,
                  State.MISSING,
                  "no claim was created from ResourceClaimTemplate "
                      + template
                      + " yet: the resourceclaim controller of kube-controller-manager creates it;"
                      + " check that it runs and that the template exists (kubectl get"
                      + " resourceclaimtemplate "
                      + template
                      + " -n "
                      + ns
                      + ")"));
          continue;
        }
        claimName = JsonFields.string(generated.get(), "resourceClaimName");
        if (claimName.isEmpty()) {
          continue; // the controller decided that this pod needs no claim for the entry
        }
      }
      Optional<JsonObject> claim = reader.claim(ns, claimName);
      if (claim.isEmpty()) {
        states.add(
            new ClaimState(
                ns + "/" + claimName,
                podClaim,
                State.MISSING,
                "the ResourceClaim does not exist: create it, or fix the pod's spec.resourceClaims"));
        continue;
      }
      ClaimState state = stateOf(claim.get(), podClaim);
      states.add(state);
      (state.state() == State.ALLOCATED ? allocated : pending).add(claim.get());
    }
    boolean missing = states.stream().anyMatch(s -> s.state() == State.MISSING);
    if (pending.isEmpty() && missing) {
      return new ExplainReport(
          subject,
          states,
          "",
          Optional.empty(),
          Optional.of(Explanation.Reason.CLAIM_MISSING),
          "the pod waits for the missing claims above");
    }
    if (pending.isEmpty()) {
      return allocated(subject, name, ns, pod, states, allocated);
    }
    NodeChoice nodes = NodeChoice.all(ApiModels.models(reader.nodes(), V1Node.class));
    nodes = nodes.named(JsonFields.string(pod, "spec", "nodeName"));
    nodes = nodes.labelled(labels(pod));
    nodes =
        nodes.selected(
            "its required node affinity",
            JsonFields.object(
                    pod,
                    "spec",
                    "affinity",
                    "nodeAffinity",
                    "requiredDuringSchedulingIgnoredDuringExecution")
                .map(s -> ApiModels.model(s, V1NodeSelector.class)));
    for (JsonObject c : allocated) {
      nodes = nodes.selected("the node selector of allocated claim " + ref(c), selector(c));
    }
    return explain(subject, states, pending, nodes, missing);
  }

  /**
   * A pod whose claims are all allocated: held by the scheduler while a device's binding conditions
   * are not all True, or after a binding failure condition became True; otherwise DRA does not keep
   * it Pending.
   */
  private ExplainReport allocated(
      String subject,
      String name,
      String ns,
      JsonObject pod,
      List<ClaimState> states,
      List<JsonObject> claims)
      throws ClusterReadException {
    BindingState binding = BindingState.of(ApiModels.models(claims, ResourceV1ResourceClaim.class));
    if (binding.ready() || !JsonFields.string(pod, "spec", "nodeName").isEmpty()) {
      return new ExplainReport(
          subject,
          states,
          "",
          Optional.empty(),
          Optional.of(Explanation.Reason.FITS),
          "every claim is allocated, so DRA does not keep the pod Pending: see kubectl describe"
              + " pod "
              + name
              + " -n "
              + ns);
    }
    NodeChoice nodes = NodeChoice.all(ApiModels.models(reader.nodes(), V1Node.class));
    for (JsonObject c : claims) {
      nodes = nodes.selected("the node selector of allocated claim " + ref(c), selector(c));
    }
    String node =
        nodes.nodes().isEmpty() ? "" : String.valueOf(nodes.nodes().get(0).getMetadata().getName());
    Explanation.NodeReport report = binding.report(node);
    return new ExplainReport(
        subject,
        states,
        nodes.describe(),
        Optional.of(new Explanation(List.of(report))),
        Optional.of(binding.reason()),
        report.summary());
  }

  private static Optional<V1NodeSelector> selector(JsonObject claim) {
    return JsonFields.object(claim, "status", "allocation", "nodeSelector")
        .map(s -> ApiModels.model(s, V1NodeSelector.class));
  }

  /** Why ResourceClaim {@code ns/name} is not allocated, on any node. */
  ExplainReport forClaim(String ns, String name) throws ClusterReadException {
    String subject = "ResourceClaim " + ns + "/" + name;
    JsonObject claim =
        reader.claim(ns, name).orElseThrow(() -> notFound(subject, "resourceclaims", ns));
    ClaimState state = stateOf(claim, "");
    if (state.state() == State.ALLOCATED) {
      return new ExplainReport(
          subject,
          List.of(state),
          "",
          Optional.empty(),
          Optional.of(Explanation.Reason.FITS),
          "the claim is allocated");
    }
    NodeChoice nodes = NodeChoice.all(ApiModels.models(reader.nodes(), V1Node.class));
    return explain(subject, List.of(state), List.of(claim), nodes, false);
  }

  private ExplainReport explain(
      String subject,
      List<ClaimState> states,
      List<JsonObject> pending,
      NodeChoice nodes,
      boolean missing)
      throws ClusterReadException {
    ClusterState cluster =
        ClusterState.fromApi(reader.slices(), reader.deviceClasses(), reader.claims());
    Explanation explanation =
        Allocator.create(cluster)
            .explain(nodes.nodes(), ApiModels.models(pending, ResourceV1ResourceClaim.class));
    String result;
    if (nodes.nodes().isEmpty()) {
      result = "no node is left to allocate on: " + nodes.describe();
    } else if (explanation.anyNodeFits()) {
      String node =
          explanation.nodes().stream()
              .filter(Explanation.NodeReport::fits)
              .findFirst()
              .orElseThrow()
              .node();
      result =
          "the pending claims fit on node "
              + node
              + (missing
                  ? ", but the missing claims above must exist first"
                  : ": the allocator finds room for them now, so the scheduler should allocate them"
                      + " on its next try; if they stay pending, see kubectl describe");
    } else {
      Explanation.NodeReport first = explanation.nodes().get(0);
      result =
          "no node fits the pending claims ("
              + explanation.nodes().size()
              + " tried); node "
              + first.node()
              + ": "
              + first.summary();
    }
    return new ExplainReport(
        subject,
        states,
        nodes.describe(),
        Optional.of(explanation),
        nodes.nodes().isEmpty() ? Optional.empty() : Optional.of(explanation.reason()),
        result);
  }

  private ClusterReadException notFound(String subject, String resource, String ns) {
    return new ClusterReadException(
        subject
            + " not found at "
            + reader.server()
            + ": check the name and --namespace (kubectl get "
            + resource
            + " -n "
            + ns
            + ")");
  }

  private static ClaimState stateOf(JsonObject claim, String podClaim) {
    Optional<JsonObject> allocation = JsonFields.object(claim, "status", "allocation");
    if (allocation.isEmpty()) {
      return new ClaimState(ref(claim), podClaim, State.PENDING, "");
    }
    List<String> devices = new ArrayList<>();
    for (JsonObject r : JsonFields.objects(allocation.get(), "devices", "results")) {
      devices.add(
          JsonFields.string(r, "driver")
              + "/"
              + JsonFields.string(r, "pool")
              + "/"
              + JsonFields.string(r, "device"));
    }
    return new ClaimState(
        ref(claim),
        podClaim,
        State.ALLOCATED,
        devices.isEmpty() ? "no devices" : String.join(", ", devices));
  }

  private static String ref(JsonObject o) {
    return JsonFields.string(o, "metadata", "namespace")
        + "/"
        + JsonFields.string(o, "metadata", "name");
  }

  private static Map<String, String> labels(JsonObject pod) {
    Map<String, String> out = new TreeMap<>();
    JsonFields.object(pod, "spec", "nodeSelector")
        .ifPresent(s -> s.keySet().forEach(k -> out.put(k, JsonFields.string(s, k))));
    return out;
  }

  /**
   * The nodes left after each of the pod's node constraints, and which constraints narrowed them.
   */
  private record NodeChoice(int total, List<V1Node> nodes, List<String> by) {
    static NodeChoice all(List<V1Node> nodes) {
      return new NodeChoice(nodes.size(), List.copyOf(nodes), List.of());
    }

    NodeChoice named(String nodeName) {
      if (nodeName.isEmpty()) {
        return this;
      }
      return keep(
          "the pod's spec.nodeName",
          n -> n.getMetadata() != null && nodeName.equals(n.getMetadata().getName()));
    }

    NodeChoice labelled(Map<String, String> selector) {
      if (selector.isEmpty()) {
        return this;
      }
      return keep(
          "the pod's spec.nodeSelector " + selector,
          n -> {
            Map<String, String> labels =
                n.getMetadata() == null || n.getMetadata().getLabels() == null
                    ? Map.of()
                    : n.getMetadata().getLabels();
            return labels.entrySet().containsAll(selector.entrySet());
          });
    }

    NodeChoice selected(String what, Optional<V1NodeSelector> selector) {
      if (selector.isEmpty() || selector.get().getNodeSelectorTerms() == null) {
        return this;
      }
      return keep(what, n -> NodeMatch.matches(selector.get(), n));
    }

    private NodeChoice keep(String what, Predicate<V1Node> test) {
      List<String> reasons = new ArrayList<>(by);
      reasons.add(what);
      return new NodeChoice(total, nodes.stream().filter(test).toList(), List.copyOf(reasons));
    }

    String describe() {
      if (total == 0) {
        return "the cluster has no Nodes";
      }
      String count = nodes.size() + " of " + total;
      return by.isEmpty() ? "all " + total : count + ", chosen by " + String.join(" and ", by);
    }
  }
}
