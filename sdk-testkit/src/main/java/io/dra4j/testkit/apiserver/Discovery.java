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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The discovery documents client-java and kubectl read: /version, /api, /apis and groups. */
final class Discovery {
  private Discovery() {}

  /**
   * The discovery document at {@code rawPath}, if it is one.
   *
   * @param resourceVersions the served versions of resource.k8s.io, preferred first (may be empty)
   * @param minorVersion the Kubernetes 1.x minor version {@code /version} reports
   * @param taintRuleVersion the version DeviceTaintRules are served in, if any
   */
  static Optional<JsonObject> answer(
      String rawPath,
      List<String> servedVersions,
      int minorVersion,
      Optional<String> taintRuleVersion) {
    String path = rawPath.replaceAll("/+$", "");
    String group = ApiResource.RESOURCE_GROUP;
    List<String> resourceVersions = new ArrayList<>(servedVersions);
    taintRuleVersion
        .filter(v -> !servedVersions.isEmpty() && !servedVersions.contains(v))
        .ifPresent(resourceVersions::add);
    if (path.startsWith("/apis/" + group + "/")) {
      String version = path.substring(("/apis/" + group + "/").length());
      if (!resourceVersions.contains(version)) {
        return Optional.empty();
      }
      JsonObject list = resources(group, version);
      boolean rules = taintRuleVersion.filter(version::equals).isPresent();
      boolean others = servedVersions.contains(version);
      JsonArray kept = new JsonArray();
      for (com.google.gson.JsonElement e : list.getAsJsonArray("resources")) {
        boolean rule =
            e.getAsJsonObject().get("name").getAsString().startsWith(ApiResource.TAINT_RULES);
        if (rule ? rules : others) {
          kept.add(e);
        }
      }
      list.add("resources", kept);
      return Optional.of(list);
    }
    switch (path) {
      case "/version":
        return Optional.of(version(minorVersion));
      case "/api":
        {
          JsonObject o = new JsonObject();
          o.addProperty("kind", "APIVersions");
          JsonArray versions = new JsonArray();
          versions.add("v1");
          o.add("versions", versions);
          JsonArray cidrs = new JsonArray();
          JsonObject cidr = new JsonObject();
          cidr.addProperty("clientCIDR", "0.0.0.0/0");
          cidr.addProperty("serverAddress", "127.0.0.1");
          cidrs.add(cidr);
          o.add("serverAddressByClientCIDRs", cidrs);
          return Optional.of(o);
        }
      case "/apis":
        {
          JsonObject o = new JsonObject();
          o.addProperty("kind", "APIGroupList");
          o.addProperty("apiVersion", "v1");
          JsonArray groups = new JsonArray();
          if (!resourceVersions.isEmpty()) {
            groups.add(group(group, resourceVersions));
          }
          o.add("groups", groups);
          return Optional.of(o);
        }
      case "/apis/resource.k8s.io":
        {
          if (resourceVersions.isEmpty()) {
            return Optional.empty();
          }
          JsonObject g = group(group, resourceVersions);
          g.addProperty("kind", "APIGroup");
          g.addProperty("apiVersion", "v1");
          return Optional.of(g);
        }
      case "/api/v1":
        return Optional.of(resources("", "v1"));
      default:
        return Optional.empty();
    }
  }

  private static JsonObject version(int minor) {
    JsonObject v = new JsonObject();
    v.addProperty("major", "1");
    v.addProperty("minor", Integer.toString(minor));
    v.addProperty("gitVersion", "v1." + minor + ".0-dra4j-fake");
    v.addProperty("gitCommit", "0000000000000000000000000000000000000000");
    v.addProperty("gitTreeState", "clean");
    v.addProperty("buildDate", "2026-01-01T00:00:00Z");
    v.addProperty("goVersion", "n/a");
    v.addProperty("compiler", "n/a");
    v.addProperty("platform", "java");
    return v;
  }

  private static JsonObject group(String name, List<String> served) {
    JsonObject g = new JsonObject();
    g.addProperty("name", name);
    JsonArray versions = new JsonArray();
    for (String v : served) {
      JsonObject gv = new JsonObject();
      gv.addProperty("groupVersion", name + "/" + v);
      gv.addProperty("version", v);
      versions.add(gv);
    }
    g.add("versions", versions);
    g.add("preferredVersion", versions.get(0).deepCopy());
    return g;
  }

  private static JsonObject resources(String group, String version) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", "APIResourceList");
    o.addProperty("apiVersion", "v1");
    o.addProperty("groupVersion", group.isEmpty() ? version : group + "/" + version);
    JsonArray list = new JsonArray();
    for (ApiResource r : ApiResource.ALL) {
      if (!r.group().equals(group)) {
        continue;
      }
      list.add(resource(r, r.plural()));
      if (r.hasStatus()) {
        JsonObject status = resource(r, r.plural() + "/status");
        JsonArray verbs = new JsonArray();
        for (String v : new String[] {"get", "patch", "update"}) {
          verbs.add(v);
        }
        status.add("verbs", verbs);
        list.add(status);
      }
    }
    o.add("resources", list);
    return o;
  }

  private static JsonObject resource(ApiResource r, String name) {
    JsonObject o = new JsonObject();
    o.addProperty("name", name);
    o.addProperty("singularName", name.contains("/") ? "" : r.singular());
    o.addProperty("namespaced", r.namespaced());
    o.addProperty("kind", r.kind());
    JsonArray verbs = new JsonArray();
    for (String v :
        new String[] {
          "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"
        }) {
      verbs.add(v);
    }
    o.add("verbs", verbs);
    if (!name.contains("/") && !r.shortNames().isEmpty()) {
      JsonArray shorts = new JsonArray();
      r.shortNames().forEach(shorts::add);
      o.add("shortNames", shorts);
    }
    return o;
  }
}
