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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cluster's JSON helpers: read a path, create a child, sort by name. Conversions between the
 * API server's JSON and client-java models, used only at the typed edges (the allocator in {@link
 * Scheduler}, the kubelet's {@code preparePod} in {@link PodLifecycle}, {@link
 * DraCluster#slices()}), go through {@link io.dra4j.testkit.allocator.ApiModels}.
 */
final class ModelJson {
  private ModelJson() {}

  /** The object at {@code path}, or a new empty one. */
  static JsonObject obj(JsonObject o, String... path) {
    return JsonFields.object(o, path).orElseGet(JsonObject::new);
  }

  /** The child object {@code name}, created when missing. */
  static JsonObject objOrCreate(JsonObject o, String name) {
    if (!o.has(name) || !o.get(name).isJsonObject()) {
      o.add(name, new JsonObject());
    }
    return o.getAsJsonObject(name);
  }

  /** The objects sorted by {@code metadata.name}. */
  static List<JsonObject> byName(List<JsonObject> objects) {
    List<JsonObject> out = new ArrayList<>(objects);
    out.sort(Comparator.comparing(o -> JsonFields.string(o, "metadata", "name")));
    return out;
  }
}
