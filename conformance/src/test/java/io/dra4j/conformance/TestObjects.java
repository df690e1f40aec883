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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.conformance.differential.ReadyNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Manifests and JSON accessors the E2E tests share. */
final class TestObjects {
  private TestObjects() {}

  /** The node label that keeps each test's pods on that test's nodes (the cluster is shared). */
  static final String GROUP_LABEL = "e2e.dra4j.io/group";

  /**
   * A Node as a kubelet would register it: schedulable, with CPU, memory and pod capacity, in the
   * group of the pods of namespace {@code group}.
   */
  static JsonObject createNode(KubeObjects objects, String name, String group) {
    return objects.create(ReadyNode.of(name, Map.of(GROUP_LABEL, group)));
  }

  /**
   * A pod whose one container uses the claim made from {@code template}, restricted to the nodes of
   * its namespace's group.
   */
  static String pod(String namespace, String name, String template) {
    return "{apiVersion: v1, kind: Pod, metadata: {name: "
        + name
        + ", namespace: "
        + namespace
        + "}, spec: {nodeSelector: {"
        + GROUP_LABEL
        + ": "
        + namespace
        + "}, containers: [{name: main, image: registry.k8s.io/pause:3.10,"
        + " resources: {claims: [{name: devices}]}}],"
        + " resourceClaims: [{name: devices, resourceClaimTemplateName: "
        + template
        + "}]}}";
  }

  /** A DeviceClass named after {@code driver} that selects every device of that driver. */
  static String deviceClass(String driver) {
    return "{apiVersion: resource.k8s.io/v1, kind: DeviceClass, metadata: {name: "
        + driver
        + "}, spec: {selectors: [{cel: {expression: \"device.driver == '"
        + driver
        + "'\"}}]}}";
  }

  /**
   * A ResourceClaimTemplate with one request, {@code gpu}, for a device of {@code deviceClass};
   * {@code exactly} adds fields to the request, such as {@code count: 2}.
   */
  static String claimTemplate(String ns, String name, String deviceClass, String exactly) {
    return "{apiVersion: resource.k8s.io/v1, kind: ResourceClaimTemplate, metadata: {name: "
        + name
        + ", namespace: "
        + ns
        + "}, spec: {spec: {devices: {requests: [{name: gpu, exactly: {deviceClassName: "
        + deviceClass
        + ", "
        + exactly
        + "}}]}}}}";
  }

  /** Waits until the scheduler marks the pod unschedulable (PodScheduled false, Unschedulable). */
  static void awaitUnschedulable(KubeObjects objects, String ns, String pod, Duration wait) {
    await()
        .atMost(wait)
        .untilAsserted(
            () ->
                assertThat(array(objects.get("v1", "Pod", ns, pod), "status.conditions"))
                    .anySatisfy(
                        c -> {
                          assertThat(string(c, "type")).isEqualTo("PodScheduled");
                          assertThat(string(c, "reason")).isEqualTo("Unschedulable");
                        }));
  }

  /** The ResourceSlices that {@code driver} published for {@code node}. */
  static List<JsonObject> slices(KubeObjects objects, String driver, String node) {
    return objects.list(
        "resource.k8s.io/v1",
        "ResourceSlice",
        "",
        "spec.driver=" + driver + ",spec.nodeName=" + node);
  }

  static String uid(JsonObject object) {
    return object.getAsJsonObject("metadata").get("uid").getAsString();
  }

  static String name(JsonObject object) {
    return object.getAsJsonObject("metadata").get("name").getAsString();
  }

  /** The value at a dotted path of object fields, if every step exists. */
  static Optional<JsonElement> at(JsonObject object, String path) {
    JsonElement current = object;
    for (String step : path.split("\\.")) {
      if (current == null || !current.isJsonObject()) {
        return Optional.empty();
      }
      current = current.getAsJsonObject().get(step);
    }
    return Optional.ofNullable(current);
  }

  /** The objects of the array at {@code path}; empty when absent. */
  static List<JsonObject> array(JsonObject object, String path) {
    List<JsonObject> items = new ArrayList<>();
    at(object, path)
        .filter(JsonElement::isJsonArray)
        .map(JsonElement::getAsJsonArray)
        .orElseGet(JsonArray::new)
        .forEach(e -> items.add(e.getAsJsonObject()));
    return items;
  }

  static String string(JsonObject object, String path) {
    return at(object, path).map(JsonElement::getAsString).orElse("");
  }
}
