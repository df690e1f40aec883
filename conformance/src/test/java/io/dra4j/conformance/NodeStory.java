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
package io.dra4j.conformance;

import static io.dra4j.conformance.TestObjects.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.conformance.node.NodeBinaries;
import io.dra4j.conformance.node.RealNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Pods on a real node and what they saw: builds busybox pods that print their environment and
 * character devices, reads pods, claims, CDI specs and container output, and waits with failure
 * messages that carry the node's and the drivers' log tails.
 */
record NodeStory(KubeObjects objects, RealNode node, String ns, List<DriverProcess> drivers) {
  static final Duration WAIT = Duration.ofMinutes(3);

  /** The taint every real node is registered with; the story's pods tolerate it. */
  static final String NODE_TAINT = "e2e.dra4j.io/real-node";

  private static final String SCRIPT =
      "env; ls -l /dev /dev/infiniband; for f in /dev/* /dev/infiniband/*; do"
          + " [ -c $f ] && echo CHAR $f; done; echo DONE; exec sleep 1000000";

  /** One entry of a pod's {@code resourceClaims}: from a template or a shared claim. */
  record PodClaim(String name, String source, String ref) {
    static PodClaim template(String name, String template) {
      return new PodClaim(name, "resourceClaimTemplateName", template);
    }

    static PodClaim shared(String name, String claim) {
      return new PodClaim(name, "resourceClaimName", claim);
    }
  }

  /** What a container printed about its devices and environment. */
  record Seen(List<String> env, List<String> chars) {
    List<String> neurons() {
      return chars.stream().filter(c -> c.matches("/dev/neuron\\d+")).toList();
    }

    List<String> verbs() {
      return chars.stream().filter(c -> c.matches("/dev/infiniband/uverbs\\d+")).toList();
    }

    boolean rdmaCm() {
      return chars.contains("/dev/infiniband/rdma_cm");
    }

    /** The value of an environment variable, empty when unset. */
    String env(String name) {
      return env.stream()
          .filter(l -> l.startsWith(name + "="))
          .map(l -> l.substring(name.length() + 1))
          .findFirst()
          .orElse("");
    }
  }

  /**
   * A busybox pod on the story's node (by the namespace's group label, tolerating the node's taint)
   * whose one container, {@code main}, uses every claim and prints what it got.
   */
  static String pod(String ns, String name, String image, PodClaim... claims) {
    String uses =
        Stream.of(claims).map(c -> "{name: " + c.name() + "}").collect(Collectors.joining(", "));
    String sources =
        Stream.of(claims)
            .map(c -> "{name: " + c.name() + ", " + c.source() + ": " + c.ref() + "}")
            .collect(Collectors.joining(", "));
    return "{apiVersion: v1, kind: Pod, metadata: {name: "
        + name
        + ", namespace: "
        + ns
        + "}, spec: {nodeSelector: {"
        + TestObjects.GROUP_LABEL
        + ": "
        + ns
        + "}, tolerations: [{key: "
        + NODE_TAINT
        + ", operator: Exists}], terminationGracePeriodSeconds: 1, containers: [{name: main,"
        + " image: '"
        + image
        + "', imagePullPolicy: Never, command: [sh, -c, '"
        + SCRIPT
        + "'], resources: {claims: ["
        + uses
        + "]}}], resourceClaims: ["
        + sources
        + "]}}";
  }

  /**
   * Starts a real node for the pods of namespace {@code ns} (its group label), tainted so that only
   * the story's pods go there, with the device nodes below {@code dev}; logs in the E2E work
   * directory.
   */
  static RealNode startNode(
      NodeBinaries binaries, ControlPlane cluster, String name, String ns, Path dev) {
    return RealNode.builder(binaries, cluster)
        .name(name)
        .label(TestObjects.GROUP_LABEL, ns)
        .taint(NODE_TAINT + "=true:NoSchedule")
        .devices(dev)
        .logDir(Clusters.workDir())
        .start();
  }

  /** Replaces the device files below {@code dev} by character devices (1:5, like /dev/zero). */
  static void makeCharacterDevices(Path dev) throws IOException, InterruptedException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(dev)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      Files.delete(f);
      Process p = new ProcessBuilder("mknod", f.toString(), "c", "1", "5").inheritIO().start();
      assertThat(p.waitFor()).as("mknod %s", f).isZero();
    }
  }

  String phase(String pod) {
    return objects.find("v1", "Pod", ns, pod).map(p -> string(p, "status.phase")).orElse("");
  }

  boolean registered() {
    return drivers.stream().allMatch(DriverProcess::registered);
  }

  String schedulingMessage(String pod) {
    return TestObjects.array(objects.get("v1", "Pod", ns, pod), "status.conditions").stream()
        .filter(c -> string(c, "type").equals("PodScheduled"))
        .map(c -> string(c, "message"))
        .findFirst()
        .orElse("");
  }

  /** The pod's only claim. */
  JsonObject claim(String pod) {
    return DriverPrepareE2E.claimOf(objects, objects.get("v1", "Pod", ns, pod));
  }

  String claimUid(String pod) {
    return TestObjects.uid(claim(pod));
  }

  /** The names of the devices allocated to the pod's only claim. */
  List<String> devices(String pod) {
    return TestObjects.array(claim(pod), "status.allocation.devices.results").stream()
        .map(r -> string(r, "device"))
        .toList();
  }

  boolean claimExists(String name) {
    return objects.find("resource.k8s.io/v1", "ResourceClaim", ns, name).isPresent();
  }

  List<Path> cdiSpecsOf(String claimUid) throws IOException {
    try (Stream<Path> files = Files.list(node.cdiDir())) {
      return files.filter(f -> f.getFileName().toString().contains(claimUid)).toList();
    }
  }

  /** Waits until the pod runs. */
  void awaitRunning(String pod) throws Exception {
    await("pod " + pod + " Running", () -> phase(pod).equals("Running"));
  }

  /** Deletes a pod and waits until it is gone (the kubelet has stopped it and cleaned up). */
  void deleteAndAwaitGone(String pod) throws Exception {
    objects.delete("v1", "Pod", ns, pod);
    await("pod " + pod + " gone", () -> objects.find("v1", "Pod", ns, pod).isEmpty());
  }

  /** What the pod's container {@code main} printed, once it printed everything. */
  Seen seen(String pod) throws Exception {
    String uid = TestObjects.uid(objects.get("v1", "Pod", ns, pod));
    List<String> out = new ArrayList<>();
    await(
        "the container of " + pod + " printed its devices",
        () -> {
          out.clear();
          out.addAll(node.containerOutput(ns, pod, uid, "main"));
          return out.contains("DONE");
        });
    System.out.printf("--- %s ---%n%s%n", pod, String.join("\n", out));
    return new Seen(
        out.stream().filter(l -> l.matches("[A-Za-z_][A-Za-z0-9_]*=.*")).toList(),
        out.stream().filter(l -> l.startsWith("CHAR ")).map(l -> l.substring(5)).toList());
  }

  /**
   * The health the kubelet reports for the devices of a container's claim use ({@code
   * status.containerStatuses[].allocatedResourcesStatus}, entry {@code claim:<name>}); empty while
   * the kubelet has reported none.
   */
  List<String> health(String pod, String claimName) {
    JsonObject p = objects.get("v1", "Pod", ns, pod);
    Optional<JsonObject> entry =
        TestObjects.array(p, "status.containerStatuses").stream()
            .filter(c -> string(c, "name").equals("main"))
            .flatMap(c -> TestObjects.array(c, "allocatedResourcesStatus").stream())
            .filter(s -> string(s, "name").equals("claim:" + claimName))
            .findFirst();
    return entry.stream()
        .flatMap(e -> TestObjects.array(e, "resources").stream())
        .map(r -> string(r, "health"))
        .toList();
  }

  /** Polls {@code done} for up to 3 minutes; fails with the node's and drivers' log tails. */
  void await(String what, Callable<Boolean> done) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (!done.call()) {
      if (Instant.now().isAfter(deadline)) {
        StringBuilder logs = new StringBuilder(node.diagnostics());
        drivers.forEach(d -> logs.append(d.tail()).append('\n'));
        throw new AssertionError("not " + what + " within " + WAIT + "\n" + logs);
      }
      Thread.sleep(250);
    }
  }
}
