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

import io.dra4j.api.prepare.PodRef;
import io.dra4j.testkit.allocator.Explanation;
import io.dra4j.testkit.cdi.ContainerView;
import io.dra4j.testkit.kubelet.PodPrepareResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to a pod given to {@link DraCluster#runPod}: where it was scheduled, what each of
 * its claims got, the kubelet's prepare result and what its container sees through CDI; or, when no
 * node fits, the allocator's explanation (and no prepare).
 *
 * @param pod namespace, name and UID of the pod
 * @param node the node the pod was bound to; empty when unschedulable
 * @param claims the pod's claims, in the order of {@code spec.resourceClaims}
 * @param prepare the kubelet's NodePrepareResources outcome; empty when unschedulable, or when the
 *     cluster runs no drivers ({@link DraCluster.Builder#withoutDrivers()})
 * @param containerView what a container using all the pod's claims gets; empty unless prepared
 * @param explanation why no node fits the claims; empty when scheduled
 * @param binding why the scheduler holds the pod unbound although its claims are allocated: {@code
 *     waiting for binding conditions on node ...} naming the devices and conditions not yet {@code
 *     True}, prefixed by {@code binding failed on node ... (...), retried: } after a binding
 *     failure condition became {@code True}; empty for a bound pod and a plain unschedulable one
 */
public record PodRun(
    PodRef pod,
    Optional<String> node,
    List<PodClaimAllocation> claims,
    Optional<PodPrepareResult> prepare,
    Optional<ContainerView> containerView,
    Optional<Explanation> explanation,
    Optional<String> binding) {

  /** Checks and copies the components. */
  public PodRun {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(node, "node");
    claims = List.copyOf(claims);
    Objects.requireNonNull(prepare, "prepare");
    Objects.requireNonNull(containerView, "containerView");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(binding, "binding");
  }

  /** Whether the pod was bound to a node. */
  public boolean scheduled() {
    return node.isPresent();
  }

  /** Whether the pod was scheduled and every claim prepared, so its containers may start. */
  public boolean running() {
    return prepare.map(PodPrepareResult::succeeded).orElse(false) && containerView.isPresent();
  }

  /**
   * The container's view.
   *
   * @throws IllegalStateException saying why the pod has none (unschedulable, with the explanation,
   *     or the prepare errors)
   */
  public ContainerView container() {
    return containerView.orElseThrow(() -> new IllegalStateException(whyNotRunning()));
  }

  /** The explanation as text; empty when the pod was scheduled. */
  public String explainText() {
    return explanation.map(Explanation::text).orElse("");
  }

  /** The prepare errors (each naming driver and claim); empty when prepared or unschedulable. */
  public List<String> prepareErrors() {
    return prepare.map(PodPrepareResult::errors).orElse(List.of());
  }

  /** The claim the pod names {@code podClaimName}. */
  public PodClaimAllocation claim(String podClaimName) {
    return claims.stream()
        .filter(c -> c.podClaimName().equals(podClaimName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "pod "
                        + pod.name()
                        + " has no claim named "
                        + podClaimName
                        + "; its claims are "
                        + claims.stream().map(PodClaimAllocation::podClaimName).toList()));
  }

  /** Every allocated device of every claim of one driver. */
  public List<ClusterDevice> devices(String driver) {
    return claims.stream().flatMap(c -> c.devices(driver).stream()).toList();
  }

  private String whyNotRunning() {
    String who = "pod " + pod.namespace() + "/" + pod.name();
    if (node.isEmpty() && binding.isPresent()) {
      return who + " is not bound: " + binding.get() + "\n" + explainText();
    }
    if (node.isEmpty()) {
      return who + " is unschedulable:\n" + explainText();
    }
    if (prepare.isPresent() && !prepare.get().succeeded()) {
      return who + " on node " + node.get() + " failed to start: " + prepare.get().eventMessage();
    }
    return who + " on node " + node.get() + " has no container view";
  }
}
