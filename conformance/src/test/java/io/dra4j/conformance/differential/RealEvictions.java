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
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What kube-controller-manager's {@code device-taint-eviction-controller} does after an object is
 * written: which bound pods it evicts (deletes; with no kubelet they stay Terminating, so each is
 * then deleted at once, as a kubelet confirms the end, and its claims released).
 *
 * <p>When it is done is known for sure only where a DeviceTaintRule reports it: from 1.35, with
 * DRADeviceTaintRules on, the rule's {@code EvictionInProgress} condition turns {@code False}.
 * Elsewhere (slice taints, 1.34) the pods the scenario expects to be evicted are waited for, and a
 * pod the scenario expects to stay is taken as staying once those are gone: a wrong expectation of
 * "evicted" shows as a difference after the wait, one of "stays" only if the controller is slower
 * than that.
 */
final class RealEvictions {
  private final KubeObjects objects;
  private final String namespace;
  private final Release release;

  RealEvictions(KubeObjects objects, String namespace, Release release) {
    this.objects = objects;
    this.namespace = namespace;
    this.release = release;
  }

  /** The pods evicted after {@code object} was written, sorted; each is then gone. */
  List<String> after(JsonObject object, List<String> expected) {
    List<String> bound = new ArrayList<>();
    for (JsonObject p : objects.list("v1", "Pod", namespace, "")) {
      if (!JsonFields.string(p, "spec", "nodeName").isEmpty() && !evicted(p)) {
        bound.add(JsonFields.string(p, "metadata", "name"));
      }
    }
    List<String> waitFor = expected.stream().filter(bound::contains).toList();
    try {
      await()
          .atMost(RealSchedulerRun.WAIT)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> waitFor.stream().allMatch(this::evicted));
      if (reportsDone(object)) {
        await()
            .atMost(RealSchedulerRun.WAIT)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> ruleDone(object));
      }
    } catch (ConditionTimeoutException e) {
      // Reported as a difference: the outcome lists what did happen.
    }
    List<String> out = bound.stream().filter(this::evicted).sorted().toList();
    for (String pod : out) {
      release(pod);
    }
    return out;
  }

  private boolean reportsDone(JsonObject object) {
    return "DeviceTaintRule".equals(JsonFields.string(object, "kind"))
        && release.minor() >= 35
        && release.features().deviceTaintRules();
  }

  private boolean ruleDone(JsonObject object) {
    JsonObject rule =
        objects.get(
            JsonFields.string(object, "apiVersion"),
            "DeviceTaintRule",
            "",
            JsonFields.string(object, "metadata", "name"));
    long generation = JsonFields.number(rule, "metadata", "generation");
    return JsonFields.objects(rule, "status", "conditions").stream()
        .anyMatch(
            c ->
                "EvictionInProgress".equals(JsonFields.string(c, "type"))
                    && "False".equals(JsonFields.string(c, "status"))
                    && JsonFields.number(c, "observedGeneration") >= generation);
  }

  private boolean evicted(String pod) {
    return objects.find("v1", "Pod", namespace, pod).map(RealEvictions::evicted).orElse(true);
  }

  private static boolean evicted(JsonObject pod) {
    return !JsonFields.string(pod, "metadata", "deletionTimestamp").isEmpty();
  }

  /** Deletes the evicted pod at once and waits until its claims no longer name it. */
  private void release(String pod) {
    Optional<JsonObject> p = objects.find("v1", "Pod", namespace, pod);
    String uid = p.map(o -> JsonFields.string(o, "metadata", "uid")).orElse("");
    objects.deleteNow("v1", "Pod", namespace, pod);
    await()
        .atMost(RealSchedulerRun.WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                objects.list(RealSchedulerRun.RESOURCE, "ResourceClaim", namespace, "").stream()
                    .flatMap(c -> JsonFields.objects(c, "status", "reservedFor").stream())
                    .noneMatch(r -> uid.equals(JsonFields.string(r, "uid"))));
  }
}
