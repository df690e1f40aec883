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

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The cluster's state for a failure message: ResourceSlices (devices per driver and node),
 * ResourceClaims (allocation and reservedFor), pods, and each kubelet's registrations, claims and
 * events. A section the API server cannot list says so instead of failing the report.
 */
final class ClusterReport {
  private final Path root;
  private final ApiRest rest;
  private final Supplier<List<SimulatedNode>> nodes;

  ClusterReport(Path root, ApiRest rest, Supplier<List<SimulatedNode>> nodes) {
    this.root = root;
    this.rest = rest;
    this.nodes = nodes;
  }

  /** The report text. */
  String describe() {
    StringBuilder b = new StringBuilder("---- DRA cluster (").append(root).append(") ----\n");
    section(b, "ResourceSlices", ApiPaths.SLICES, ClusterReport::describeSlice);
    section(b, "ResourceClaims", ApiPaths.ALL_CLAIMS, ClusterReport::describeClaim);
    section(b, "Pods", ApiPaths.ALL_PODS, ClusterReport::describePod);
    for (SimulatedNode n : nodes.get()) {
      b.append(n.kubelet().describe()).append('\n');
    }
    return b.toString();
  }

  private void section(
      StringBuilder b, String title, String collection, Function<JsonObject, String> line) {
    b.append(title).append(":\n");
    List<JsonObject> objects;
    try {
      objects = rest.list(collection);
    } catch (RuntimeException e) {
      b.append("  (cannot list them: ").append(e.getMessage()).append(")\n");
      return;
    }
    if (objects.isEmpty()) {
      b.append("  (none)\n");
    }
    for (JsonObject o : objects) {
      b.append("  ").append(line.apply(o)).append('\n');
    }
  }

  private static String describeSlice(JsonObject s) {
    List<String> names =
        JsonFields.objects(s, "spec", "devices").stream()
            .map(d -> JsonFields.string(d, "name"))
            .toList();
    return JsonFields.string(s, "metadata", "name")
        + ": driver "
        + JsonFields.string(s, "spec", "driver")
        + ", node "
        + JsonFields.string(s, "spec", "nodeName")
        + ", pool "
        + JsonFields.string(s, "spec", "pool", "name")
        + ", "
        + names.size()
        + " devices "
        + names;
  }

  private static String describeClaim(JsonObject c) {
    String allocation =
        ModelJson.obj(c, "status").has("allocation")
            ? "allocated "
                + JsonFields.objects(c, "status", "allocation", "devices", "results").stream()
                    .map(
                        r ->
                            JsonFields.string(r, "request")
                                + "="
                                + JsonFields.string(r, "driver")
                                + "/"
                                + JsonFields.string(r, "pool")
                                + "/"
                                + JsonFields.string(r, "device"))
                    .toList()
            : "not allocated";
    return namespacedName(c)
        + ": "
        + allocation
        + ", reservedFor "
        + JsonFields.objects(c, "status", "reservedFor").stream()
            .map(r -> JsonFields.string(r, "name"))
            .toList();
  }

  private static String describePod(JsonObject p) {
    String nodeName = JsonFields.string(p, "spec", "nodeName");
    return namespacedName(p)
        + ": "
        + (nodeName.isEmpty() ? "Pending (not scheduled)" : "bound to " + nodeName);
  }

  private static String namespacedName(JsonObject o) {
    return JsonFields.string(o, "metadata", "namespace")
        + "/"
        + JsonFields.string(o, "metadata", "name");
  }
}
