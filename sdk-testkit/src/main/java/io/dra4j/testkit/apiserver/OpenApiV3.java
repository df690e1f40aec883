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

/**
 * The OpenAPI v3 documents kubectl reads before it writes: {@code /openapi/v3} (the index of group
 * versions) and {@code /openapi/v3/<api|apis/group>/<version>}, one document per served group
 * version with a PATCH operation per kind that declares the {@code fieldValidation} query
 * parameter. That is what kubectl looks for to leave validation to the server ({@code
 * --validate=strict}, its default, then sends {@code fieldValidation=Strict}, which the server
 * honours); without it kubectl downloads {@code /openapi/v2} to validate on its own. The documents
 * carry no schemas, so {@code kubectl explain} has nothing to show.
 */
final class OpenApiV3 {
  static final String ROOT = "/openapi/v3";

  private OpenApiV3() {}

  /**
   * The document at {@code rawPath}, if it is one of these.
   *
   * @param resourceVersions the served versions of resource.k8s.io
   */
  static Optional<JsonObject> answer(String rawPath, List<String> resourceVersions) {
    String path = rawPath.replaceAll("/+$", "");
    if (path.equals(ROOT)) {
      return Optional.of(index(resourceVersions));
    }
    for (String gv : groupVersions(resourceVersions)) {
      if (path.equals(ROOT + "/" + gv)) {
        return Optional.of(document(gv));
      }
    }
    return Optional.empty();
  }

  /** {@code api/v1} and {@code apis/resource.k8s.io/<v>} per served version. */
  private static List<String> groupVersions(List<String> resourceVersions) {
    List<String> out = new ArrayList<>(List.of("api/v1"));
    resourceVersions.forEach(v -> out.add("apis/" + ApiResource.RESOURCE_GROUP + "/" + v));
    return out;
  }

  private static JsonObject index(List<String> resourceVersions) {
    JsonObject paths = new JsonObject();
    for (String gv : groupVersions(resourceVersions)) {
      JsonObject entry = new JsonObject();
      // The hash lets kubectl cache the document; it changes only with the document's content.
      entry.addProperty("serverRelativeURL", ROOT + "/" + gv + "?hash=dra4j-1");
      paths.add(gv, entry);
    }
    JsonObject index = new JsonObject();
    index.add("paths", paths);
    return index;
  }

  private static JsonObject document(String gv) {
    boolean core = gv.equals("api/v1");
    String version = gv.substring(gv.lastIndexOf('/') + 1);
    JsonObject paths = new JsonObject();
    for (ApiResource r : ApiResource.ALL) {
      if (r.group().isEmpty() != core) {
        continue;
      }
      String collection =
          "/" + gv + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural() + "/{name}";
      JsonObject item = new JsonObject();
      item.add("patch", patch(r, version));
      paths.add(collection, item);
    }
    JsonObject info = new JsonObject();
    info.addProperty("title", "dra4j fake API server");
    info.addProperty("version", version);
    JsonObject doc = new JsonObject();
    doc.addProperty("openapi", "3.0.0");
    doc.add("info", info);
    doc.add("paths", paths);
    doc.add("components", new JsonObject());
    return doc;
  }

  private static JsonObject patch(ApiResource r, String version) {
    JsonObject schema = new JsonObject();
    schema.addProperty("type", "string");
    JsonObject fieldValidation = new JsonObject();
    fieldValidation.addProperty("name", "fieldValidation");
    fieldValidation.addProperty("in", "query");
    fieldValidation.add("schema", schema);
    JsonArray parameters = new JsonArray();
    parameters.add(fieldValidation);
    JsonObject gvk = new JsonObject();
    gvk.addProperty("group", r.group());
    gvk.addProperty("version", version);
    gvk.addProperty("kind", r.kind());
    JsonObject op = new JsonObject();
    op.addProperty("operationId", "patch" + r.kind());
    op.add("parameters", parameters);
    op.add("responses", new JsonObject());
    op.add("x-kubernetes-group-version-kind", gvk);
    return op;
  }
}
