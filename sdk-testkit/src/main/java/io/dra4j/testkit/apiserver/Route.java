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

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.ResourceVersions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The target of one REST request, parsed from its URL, and the conversion between the version in
 * the URL and the stored v1 form.
 *
 * @param resource the resource addressed
 * @param version the version in the URL (the store keeps v1)
 * @param namespace the namespace, empty for cluster-scoped resources and all-namespace lists
 * @param name the object name, empty for collections
 * @param subresource {@code status} or empty
 */
record Route(
    ApiResource resource, String version, String namespace, String name, String subresource) {

  /**
   * Parses a raw URL path such as {@code /apis/resource.k8s.io/v1/resourceslices/a}.
   *
   * @param resourceVersions the served versions of resource.k8s.io
   * @param taintRuleVersion the version of resource.k8s.io DeviceTaintRules are served in, if any
   * @throws ApiError 404 when the path names nothing this server serves
   */
  static Route parse(
      String path, List<String> resourceVersions, Optional<String> taintRuleVersion) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    String group;
    String version;
    int i;
    if (parts.length >= 2 && parts[0].equals("api")) {
      group = "";
      version = parts[1];
      i = 2;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      version = parts[2];
      i = 3;
    } else {
      throw notFound("");
    }
    String namespace = "";
    if (parts.length - i >= 3 && parts[i].equals("namespaces")) {
      namespace = decode(parts[i + 1]);
      i += 2;
    }
    if (i >= parts.length) {
      throw notFound("");
    }
    String plural = parts[i];
    boolean resourceGroup = group.equals(ApiResource.RESOURCE_GROUP);
    boolean served =
        plural.equals(ApiResource.TAINT_RULES)
            ? taintRuleVersion.filter(version::equals).isPresent()
            : resourceVersions.contains(version);
    if (resourceGroup && !served) {
      throw notFound(" (" + group + "/" + version + ")");
    }
    ApiResource r =
        ApiResource.find(group, resourceGroup ? "v1" : version, plural)
            .orElseThrow(
                () ->
                    notFound(
                        " ("
                            + plural
                            + " in "
                            + (group.isEmpty() ? version : group + "/" + version)
                            + ")"));
    String name = parts.length > i + 1 ? decode(parts[i + 1]) : "";
    String sub = parts.length > i + 2 ? parts[i + 2] : "";
    if (!sub.isEmpty() && !(sub.equals("status") && r.hasStatus())) {
      throw notFound("");
    }
    if (!r.namespaced() && !namespace.isEmpty()) {
      throw new ApiError(404, "NotFound", r.plural() + " are not namespaced");
    }
    return new Route(r, version, namespace, name, sub);
  }

  private static ApiError notFound(String what) {
    return new ApiError(404, "NotFound", "the server could not find the requested resource" + what);
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The resource as the request log and fault injection name it: {@code pods/status}. */
  String resourcePath() {
    return resource.plural() + (subresource.isEmpty() ? "" : "/" + subresource);
  }

  /** The apiVersion of the URL, e.g. {@code resource.k8s.io/v1beta2}. */
  String apiVersion() {
    return resource.group().isEmpty() ? version : resource.group() + "/" + version;
  }

  /** A stored object as read through this route's version (a copy when it differs from v1). */
  JsonObject wire(JsonObject stored) {
    if (version.equals(resource.version())) {
      return stored;
    }
    return ResourceVersions.toServed(stored.deepCopy(), version, resource.plural());
  }

  /** A request body in this route's version, as stored (v1). */
  JsonObject stored(JsonObject wire) {
    if (version.equals(resource.version())) {
      return wire;
    }
    return ResourceVersions.toV1(wire, version, resource.plural());
  }

  /** A list of stored objects as sent through this route's version. */
  JsonObject listOf(ObjectStore.ListResult result) {
    JsonObject list = new JsonObject();
    list.addProperty("kind", resource.kind() + "List");
    list.addProperty("apiVersion", apiVersion());
    JsonObject meta = new JsonObject();
    meta.addProperty("resourceVersion", String.valueOf(result.resourceVersion()));
    list.add("metadata", meta);
    JsonArray items = new JsonArray();
    result.items().forEach(o -> items.add(wire(o)));
    list.add("items", items);
    return list;
  }
}
