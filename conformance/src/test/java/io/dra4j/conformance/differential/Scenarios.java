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

import io.dra4j.testkit.allocator.AllocatorFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The differential scenarios: what the testkit's allocator supports, each on its own driver so that
 * no scenario sees another's devices.
 */
public final class Scenarios {
  private Scenarios() {}

  /** Every scenario; {@code repoRoot} holds the drivers' DeviceClass manifests. */
  public static List<Scenario> all(Path repoRoot) {
    return List.of(
        exactCounts(),
        allocationModeAll(),
        celSelectors(),
        neuronEfaSeed(repoRoot),
        firstAvailable(),
        listIncludes(),
        listMatchAttribute(),
        consumableCapacity(),
        severalPoolsAndNodes(),
        claimsThatCannotFit(),
        celErrorBeforeAMatch(),
        extendedResource());
  }

  /**
   * Extended resources mapped by a DeviceClass, by its explicit and its implicit name, one more
   * than the devices left, and one no class maps (the nodes advertise none).
   */
  static Scenario extendedResource() {
    String d = "extended.diff.dra4j.io";
    Expected<PodOutcome.State> served =
        Expected.boundWith("DRAExtendedResource", AllocatorFeatures::extendedResource);
    return Scenario.named("extended-resource")
        .acrossGates()
        .objects(
            "{apiVersion: resource.k8s.io/v1, kind: DeviceClass, metadata: {name: widgets},"
                + " spec: {extendedResourceName: example.com/widget, selectors: [{cel:"
                + " {expression: 'device.driver == \""
                + d
                + "\"'}}]}}")
        .objects(slice("extended-node-1", d, "node-1", "node-1", devices(4)))
        .podAsking("a", served, Map.of("example.com/widget", 2))
        .podAsking("b", served, Map.of("cpu", 1, "deviceclass.resource.kubernetes.io/widgets", 1))
        .podAsking("c", false, "example.com/widget", 2)
        .podAsking("d", false, "example.com/other", 1)
        .knownDifferenceWhere(
            r -> r.minor() == 34 && r.features().extendedResource(),
            "kube-scheduler 1.34.4 (DRAExtendedResource alpha) maps a class's implicit name only"
                + " when the class has no extendedResourceName, and binds pod b, which asks for the"
                + " implicit name, without any device; 1.35 to 1.37 and the testkit serve both names")
        .build();
  }

  /** Counts, a claim shared by two pods, and a request one device too large. */
  static Scenario exactCounts() {
    String d = "counts.diff.dra4j.io";
    return Scenario.named("exact-counts")
        .objects(deviceClass("counts", d))
        .objects(slice("counts-node-1", d, "node-1", "node-1", devices(4)))
        .objects(template("one", request("dev", "counts", "count: 1")))
        .objects(template("two", request("dev", "counts", "count: 2")))
        .objects(claim("shared", request("dev", "counts", "count: 1")))
        .pod("a", true, "two")
        .pod("b", true, "one")
        .pod("c", false, "two")
        .podSharing("d", true, "shared")
        .podSharing("e", true, "shared")
        .pod("f", false, "one")
        .build();
  }

  /** allocationMode All takes every matching device, and fails while one of them is in use. */
  static Scenario allocationModeAll() {
    String d = "all.diff.dra4j.io";
    String upper =
        "selectors: [{cel: {expression: 'device.attributes[\"" + d + "\"].index >= 1'}}]";
    return Scenario.named("allocation-mode-all")
        .objects(deviceClass("all", d))
        .objects(
            slice(
                "all-node-1",
                d,
                "node-1",
                "node-1",
                IntStream.range(0, 3)
                    .mapToObj(i -> "{name: gpu-" + i + ", attributes: {index: {int: " + i + "}}}")
                    .collect(Collectors.joining(", "))))
        .objects(template("one", request("dev", "all", "count: 1")))
        .objects(template("all", request("dev", "all", "allocationMode: All")))
        .objects(template("all-upper", request("dev", "all", "allocationMode: All, " + upper)))
        .pod("a", true, "one")
        .pod("b", false, "all")
        .pod("c", true, "all-upper")
        .pod("d", false, "one")
        .build();
  }

  /** CEL on string, version and capacity values: equality, quantity and semver comparisons. */
  static Scenario celSelectors() {
    String d = "cel.diff.dra4j.io";
    String attrs = "device.attributes[\"" + d + "\"]";
    String memory = "device.capacity[\"" + d + "\"].memory";
    return Scenario.named("cel-selectors")
        .objects(deviceClass("cel", d))
        .objects(
            slice(
                "cel-node-1",
                d,
                "node-1",
                "node-1",
                gpu(0, "a100", "1.0.0", "40Gi")
                    + ", "
                    + gpu(1, "h100", "2.1.0", "80Gi")
                    + ", "
                    + gpu(2, "h100", "2.0.1", "40Gi")
                    + ", "
                    + gpu(3, "a100", "1.5.0", "80Gi")))
        .objects(
            template(
                "big-h100",
                request(
                    "gpu",
                    "cel",
                    selector(
                        attrs
                            + ".model == \"h100\" && "
                            + memory
                            + ".compareTo(quantity(\"80Gi\")) >= 0"))))
        .objects(
            template(
                "over-40",
                request("gpu", "cel", selector(memory + ".isGreaterThan(quantity(\"40Gi\"))"))))
        .objects(
            template(
                "new-firmware",
                request(
                    "gpu", "cel", selector(attrs + ".firmware.isGreaterThan(semver(\"2.0.0\"))"))))
        .pod("a", true, "big-h100")
        .pod("b", true, "over-40")
        .pod("c", false, "over-40")
        .pod("d", true, "new-firmware")
        .pod("e", false, "new-firmware")
        .build();
  }

  /**
   * The seed story: 4 Neuron devices and 4 EFA adapters with one {@code devicegroup4_id}, from the
   * drivers' own DeviceClasses and the seed template. The node lists the Neuron devices of group A
   * first but the EFA adapters of group B first, and a single-device pod takes one Neuron device of
   * group A first, so the allocator has to backtrack into group B.
   */
  static Scenario neuronEfaSeed(Path repoRoot) {
    String group = "resource.aws.com/devicegroup4_id";
    String neurons =
        IntStream.range(0, 8)
            .mapToObj(
                i ->
                    "{name: neurondevice"
                        + i
                        + ", attributes: {"
                        + group
                        + ": {string: "
                        + (i < 4 ? "group-a" : "group-b")
                        + "}, resourceType: {string: neuron_device}}}")
            .collect(Collectors.joining(", "));
    String efas =
        IntStream.range(0, 8)
            .mapToObj(
                i ->
                    "{name: efa"
                        + i
                        + ", attributes: {"
                        + group
                        + ": {string: "
                        + (i < 4 ? "group-b" : "group-a")
                        + "}}}")
            .collect(Collectors.joining(", "));
    return Scenario.named("neuron-efa-seed")
        .objects(read(repoRoot.resolve("drivers/neuron/deploy/deviceclass.yaml")))
        .objects(read(repoRoot.resolve("drivers/efa/deploy/deviceclass.yaml")))
        .objects(slice("neuron-node-1", "neuron.aws.com", "node-1", "node-1", neurons))
        .objects(slice("efa-node-1", "efa.networking.k8s.aws", "node-1", "node-1", efas))
        .objects(resource("seed-claim-template.yaml"))
        .objects(template("one-neuron", request("neuron", "neuron.aws.com", "count: 1")))
        .objects(
            "{apiVersion: resource.k8s.io/v1, kind: ResourceClaimTemplate, metadata: {name:"
                + " efa-pair}, spec: {spec: {devices: {requests: [{name: efa, exactly:"
                + " {deviceClassName: efa.networking.k8s.aws, count: 2}}], constraints:"
                + " [{matchAttribute: "
                + group
                + "}]}}}}")
        .pod("single", true, "one-neuron")
        .pod("seed-a", true, "neuron-efa-4")
        .pod("seed-b", false, "neuron-efa-4")
        .pod("pair", true, "efa-pair")
        .build();
  }

  /** A prioritized list: one H100, else two A100s. */
  static Scenario firstAvailable() {
    String d = "first.diff.dra4j.io";
    String model = "device.attributes[\"" + d + "\"].model == ";
    return Scenario.named("first-available")
        .objects(deviceClass("first", d))
        .objects(
            slice(
                "first-node-1",
                d,
                "node-1",
                "node-1",
                "{name: gpu-0, attributes: {model: {string: h100}}},"
                    + " {name: gpu-1, attributes: {model: {string: a100}}},"
                    + " {name: gpu-2, attributes: {model: {string: a100}}}"))
        .objects(
            "{apiVersion: resource.k8s.io/v1, kind: ResourceClaimTemplate, metadata: {name:"
                + " h100-or-two-a100}, spec: {spec: {devices: {requests: [{name: gpu,"
                + " firstAvailable: [{name: h100, deviceClassName: first, selectors: [{cel:"
                + " {expression: '"
                + model
                + "\"h100\"'}}]}, {name: a100, deviceClassName: first, count: 2, selectors:"
                + " [{cel: {expression: '"
                + model
                + "\"a100\"'}}]}]}]}}}}")
        .pod("a", true, "h100-or-two-a100")
        .pod("b", true, "h100-or-two-a100")
        .pod("c", false, "h100-or-two-a100")
        .build();
  }

  /**
   * A list attribute in a selector: {@code includes()}. Without list attributes (before 1.36, or
   * DRAListTypeAttributes off) the API server refuses the slice and the template (CEL has no {@code
   * includes()} there), so no pod gets a claim.
   */
  static Scenario listIncludes() {
    String d = "includes.diff.dra4j.io";
    Expected<PodOutcome.State> served =
        Expected.whenRelease(
            "with list attributes",
            Release::listTypeAttributes,
            PodOutcome.State.BOUND,
            PodOutcome.State.REFUSED);
    return Scenario.named("list-includes")
        .acrossGates()
        .objects(deviceClass("includes", d))
        .objects(
            slice("includes-node-1", d, "node-1", "node-1", nics()),
            Expected.whenRelease(
                "without list attributes", r -> !r.listTypeAttributes(), true, false))
        .objects(
            template(
                "numa-3",
                request(
                    "nic",
                    "includes",
                    selector("device.attributes[\"" + d + "\"].numaNodes.includes(3)"))),
            Expected.whenRelease(
                "without list attributes (no includes())",
                r -> !r.listTypeAttributes(),
                true,
                false))
        .pod("a", served, "numa-3")
        .pod("b", served, "numa-3")
        .pod("c", false, "numa-3")
        .build();
  }

  /**
   * {@code matchAttribute} over list attributes needs one value common to all chosen devices, not
   * just to neighbours: of NUMA lists {0,1} {1,2} {2,3} {1,3}, three devices take the first, second
   * and fourth (1.37; 1.36 compares a list as one value).
   */
  static Scenario listMatchAttribute() {
    String d = "match.diff.dra4j.io";
    return Scenario.named("list-match-attribute")
        .since(36, "list attributes need Kubernetes 1.36 (alpha DRAListTypeAttributes)")
        .objects(deviceClass("match", d))
        .objects(slice("match-node-1", d, "node-1", "node-1", nics()))
        .objects(
            "{apiVersion: resource.k8s.io/v1, kind: ResourceClaimTemplate, metadata: {name:"
                + " same-numa-3}, spec: {spec: {devices: {requests: [{name: nic, exactly:"
                + " {deviceClassName: match, count: 3}}], constraints: [{matchAttribute: "
                + d
                + "/numaNodes}]}}}}")
        .objects(template("one", request("nic", "match", "count: 1")))
        .pod("a", true, "same-numa-3")
        .pod("b", true, "one")
        .pod("c", false, "one")
        // kube-scheduler 1.36 hands DRAListTypeAttributes to CEL, not to its allocator: a list
        // matches no other device, so pod a does not fit and leaves room for pod c.
        .fitsOn(36, "a", false)
        .fitsOn(36, "c", true)
        .build();
  }

  /** Four NICs whose NUMA lists are {0,1} {1,2} {2,3} {1,3}. */
  private static String nics() {
    String[] numa = {"[0, 1]", "[1, 2]", "[2, 3]", "[1, 3]"};
    return IntStream.range(0, numa.length)
        .mapToObj(i -> "{name: nic-" + i + ", attributes: {numaNodes: {ints: " + numa[i] + "}}}")
        .collect(Collectors.joining(", "));
  }

  /** Shared devices with a memory request policy: defaults, rounding up to the step, first fit. */
  static Scenario consumableCapacity() {
    String d = "share.diff.dra4j.io";
    String policy = "{default: 4Gi, validRange: {min: 4Gi, max: 40Gi, step: 4Gi}}";
    String gpus =
        IntStream.range(0, 2)
            .mapToObj(
                i ->
                    "{name: shared-gpu-"
                        + i
                        + ", allowMultipleAllocations: true, capacity: {memory: {value: 40Gi,"
                        + " requestPolicy: "
                        + policy
                        + "}}}")
            .collect(Collectors.joining(", "));
    return Scenario.named("consumable-capacity")
        .objects(deviceClass("share", d))
        .objects(slice("share-node-1", d, "node-1", "node-1", gpus))
        .objects(template("mem-default", request("gpu", "share", "count: 1")))
        .objects(
            template("mem-10", request("gpu", "share", "capacity: {requests: {memory: 10Gi}}")))
        .objects(
            template("mem-30", request("gpu", "share", "capacity: {requests: {memory: 30Gi}}")))
        .objects(template("mem-8", request("gpu", "share", "capacity: {requests: {memory: 8Gi}}")))
        .pod("a", true, "mem-10")
        .pod("b", true, "mem-default")
        .pod("c", true, "mem-30")
        .pod("d", false, "mem-30")
        .pod("e", true, "mem-8")
        // kube-scheduler 1.34 checks a request's first device again against the slice's first
        // device, shared-gpu-0, which has 24Gi left.
        .fitsOn(34, "c", false)
        .build();
  }

  /**
   * Two nodes, the second with two pools; each pod fits on one node only, so kube-scheduler's
   * scoring has nothing to choose. 1.34 and 1.35 visit the pools of a node in map order, so the
   * devices are compared from 1.36.
   */
  static Scenario severalPoolsAndNodes() {
    String d = "pools.diff.dra4j.io";
    String model = "device.attributes[\"" + d + "\"].model == ";
    return Scenario.named("pools-and-nodes")
        .nodes(2)
        .devicesComparedSince(36)
        .objects(deviceClass("pools", d))
        .objects(
            slice(
                "pools-node-1",
                d,
                "node-1",
                "node-1",
                "{name: gpu-0, attributes: {model: {string: a100}}},"
                    + " {name: gpu-1, attributes: {model: {string: a100}}}"))
        .objects(
            slice(
                "pools-node-2-b",
                d,
                "node-2",
                "node-2-b",
                "{name: gpu-0, attributes: {model: {string: h100}}}"))
        .objects(
            slice(
                "pools-node-2-a",
                d,
                "node-2",
                "node-2-a",
                "{name: gpu-0, attributes: {model: {string: h100}}}"))
        .objects(template("h100", request("gpu", "pools", selector(model + "\"h100\""))))
        .objects(
            template(
                "two-a100", request("gpu", "pools", "count: 2, " + selector(model + "\"a100\""))))
        .objects(template("any", request("gpu", "pools", "count: 1")))
        .pod("a", true, "h100")
        .pod("b", true, "h100")
        .pod("c", false, "h100")
        .pod("d", true, "two-a100")
        .pod("e", false, "any")
        .build();
  }

  /**
   * Too many devices, a selector nothing matches, a selector that fails on every device, a missing
   * DeviceClass; then a claim that fits.
   */
  static Scenario claimsThatCannotFit() {
    String d = "nofit.diff.dra4j.io";
    String attrs = "device.attributes[\"" + d + "\"]";
    return Scenario.named("cannot-fit")
        .nodes(2)
        .objects(deviceClass("nofit", d))
        .objects(slice("nofit-node-1", d, "node-1", "node-1", modelled(2, "a100")))
        .objects(slice("nofit-node-2", d, "node-2", "node-2", modelled(3, "a100")))
        .objects(template("four", request("dev", "nofit", "count: 4")))
        .objects(template("three", request("dev", "nofit", "count: 3")))
        .objects(template("b200", request("dev", "nofit", selector(attrs + ".model == \"b200\""))))
        .objects(template("hbm3", request("dev", "nofit", selector(attrs + ".memory == \"hbm3\""))))
        .objects(template("no-class", request("dev", "nofit-missing", "count: 1")))
        .pod("a", false, "four")
        .pod("b", false, "b200")
        .pod("c", false, "hbm3")
        .pod("d", false, "no-class")
        .pod("e", true, "three")
        .build();
  }

  /**
   * A selector fails on the first device (it lacks the attribute) and matches the second.
   * kube-scheduler evaluates selectors device by device and stops the pod's scheduling attempt at
   * the first CEL runtime error it meets, before reaching the device that matches.
   */
  static Scenario celErrorBeforeAMatch() {
    String d = "celerror.diff.dra4j.io";
    return Scenario.named("cel-error-before-a-match")
        .objects(deviceClass("celerror", d))
        .objects(
            slice(
                "celerror-node-1",
                d,
                "node-1",
                "node-1",
                "{name: dev-0}, {name: dev-1, attributes: {model: {string: b200}}}"))
        .objects(
            template(
                "b200",
                request(
                    "dev",
                    "celerror",
                    selector("device.attributes[\"" + d + "\"].model == \"b200\""))))
        .pod("a", false, "b200")
        .build();
  }

  static String deviceClass(String name, String driver) {
    return "{apiVersion: resource.k8s.io/v1, kind: DeviceClass, metadata: {name: "
        + name
        + "}, spec: {selectors: [{cel: {expression: 'device.driver == \""
        + driver
        + "\"'}}]}}";
  }

  static String slice(String name, String driver, String node, String pool, String devices) {
    return "{apiVersion: resource.k8s.io/v1, kind: ResourceSlice, metadata: {name: "
        + name
        + "}, spec: {driver: "
        + driver
        + ", nodeName: "
        + node
        + ", pool: {name: "
        + pool
        + ", generation: 1, resourceSliceCount: 1}, devices: ["
        + devices
        + "]}}";
  }

  static String devices(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "{name: dev-" + i + "}")
        .collect(Collectors.joining(", "));
  }

  private static String modelled(int count, String model) {
    return IntStream.range(0, count)
        .mapToObj(i -> "{name: dev-" + i + ", attributes: {model: {string: " + model + "}}}")
        .collect(Collectors.joining(", "));
  }

  private static String gpu(int index, String model, String firmware, String memory) {
    return "{name: gpu-"
        + index
        + ", attributes: {model: {string: "
        + model
        + "}, firmware: {version: "
        + firmware
        + "}}, capacity: {memory: {value: "
        + memory
        + "}}}";
  }

  static String selector(String expression) {
    return "selectors: [{cel: {expression: '" + expression + "'}}]";
  }

  /** One request of {@code deviceClass}, with further fields of {@code exactly}. */
  static String request(String name, String deviceClass, String exactly) {
    return "{name: " + name + ", exactly: {deviceClassName: " + deviceClass + ", " + exactly + "}}";
  }

  static String template(String name, String request) {
    return "{apiVersion: resource.k8s.io/v1, kind: ResourceClaimTemplate, metadata: {name: "
        + name
        + "}, spec: {spec: {devices: {requests: ["
        + request
        + "]}}}}";
  }

  static String claim(String name, String request) {
    return "{apiVersion: resource.k8s.io/v1, kind: ResourceClaim, metadata: {name: "
        + name
        + "}, spec: {devices: {requests: ["
        + request
        + "]}}}";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = Scenarios.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read test resource " + name, e);
    }
  }
}
