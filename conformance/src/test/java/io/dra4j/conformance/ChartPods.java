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
import io.dra4j.conformance.cluster.KubeObjects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The pods of a real node whose drivers a chart's DaemonSet runs: the driver pods (found by the
 * chart's {@code app.kubernetes.io/name}, registered when the driver's log says the kubelet
 * confirmed it), and the seed pods that use their devices. Failure messages carry the node's and
 * the driver containers' log tails.
 */
record ChartPods(NodeStory story) {
  private static final String REGISTERED = "registered with the kubelet";
  private static final String PLUGIN_LABEL = "app.kubernetes.io/component";

  /**
   * Waits until the chart's DaemonSet has exactly one pod and its driver logged that the kubelet
   * confirmed its registration; returns the pod.
   */
  JsonObject awaitRegistered(NodeChartValues chart) throws Exception {
    return awaitOne(chart, "registered with the kubelet", this::registered);
  }

  /**
   * Waits until the chart's DaemonSet has exactly one pod, registered and Ready (its readiness
   * probe, {@code /readyz}, answers once the kubelet confirmed the registration); returns it. Only
   * a Ready pod counts as available to a rolling update: the DaemonSet controller replaces an
   * unavailable one at once, without a surge.
   */
  JsonObject awaitReady(NodeChartValues chart) throws Exception {
    return awaitOne(chart, "registered and Ready", p -> registered(p) && ready(p));
  }

  private JsonObject awaitOne(NodeChartValues chart, String what, Predicate<JsonObject> state)
      throws Exception {
    List<JsonObject> found = new ArrayList<>();
    await(
        "one pod of " + chart.name() + " " + what,
        () -> {
          found.clear();
          found.addAll(driverPods(chart));
          return found.size() == 1 && state.test(found.get(0));
        });
    return found.get(0);
  }

  static boolean ready(JsonObject pod) {
    return TestObjects.array(pod, "status.conditions").stream()
        .anyMatch(c -> string(c, "type").equals("Ready") && string(c, "status").equals("True"));
  }

  /** Whether the driver in {@code pod} has logged that the kubelet confirmed its registration. */
  boolean registered(JsonObject pod) {
    return story
        .node()
        .containerOutput(story.ns(), TestObjects.name(pod), TestObjects.uid(pod), "plugin")
        .stream()
        .anyMatch(l -> l.contains(REGISTERED));
  }

  /** The chart's DaemonSet pods, terminating ones included. */
  List<JsonObject> driverPods(NodeChartValues chart) {
    return story.objects().list("v1", "Pod", story.ns(), "").stream()
        .filter(p -> isPodOf(p, chart))
        .toList();
  }

  static boolean isPodOf(JsonObject pod, NodeChartValues chart) {
    return label(pod, "app.kubernetes.io/name").equals(chart.name());
  }

  private static String label(JsonObject object, String key) {
    return Optional.ofNullable(object.getAsJsonObject("metadata").getAsJsonObject("labels"))
        .map(l -> l.get(key))
        .map(e -> e.getAsString())
        .orElse("");
  }

  /**
   * Creates a busybox pod with the seed claim and waits until its container ran and saw four Neuron
   * devices, four EFA verbs devices and rdma_cm as character devices, and its NeuronCores.
   */
  void startWithDevices(String pod, String image) throws Exception {
    story
        .objects()
        .apply(
            NodeStory.pod(
                story.ns(), pod, image, NodeStory.PodClaim.template("devices", "neuron-efa-4")));
    await("pod " + pod + " Running", () -> story.phase(pod).equals("Running"));
    NodeStory.Seen seen = story.seen(pod);
    assertThat(seen.neurons()).as("Neuron devices of %s", pod).hasSize(4);
    assertThat(seen.verbs()).as("EFA verbs devices of %s", pod).hasSize(4);
    assertThat(seen.rdmaCm()).as("rdma_cm in %s", pod).isTrue();
    assertThat(seen.env("NEURON_RT_VISIBLE_CORES")).as("NeuronCores of %s", pod).isNotEmpty();
  }

  /** Deletes a pod and waits until the kubelet had its claim unprepared: its CDI specs are gone. */
  void deleteAndAwaitUnprepared(String pod) throws Exception {
    String claimUid = story.claimUid(pod);
    assertThat(story.cdiSpecsOf(claimUid)).as("CDI specs of %s", pod).isNotEmpty();
    story.objects().delete("v1", "Pod", story.ns(), pod);
    await("the CDI specs of " + pod + " removed", () -> story.cdiSpecsOf(claimUid).isEmpty());
    await(
        "pod " + pod + " gone", () -> story.objects().find("v1", "Pod", story.ns(), pod).isEmpty());
  }

  /** The container ID and restart count of the pod's container {@code main}. */
  String containerId(String pod) {
    return TestObjects.array(
            story.objects().get("v1", "Pod", story.ns(), pod), "status.containerStatuses")
        .stream()
        .filter(c -> string(c, "name").equals("main"))
        .map(c -> string(c, "containerID") + " restarts " + string(c, "restartCount"))
        .findFirst()
        .orElse("");
  }

  /** Warning events of the namespace's pods other than the drivers' ("pod: reason: message"). */
  List<String> failedClaimEvents() {
    return story.objects().list("v1", "Event", story.ns(), "type=Warning").stream()
        .filter(e -> string(e, "involvedObject.kind").equals("Pod"))
        // The test node has no cluster DNS; pods fall back to the node's resolv.conf.
        .filter(e -> !string(e, "reason").equals("MissingClusterDNS"))
        .filter(e -> !string(e, "involvedObject.name").contains("-" + story.ns() + "-"))
        .map(
            e ->
                string(e, "involvedObject.name")
                    + ": "
                    + string(e, "reason")
                    + ": "
                    + string(e, "message"))
        .toList();
  }

  /**
   * Watches the chart's DaemonSet pods from now on, to see a rolling update that replaces {@code
   * oldPod}.
   */
  Rollout watchRollout(NodeChartValues chart, JsonObject oldPod) {
    Rollout rollout = new Rollout(chart, TestObjects.uid(oldPod));
    rollout.watch = story.objects().watch("v1", "Pod", story.ns(), rollout::event);
    return rollout;
  }

  /**
   * Polls {@code done} as {@link NodeStory#await} does; failures add the driver containers' logs.
   */
  void await(String what, Callable<Boolean> done) throws Exception {
    try {
      story.await(what, done);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + driverLogs(), e);
    }
  }

  private String driverLogs() {
    StringBuilder logs = new StringBuilder();
    for (JsonObject pod : story.objects().list("v1", "Pod", story.ns(), "")) {
      if (label(pod, PLUGIN_LABEL).equals("kubelet-plugin")) {
        List<String> out =
            story
                .node()
                .containerOutput(story.ns(), TestObjects.name(pod), TestObjects.uid(pod), "plugin");
        logs.append("\n--- driver pod ")
            .append(TestObjects.name(pod))
            .append(" (")
            .append(string(pod, "status.phase"))
            .append(") ---\n")
            .append(String.join("\n", out.subList(Math.max(0, out.size() - 30), out.size())));
      }
    }
    return logs.toString();
  }

  /**
   * What a pod watch saw of a DaemonSet's rolling update: the driver pods side by side, both
   * Running and neither deleted yet, and the end: the old pod gone, a new one Running and
   * registered.
   */
  final class Rollout implements AutoCloseable {
    private final NodeChartValues chart;
    private final String oldUid;
    private final Map<String, JsonObject> pods = new LinkedHashMap<>();
    private final List<String> sideBySide = new ArrayList<>();
    private boolean oldGone;
    private KubeObjects.Watching watch;

    private Rollout(NodeChartValues chart, String oldUid) {
      this.chart = chart;
      this.oldUid = oldUid;
    }

    private synchronized void event(String type, JsonObject pod) {
      if (!pod.has("metadata") || !isPodOf(pod, chart)) {
        return;
      }
      String uid = TestObjects.uid(pod);
      if (type.equals("DELETED")) {
        pods.remove(uid);
        oldGone |= uid.equals(oldUid);
        return;
      }
      pods.put(uid, pod);
      List<String> running =
          pods.values().stream()
              .filter(p -> string(p, "status.phase").equals("Running"))
              .filter(p -> string(p, "metadata.deletionTimestamp").isEmpty())
              .map(TestObjects::name)
              .toList();
      if (running.size() >= 2 && sideBySide.isEmpty()) {
        sideBySide.addAll(running);
      }
    }

    /** The names of the first two (or more) driver pods seen Running side by side; or none. */
    synchronized List<String> sideBySide() {
      return List.copyOf(sideBySide);
    }

    /** The pod that replaced the old one, once the old one is gone. */
    synchronized JsonObject newPod() {
      return pods.values().stream()
          .filter(p -> !TestObjects.uid(p).equals(oldUid))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no new pod of " + chart.name()));
    }

    /** The old pod is deleted and its replacement Ready and registered with the kubelet. */
    boolean done() {
      synchronized (this) {
        if (!oldGone || pods.size() != 1) {
          return false;
        }
      }
      JsonObject pod = newPod();
      return ready(pod) && registered(pod);
    }

    @Override
    public void close() {
      watch.close();
    }
  }
}
