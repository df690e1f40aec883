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

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.allocator.ApiModels;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.Yaml;

/**
 * Applies objects given as YAML or JSON text through the API server: each document (or each item of
 * a {@code List}) is created, or replaced when an object of that name exists; a {@code status} it
 * carries is written through the {@code /status} subresource, so tests can apply allocated claims.
 */
final class ManifestApplier {
  private final ApiRest rest;

  ManifestApplier(ApiRest rest) {
    this.rest = rest;
  }

  /** The documents of a (multi-document) YAML or JSON text, empty documents left out. */
  static List<JsonObject> documents(String text) {
    List<JsonObject> out = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(text)) {
      if (doc != null) {
        out.add(ApiModels.gson().toJsonTree(doc).getAsJsonObject());
      }
    }
    return out;
  }

  /**
   * Creates or replaces every object of the text.
   *
   * @return the stored objects, with uid and resourceVersion
   * @throws IllegalArgumentException when an object is of a kind the cluster does not serve or the
   *     API server rejects it
   */
  List<JsonObject> apply(String text) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject doc : documents(text)) {
      if (JsonFields.string(doc, "kind").endsWith("List") && doc.has("items")) {
        for (JsonElement item : doc.getAsJsonArray("items")) {
          out.add(apply(item.getAsJsonObject()));
        }
      } else {
        out.add(apply(doc));
      }
    }
    return out;
  }

  /** Creates or replaces one object; see {@link #apply(String)}. */
  JsonObject apply(JsonObject given) {
    String apiVersion = JsonFields.string(given, "apiVersion");
    String kind = JsonFields.string(given, "kind");
    ApiPaths.Resource resource =
        ApiPaths.resource(apiVersion, kind)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "cannot apply "
                            + (apiVersion + " " + kind).trim()
                            + ": the cluster applies only the kinds "
                            + ApiPaths.kinds()
                            + "; set apiVersion and kind to one of them"));
    JsonObject desired = given.deepCopy();
    JsonObject meta = ModelJson.objOrCreate(desired, "metadata");
    meta.remove("resourceVersion");
    String namespace = "";
    if (resource.namespaced()) {
      namespace = JsonFields.string(meta, "namespace");
      if (namespace.isEmpty()) {
        namespace = "default";
        meta.addProperty("namespace", namespace);
      }
    }
    String collection = resource.collection(apiVersion, namespace);
    String name = JsonFields.string(meta, "name");
    try {
      JsonObject stored;
      if (!name.isEmpty() && rest.get(ApiPaths.object(collection, name)).isPresent()) {
        stored = rest.update(ApiPaths.object(collection, name), "", c -> sameVersion(desired, c));
      } else {
        stored = rest.create(collection, desired);
      }
      if (resource.hasStatus() && given.has("status")) {
        String path = ApiPaths.object(collection, JsonFields.string(stored, "metadata", "name"));
        stored =
            rest.update(
                path,
                "/status",
                c -> {
                  c.add("status", given.get("status").deepCopy());
                  return c;
                });
      }
      return stored;
    } catch (ApiRest.ApiCallException e) {
      if (e.code() / 100 != 4 || e.code() == 409) {
        throw e;
      }
      throw new IllegalArgumentException(
          "cannot apply "
              + kind
              + " "
              + (namespace.isEmpty() ? "" : namespace + "/")
              + (name.isEmpty() ? JsonFields.string(meta, "generateName") + "*" : name)
              + ": "
              + e.getMessage()
              + "; fix the object and apply it again",
          e);
    }
  }

  /** The desired object carrying the stored resourceVersion, so the replace is not refused. */
  private static JsonObject sameVersion(JsonObject desired, JsonObject current) {
    JsonObject next = desired.deepCopy();
    ModelJson.objOrCreate(next, "metadata")
        .addProperty("resourceVersion", JsonFields.string(current, "metadata", "resourceVersion"));
    return next;
  }

  /** The DeviceClass named after {@code driver} that selects all its devices. */
  static String deviceClassFor(String driver) {
    return """
        apiVersion: resource.k8s.io/v1
        kind: DeviceClass
        metadata: {name: %s}
        spec:
          selectors:
          - cel: {expression: 'device.driver == "%s"'}
        """
        .formatted(driver, driver);
  }

  /** A ResourceClaimTemplate in {@code default} with one request for {@code count} devices. */
  static String claimTemplate(String name, String request, String deviceClass, int count) {
    return """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaimTemplate
        metadata: {name: %s, namespace: default}
        spec:
          spec:
            devices:
              requests:
              - name: %s
                exactly: {deviceClassName: %s, allocationMode: ExactCount, count: %d}
        """
        .formatted(name, request, deviceClass, count);
  }
}
