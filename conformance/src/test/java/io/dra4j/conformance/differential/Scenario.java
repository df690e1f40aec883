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
import io.dra4j.conformance.cluster.KubeObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One differential case: nodes {@code node-1} to {@code node-N}, the objects both clusters get
 * (DeviceClasses, ResourceSlices, ResourceClaimTemplates, ResourceClaims; namespaced ones go into
 * the scenario's namespace) and pods created one after another, each waited for before the next.
 *
 * @param name a DNS label; the namespace is {@code diff-<name>}
 * @param nodes how many nodes
 * @param sinceMinor the oldest Kubernetes minor version the scenario runs on
 * @param sinceWhy why older versions are skipped; empty when {@code sinceMinor} is the oldest
 * @param devicesComparedSince from which minor version both choose devices first-fit in the same
 *     order (1.34 and 1.35 visit several pools of a node in map order); before it only nodes and
 *     device counts are compared
 * @param objects the objects, created in order
 * @param pods the pods, created in order
 * @param knownDifferences documented differences of the testkit, per minor version (0 for all):
 *     such a case is skipped loudly
 * @param fitsOn {@code <minor>/<pod>}: whether the pod is expected to be scheduled on that release,
 *     where it differs from {@link PodStep#fits()}
 */
public record Scenario(
    String name,
    int nodes,
    int sinceMinor,
    String sinceWhy,
    int devicesComparedSince,
    List<JsonObject> objects,
    List<PodStep> pods,
    Map<Integer, String> knownDifferences,
    Map<String, Boolean> fitsOn) {

  /** Copies the lists. */
  public Scenario {
    objects = List.copyOf(objects);
    pods = List.copyOf(pods);
    knownDifferences = Map.copyOf(knownDifferences);
    fitsOn = Map.copyOf(fitsOn);
  }

  /** Whether the scenario expects {@code step} to be scheduled on Kubernetes {@code 1.<minor>}. */
  public boolean expectsFit(PodStep step, int minor) {
    return fitsOn.getOrDefault(minor + "/" + step.name(), step.fits());
  }

  /** The documented difference of the testkit on Kubernetes {@code 1.<minor>}, if any. */
  public Optional<String> knownDifference(int minor) {
    return Optional.ofNullable(knownDifferences.get(minor))
        .or(() -> Optional.ofNullable(knownDifferences.get(0)));
  }

  /** A scenario named {@code name}. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /** The namespace of the scenario's pods, templates and claims. */
  public String namespace() {
    return "diff-" + name;
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * A pod of the scenario.
   *
   * @param name the pod's name
   * @param templates per pod claim, the ResourceClaimTemplate it is made from
   * @param claims per pod claim, the ResourceClaim it uses (shared with other pods)
   * @param fits whether the scenario's author expects the pod to be scheduled: a check that both
   *     sides do not agree on a broken scenario
   * @param extendedResources the container's extended resource requests (and equal limits)
   */
  public record PodStep(
      String name,
      List<String> templates,
      List<String> claims,
      boolean fits,
      Map<String, Integer> extendedResources) {
    /** Copies the lists and the map. */
    public PodStep {
      templates = List.copyOf(templates);
      claims = List.copyOf(claims);
      extendedResources = new TreeMap<>(extendedResources);
    }

    /** The Pod in {@code namespace}, one container using every claim. */
    public JsonObject object(String namespace) {
      StringBuilder refs = new StringBuilder();
      StringBuilder uses = new StringBuilder();
      for (int i = 0; i < templates.size(); i++) {
        refs.append("{name: t").append(i).append(", resourceClaimTemplateName: ");
        refs.append(templates.get(i)).append("}, ");
        uses.append("{name: t").append(i).append("}, ");
      }
      for (int i = 0; i < claims.size(); i++) {
        refs.append("{name: c").append(i).append(", resourceClaimName: ");
        refs.append(claims.get(i)).append("}, ");
        uses.append("{name: c").append(i).append("}, ");
      }
      StringBuilder amounts = new StringBuilder();
      extendedResources.forEach((r, n) -> amounts.append(r).append(": '").append(n).append("', "));
      return KubeObjects.parse(
              "{apiVersion: v1, kind: Pod, metadata: {name: "
                  + name
                  + ", namespace: "
                  + namespace
                  + "}, spec: {containers: [{name: main, image: registry.k8s.io/pause:3.10,"
                  + " resources: {requests: {"
                  + amounts
                  + "}, limits: {"
                  + amounts
                  + "}, claims: ["
                  + uses
                  + "]}}], resourceClaims: ["
                  + refs
                  + "]}}")
          .get(0);
    }
  }

  /** Builds a {@link Scenario}. */
  public static final class Builder {
    private final String name;
    private int nodes = 1;
    private int sinceMinor = 34;
    private String sinceWhy = "";
    private int devicesComparedSince = 34;
    private final List<JsonObject> objects = new ArrayList<>();
    private final List<PodStep> pods = new ArrayList<>();
    private final Map<Integer, String> knownDifferences = new TreeMap<>();
    private final Map<String, Boolean> fitsOn = new TreeMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** How many nodes; default 1. */
    public Builder nodes(int count) {
      this.nodes = count;
      return this;
    }

    /** Runs only on {@code minor} and later, for the reason given. */
    public Builder since(int minor, String why) {
      this.sinceMinor = minor;
      this.sinceWhy = why;
      return this;
    }

    /** Compares the chosen devices only from {@code minor} on; see {@link Scenario}. */
    public Builder devicesComparedSince(int minor) {
      this.devicesComparedSince = minor;
      return this;
    }

    /** Adds the objects of a YAML or JSON text. */
    public Builder objects(String manifests) {
      objects.addAll(KubeObjects.parse(manifests));
      return this;
    }

    /** Adds one object. */
    public Builder object(JsonObject object) {
      objects.add(object.deepCopy());
      return this;
    }

    /** A pod with one claim per template; {@code fits} says whether it should be scheduled. */
    public Builder pod(String pod, boolean fits, String... templates) {
      pods.add(new PodStep(pod, List.of(templates), List.of(), fits, Map.of()));
      return this;
    }

    /** A pod that uses the ResourceClaim {@code claim}. */
    public Builder podSharing(String pod, boolean fits, String claim) {
      pods.add(new PodStep(pod, List.of(), List.of(claim), fits, Map.of()));
      return this;
    }

    /** A pod without claims asking for {@code count} of the extended resource {@code resource}. */
    public Builder podAsking(String pod, boolean fits, String resource, int count) {
      return podAsking(pod, fits, Map.of(resource, count));
    }

    /** A pod without claims whose container requests (and limits) {@code resources}. */
    public Builder podAsking(String pod, boolean fits, Map<String, Integer> resources) {
      pods.add(new PodStep(pod, List.of(), List.of(), fits, resources));
      return this;
    }

    /** Marks a difference the testkit does not model yet; the case is skipped with this text. */
    public Builder knownDifference(String difference) {
      return knownDifferenceOn(0, difference);
    }

    /** Like {@link #knownDifference(String)}, on Kubernetes {@code 1.<minor>} only. */
    public Builder knownDifferenceOn(int minor, String difference) {
      knownDifferences.put(minor, Objects.requireNonNull(difference, "difference"));
      return this;
    }

    /**
     * On Kubernetes {@code 1.<minor>} pod {@code pod} is expected to fit, or not, unlike on others.
     */
    public Builder fitsOn(int minor, String pod, boolean fits) {
      fitsOn.put(minor + "/" + pod, fits);
      return this;
    }

    /** The scenario. */
    public Scenario build() {
      return new Scenario(
          name,
          nodes,
          sinceMinor,
          sinceWhy,
          devicesComparedSince,
          objects,
          pods,
          knownDifferences,
          fitsOn);
    }
  }
}
