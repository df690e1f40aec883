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
import java.util.function.Predicate;

/**
 * One differential case: nodes {@code node-1} to {@code node-N} and steps run one after another on
 * both sides: objects created (DeviceClasses, ResourceSlices, ResourceClaimTemplates,
 * ResourceClaims, DeviceTaintRules; namespaced ones go into the scenario's namespace), pods created
 * and each waited for before the next, and device conditions set as a driver would.
 *
 * @param name a DNS label; the namespace is {@code diff-<name>}
 * @param nodes how many nodes
 * @param sinceMinor the oldest Kubernetes minor version the scenario runs on
 * @param sinceWhy why older versions are skipped; empty when {@code sinceMinor} is the oldest
 * @param devicesComparedSince from which minor version both choose devices first-fit in the same
 *     order (1.34 and 1.35 visit several pools of a node in map order); before it only nodes and
 *     device counts are compared
 * @param nameOrder whether the devices chosen depend on the order of several pools, so that they
 *     are compared only where the allocator visits pools by name ({@code
 *     AllocatorFeatures.lexicographicOrder()}: not before 1.36, nor where kube-scheduler picks its
 *     stable allocator)
 * @param steps the steps, in order
 * @param namespaceLabels the labels of the scenario's namespace
 * @param profiles the gate sets the scenario runs with (each release runs those that behave
 *     differently there)
 * @param knownDifferences documented differences of the testkit, per minor version (0 for all):
 *     such a case is skipped loudly
 * @param releaseDifferences documented differences that hold only on some releases with some gates
 *     (an upstream bug of one release's alpha feature, say), skipped loudly there
 */
public record Scenario(
    String name,
    int nodes,
    int sinceMinor,
    String sinceWhy,
    int devicesComparedSince,
    boolean nameOrder,
    List<Step> steps,
    Map<String, String> namespaceLabels,
    List<GateProfile> profiles,
    Map<Integer, String> knownDifferences,
    List<ReleaseDifference> releaseDifferences) {

  /** Copies the collections. */
  public Scenario {
    steps = List.copyOf(steps);
    namespaceLabels = Map.copyOf(namespaceLabels);
    profiles = List.copyOf(profiles);
    knownDifferences = Map.copyOf(knownDifferences);
    releaseDifferences = List.copyOf(releaseDifferences);
  }

  /** The documented difference of the testkit on Kubernetes {@code 1.<minor>}, if any. */
  public Optional<String> knownDifference(int minor) {
    return Optional.ofNullable(knownDifferences.get(minor))
        .or(() -> Optional.ofNullable(knownDifferences.get(0)));
  }

  /** The documented difference of the testkit on {@code release}, if any. */
  public Optional<String> knownDifference(Release release) {
    return releaseDifferences.stream()
        .filter(d -> d.applies().test(release))
        .map(ReleaseDifference::difference)
        .findFirst()
        .or(() -> knownDifference(release.minor()));
  }

  /**
   * A documented difference that holds where {@code applies} says.
   *
   * @param applies the releases and gates it holds for
   * @param difference what differs and why
   */
  public record ReleaseDifference(Predicate<Release> applies, String difference) {}

  /** A scenario named {@code name}. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /** The namespace of the scenario's pods, templates and claims. */
  public String namespace() {
    return "diff-" + name;
  }

  /** Every object the scenario creates, in order. */
  public List<JsonObject> objects() {
    return steps.stream()
        .filter(Step.Apply.class::isInstance)
        .map(s -> ((Step.Apply) s).object())
        .toList();
  }

  /** The pods the scenario creates, in order. */
  public List<PodStep> pods() {
    return steps.stream().filter(PodStep.class::isInstance).map(PodStep.class::cast).toList();
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
   * @param expected what the scenario's author expects to become of the pod (bound, waiting for
   *     binding conditions, refused): a check that both sides do not agree on a broken scenario
   * @param extendedResources the container's extended resource requests (and equal limits)
   */
  public record PodStep(
      String name,
      List<String> templates,
      List<String> claims,
      Expected<PodOutcome.State> expected,
      Map<String, Integer> extendedResources)
      implements Step {
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
    private boolean nameOrder;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, String> namespaceLabels = new TreeMap<>();
    private final List<GateProfile> profiles = new ArrayList<>(List.of(GateProfile.SUITE));
    private final Map<Integer, String> knownDifferences = new TreeMap<>();
    private final List<ReleaseDifference> releaseDifferences = new ArrayList<>();

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

    /** Compares the chosen devices only where pools are visited by name; see {@link Scenario}. */
    public Builder devicesInNameOrder() {
      this.nameOrder = true;
      return this;
    }

    /** Compares the chosen devices only from {@code minor} on; see {@link Scenario}. */
    public Builder devicesComparedSince(int minor) {
      this.devicesComparedSince = minor;
      return this;
    }

    /**
     * Also runs the scenario with these gate sets; every release runs each of them that behaves
     * differently there from the ones before ({@link Release#behaviour()}).
     */
    public Builder alsoWith(GateProfile... more) {
      for (GateProfile p : more) {
        if (!profiles.contains(p)) {
          profiles.add(p);
        }
      }
      return this;
    }

    /** Runs the scenario with every {@link GateProfile}. */
    public Builder acrossGates() {
      return alsoWith(GateProfile.values());
    }

    /** Labels the scenario's namespace. */
    public Builder namespaceLabel(String key, String value) {
      namespaceLabels.put(key, value);
      return this;
    }

    /** Adds the objects of a YAML or JSON text; each must be accepted. */
    public Builder objects(String manifests) {
      return objects(manifests, Expected.always(false));
    }

    /** Adds the objects of a YAML or JSON text; {@code refused} says where the server refuses. */
    public Builder objects(String manifests, Expected<Boolean> refused) {
      for (JsonObject o : KubeObjects.parse(manifests)) {
        steps.add(new Step.Apply(o, refused, Expected.always(List.of())));
      }
      return this;
    }

    /** Adds one object. */
    public Builder object(JsonObject object) {
      steps.add(new Step.Apply(object, Expected.always(false), Expected.always(List.of())));
      return this;
    }

    /**
     * Creates or replaces one object after the steps so far; {@code evicts} names the pods the
     * device taint eviction controller must then evict (sorted).
     */
    public Builder apply(String manifest, Expected<List<String>> evicts) {
      for (JsonObject o : KubeObjects.parse(manifest)) {
        steps.add(new Step.Apply(o, Expected.always(false), evicts));
      }
      return this;
    }

    /** A pod with one claim per template; {@code fits} says whether it should be scheduled. */
    public Builder pod(String pod, boolean fits, String... templates) {
      return pod(pod, PodOutcome.State.of(fits), templates);
    }

    /** A pod with one claim per template, expected to end as {@code expected} says. */
    public Builder pod(String pod, Expected<PodOutcome.State> expected, String... templates) {
      steps.add(new PodStep(pod, List.of(templates), List.of(), expected, Map.of()));
      return this;
    }

    /** A pod that uses the ResourceClaim {@code claim}. */
    public Builder podSharing(String pod, boolean fits, String claim) {
      return podSharing(pod, PodOutcome.State.of(fits), claim);
    }

    /**
     * A pod that uses the ResourceClaim {@code claim}, expected to end as {@code expected} says.
     */
    public Builder podSharing(String pod, Expected<PodOutcome.State> expected, String claim) {
      steps.add(new PodStep(pod, List.of(), List.of(claim), expected, Map.of()));
      return this;
    }

    /**
     * Sets condition {@code type} of the first device of pod claim {@code podClaim} ({@code t0},
     * {@code c0}, ...) in the claim's {@code status.devices}, as a driver would; then the pod must
     * end as {@code then} says.
     */
    public Builder condition(
        String pod, String podClaim, String type, boolean status, Expected<PodOutcome.State> then) {
      steps.add(new Step.Condition(pod, podClaim, type, status, then));
      return this;
    }

    /** A pod without claims asking for {@code count} of the extended resource {@code resource}. */
    public Builder podAsking(String pod, boolean fits, String resource, int count) {
      return podAsking(pod, fits, Map.of(resource, count));
    }

    /** A pod without claims whose container requests (and limits) {@code resources}. */
    public Builder podAsking(String pod, boolean fits, Map<String, Integer> resources) {
      return podAsking(pod, PodOutcome.State.of(fits), resources);
    }

    /** Like {@link #podAsking(String, boolean, Map)}, expected to end as {@code expected} says. */
    public Builder podAsking(
        String pod, Expected<PodOutcome.State> expected, Map<String, Integer> resources) {
      steps.add(new PodStep(pod, List.of(), List.of(), expected, resources));
      return this;
    }

    /**
     * On Kubernetes {@code 1.<minor>} the pod {@code pod} (created before) is expected to fit, or
     * not, unlike elsewhere.
     */
    public Builder fitsOn(int minor, String pod, boolean fits) {
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i) instanceof PodStep p && p.name().equals(pod)) {
          Expected<PodOutcome.State> elsewhere = p.expected();
          PodOutcome.State there = fits ? PodOutcome.State.BOUND : PodOutcome.State.REFUSED;
          Expected<PodOutcome.State> expected =
              new Expected<>(
                  there + " on 1." + minor + ", else " + elsewhere,
                  r -> r.minor() == minor ? there : elsewhere.on(r));
          steps.set(
              i, new PodStep(p.name(), p.templates(), p.claims(), expected, p.extendedResources()));
          return this;
        }
      }
      throw new IllegalArgumentException(
          "fitsOn names pod " + pod + ", which the scenario does not create before");
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

    /** Like {@link #knownDifference(String)}, where {@code applies} holds. */
    public Builder knownDifferenceWhere(Predicate<Release> applies, String difference) {
      releaseDifferences.add(
          new ReleaseDifference(applies, Objects.requireNonNull(difference, "difference")));
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
          nameOrder,
          steps,
          namespaceLabels,
          profiles,
          knownDifferences,
          releaseDifferences);
    }
  }
}
