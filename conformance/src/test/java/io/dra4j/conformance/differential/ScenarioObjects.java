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
import io.dra4j.conformance.cluster.KubeObjectException;
import io.dra4j.conformance.cluster.KubeObjects;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a scenario's objects the same way on both sides, through {@link KubeObjects}: the real API
 * server and the testkit's {@code FakeApiServer} get the same requests, and a refusal comes back as
 * the same {@link ApplyOutcome.ApiRefusal}.
 */
final class ScenarioObjects {
  private ScenarioObjects() {}

  /**
   * The object as {@code release} takes it: namespaced kinds in {@code namespace}, a
   * DeviceTaintRule in the release's version of {@code resource.k8s.io}.
   */
  static JsonObject forRelease(JsonObject object, String namespace, Release release) {
    JsonObject copy = Namespaced.in(object, namespace);
    if ("DeviceTaintRule".equals(JsonFields.string(copy, "kind"))) {
      copy.addProperty("apiVersion", "resource.k8s.io/" + release.features().taintRuleApiVersion());
    }
    return copy;
  }

  /** Creates the namespace with {@code labels}; one left by an earlier run is kept. */
  static void createNamespace(KubeObjects objects, String name, Map<String, String> labels) {
    JsonObject meta = new JsonObject();
    meta.addProperty("name", name);
    JsonObject l = new JsonObject();
    labels.forEach(l::addProperty);
    meta.add("labels", l);
    JsonObject ns = new JsonObject();
    ns.addProperty("apiVersion", "v1");
    ns.addProperty("kind", "Namespace");
    ns.add("metadata", meta);
    try {
      objects.create(ns);
    } catch (KubeObjectException e) {
      // Namespaces outlive a scenario on a control plane: no namespace controller deletes them.
      if (e.code() != 409) {
        throw e;
      }
    }
  }

  /**
   * Creates {@code object}, or replaces it when one of that name exists.
   *
   * @return the API server's refusal, if it refused
   */
  static Optional<ApplyOutcome.ApiRefusal> createOrReplace(KubeObjects objects, JsonObject object) {
    try {
      try {
        objects.create(object);
      } catch (KubeObjectException e) {
        if (e.code() != 409) {
          throw e;
        }
        JsonObject current =
            objects.get(
                JsonFields.string(object, "apiVersion"),
                JsonFields.string(object, "kind"),
                JsonFields.string(object, "metadata", "namespace"),
                JsonFields.string(object, "metadata", "name"));
        JsonObject next = object.deepCopy();
        next.getAsJsonObject("metadata")
            .addProperty(
                "resourceVersion", JsonFields.string(current, "metadata", "resourceVersion"));
        objects.replace(next);
      }
      return Optional.empty();
    } catch (KubeObjectException e) {
      return Optional.of(ApplyOutcome.ApiRefusal.of(e));
    } catch (IllegalArgumentException e) {
      // KubeObjects found no such kind in discovery: the version is not served (404 NotFound).
      return Optional.of(
          new ApplyOutcome.ApiRefusal(404, "NotFound", java.util.List.of(), e.getMessage()));
    }
  }

  /** Deletes the object; one that is missing, or of a kind not served, is no error. */
  static void delete(KubeObjects objects, JsonObject object) {
    try {
      objects.delete(
          JsonFields.string(object, "apiVersion"),
          JsonFields.string(object, "kind"),
          JsonFields.string(object, "metadata", "namespace"),
          JsonFields.string(object, "metadata", "name"));
    } catch (IllegalArgumentException e) {
      // Not served here, so never created.
    }
  }
}
