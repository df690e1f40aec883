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
package io.dra4j.testkit.apiserver;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.ApiJson;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.kube.ResourceVersions;
import io.kubernetes.client.common.KubernetesObject;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.Yaml;

/**
 * Turns what a test hands to {@link FakeApiServer#apply} (YAML or JSON text, a JSON object, a
 * client-java model) into the v1 objects the store keeps, and names the resource each belongs to.
 */
final class Manifests {
  private Manifests() {}

  /**
   * The objects of a YAML (multi-document) or JSON text; the items of a {@code *List} flattened.
   */
  static List<JsonObject> parse(String yamlOrJson) {
    List<JsonObject> out = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(yamlOrJson)) {
      if (doc == null) {
        continue;
      }
      JsonObject o = Exchange.GSON.toJsonTree(doc).getAsJsonObject();
      String kind = JsonFields.string(o, "kind");
      if (kind.endsWith("List") && o.has("items")) {
        for (JsonElement item : o.getAsJsonArray("items")) {
          out.add(item.getAsJsonObject());
        }
      } else {
        out.add(o);
      }
    }
    return out;
  }

  /**
   * A client-java model as JSON; a missing {@code apiVersion} and {@code kind} are taken from the
   * model's class.
   *
   * @throws IllegalArgumentException when the class is of a resource this server does not serve
   */
  static JsonObject fromModel(KubernetesObject model) {
    JsonObject o = ApiJson.toJson(model);
    if (!o.has("kind")) {
      String kind = model.getClass().getSimpleName().replaceFirst("^(ResourceV1|CoreV1|V1)", "");
      ApiResource r =
          ApiResource.ALL.stream()
              .filter(x -> x.kind().equals(kind))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the fake API server does not serve "
                              + model.getClass().getSimpleName()
                              + "; apply one of "
                              + served()));
      o.addProperty("kind", r.kind());
      o.addProperty("apiVersion", r.apiVersion());
    }
    return o;
  }

  /** The object as stored: resource.k8s.io objects of another version converted to v1. */
  static JsonObject toV1(JsonObject given) {
    String givenVersion = JsonFields.string(given, "apiVersion");
    if (!givenVersion.startsWith(ApiResource.RESOURCE_GROUP + "/")) {
      return given;
    }
    String version = givenVersion.substring(ApiResource.RESOURCE_GROUP.length() + 1);
    String plural =
        ApiResource.byKind(givenVersion, JsonFields.string(given, "kind"))
            .map(ApiResource::plural)
            .orElse("");
    JsonObject o = ResourceVersions.toV1(given.deepCopy(), version, plural);
    o.addProperty("apiVersion", ApiResource.RESOURCE_GROUP + "/v1");
    return o;
  }

  /**
   * The resource of an object by its {@code apiVersion} and {@code kind}.
   *
   * @throws IllegalArgumentException listing the served kinds when it is none of them
   */
  static ApiResource resourceOf(JsonObject o) {
    String apiVersion = JsonFields.string(o, "apiVersion");
    String kind = JsonFields.string(o, "kind");
    return ApiResource.byKind(apiVersion, kind)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the fake API server does not serve "
                        + apiVersion
                        + " "
                        + kind
                        + ": use one of "
                        + served()));
  }

  private static List<String> served() {
    return ApiResource.ALL.stream().map(x -> x.apiVersion() + " " + x.kind()).toList();
  }
}
