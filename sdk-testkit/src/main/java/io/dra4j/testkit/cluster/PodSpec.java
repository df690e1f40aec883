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

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.dra4j.testkit.allocator.ApiModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pod with DRA claims, built in code instead of YAML: one container that uses every claim.
 *
 * <pre>{@code
 * PodRun run = cluster.runPod(PodSpec.pod("trainer-0")
 *     .claimFromTemplate("accel", "trn2-aligned")
 *     .sharedClaim("efa", "shared-efa")
 *     .build());
 * }</pre>
 */
public final class PodSpec {
  private final JsonObject json;

  private PodSpec(JsonObject json) {
    this.json = json;
  }

  /** Starts a pod in namespace {@code default}. */
  public static Builder pod(String name) {
    return new Builder(name);
  }

  /** The pod as the JSON an API client would create. */
  public String json() {
    return ApiModels.gson().toJson(json);
  }

  JsonObject object() {
    return json.deepCopy();
  }

  @Override
  public String toString() {
    return json();
  }

  /** Builds a {@link PodSpec}. */
  public static final class Builder {
    private final String name;
    private String namespace = "default";
    private final List<JsonObject> claims = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** The namespace; default {@code default}. */
    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /** A claim generated for this pod from a ResourceClaimTemplate in the pod's namespace. */
    public Builder claimFromTemplate(String claimName, String templateName) {
      return claim(claimName, "resourceClaimTemplateName", templateName);
    }

    /** An existing ResourceClaim, possibly shared with other pods. */
    public Builder sharedClaim(String claimName, String resourceClaimName) {
      return claim(claimName, "resourceClaimName", resourceClaimName);
    }

    private Builder claim(String claimName, String source, String sourceName) {
      JsonObject c = new JsonObject();
      c.addProperty("name", Objects.requireNonNull(claimName, "claimName"));
      c.addProperty(source, Objects.requireNonNull(sourceName, source));
      claims.add(c);
      return this;
    }

    public PodSpec build() {
      JsonObject pod = new JsonObject();
      pod.addProperty("apiVersion", "v1");
      pod.addProperty("kind", "Pod");
      JsonObject meta = new JsonObject();
      meta.addProperty("name", name);
      meta.addProperty("namespace", namespace);
      pod.add("metadata", meta);
      JsonObject spec = new JsonObject();
      JsonArray resourceClaims = new JsonArray();
      JsonArray uses = new JsonArray();
      for (JsonObject c : claims) {
        resourceClaims.add(c.deepCopy());
        JsonObject use = new JsonObject();
        use.addProperty("name", c.get("name").getAsString());
        uses.add(use);
      }
      JsonObject container = new JsonObject();
      container.addProperty("name", "main");
      container.addProperty("image", "registry.k8s.io/pause:3.10");
      JsonObject resources = new JsonObject();
      resources.add("claims", uses);
      container.add("resources", resources);
      JsonArray containers = new JsonArray();
      containers.add(container);
      spec.add("containers", containers);
      spec.add("resourceClaims", resourceClaims);
      pod.add("spec", spec);
      return new PodSpec(pod);
    }
  }
}
