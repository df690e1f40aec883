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
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The resourceclaim controller's work for one pod: creates a claim for each {@code
 * spec.resourceClaims[].resourceClaimTemplateName} (named {@code <pod>-<claim>-xxxxx}, owned by the
 * pod, annotated with its pod claim name), checks that each {@code resourceClaimName} exists, and
 * records the generated names in the pod's {@code status.resourceClaimStatuses}.
 */
final class ClaimController {
  private final ApiRest rest;
  private final Supplier<String> report;

  ClaimController(ApiRest rest, Supplier<String> report) {
    this.rest = rest;
    this.report = report;
  }

  /**
   * The claims of a created pod, in the pod's order, generating those that come from templates.
   *
   * @throws IllegalArgumentException when a template or named claim is missing, or a pod claim
   *     names neither
   */
  List<PodClaim> claimsOf(JsonObject pod, PodRef ref) {
    List<PodClaim> out = new ArrayList<>();
    JsonArray statuses = new JsonArray();
    for (JsonObject rc : JsonFields.objects(pod, "spec", "resourceClaims")) {
      String claimName = JsonFields.string(rc, "name");
      String template = JsonFields.string(rc, "resourceClaimTemplateName");
      String shared = JsonFields.string(rc, "resourceClaimName");
      if (!template.isEmpty()) {
        JsonObject tpl =
            rest.get(ApiPaths.object(ApiPaths.templates(ref.namespace()), template))
                .orElseThrow(() -> missing(ref, claimName, "ResourceClaimTemplate", template));
        JsonObject stored =
            rest.create(ApiPaths.claims(ref.namespace()), generatedClaim(ref, claimName, tpl));
        String name = JsonFields.string(stored, "metadata", "name");
        JsonObject status = new JsonObject();
        status.addProperty("name", claimName);
        status.addProperty("resourceClaimName", name);
        statuses.add(status);
        out.add(new PodClaim(claimName, ApiPaths.claim(ref.namespace(), name), true));
      } else if (!shared.isEmpty()) {
        String path = ApiPaths.claim(ref.namespace(), shared);
        if (rest.get(path).isEmpty()) {
          throw missing(ref, claimName, "ResourceClaim", shared);
        }
        out.add(new PodClaim(claimName, path, false));
      } else {
        throw new IllegalArgumentException(
            "pod "
                + ref.name()
                + " claim "
                + claimName
                + " needs resourceClaimTemplateName or resourceClaimName");
      }
    }
    if (!statuses.isEmpty()) {
      rest.update(
          ApiPaths.pod(ref.namespace(), ref.name()),
          "/status",
          p -> {
            ModelJson.objOrCreate(p, "status").add("resourceClaimStatuses", statuses);
            return p;
          });
    }
    return out;
  }

  private IllegalArgumentException missing(PodRef ref, String claimName, String kind, String name) {
    return new IllegalArgumentException(
        "pod "
            + ref.name()
            + " claim "
            + claimName
            + " uses "
            + kind
            + " "
            + ref.namespace()
            + "/"
            + name
            + ", which does not exist: apply it first\n"
            + report.get());
  }

  private static JsonObject generatedClaim(PodRef pod, String claimName, JsonObject template) {
    JsonObject claim = new JsonObject();
    claim.addProperty("apiVersion", "resource.k8s.io/v1");
    claim.addProperty("kind", "ResourceClaim");
    JsonObject meta = ownedBy(pod, pod.name() + "-" + claimName + "-");
    JsonObject tplMeta = ModelJson.obj(template, "spec", "metadata");
    if (tplMeta.has("labels")) {
      meta.add("labels", tplMeta.get("labels").deepCopy());
    }
    JsonObject annotations =
        tplMeta.has("annotations")
            ? tplMeta.getAsJsonObject("annotations").deepCopy()
            : new JsonObject();
    annotations.addProperty(DraCluster.POD_CLAIM_NAME_ANNOTATION, claimName);
    meta.add("annotations", annotations);
    claim.add("metadata", meta);
    claim.add("spec", ModelJson.obj(template, "spec", "spec").deepCopy());
    return claim;
  }

  /** The metadata of a claim made for {@code pod}: generated name, namespace, pod as owner. */
  static JsonObject ownedBy(PodRef pod, String generateName) {
    JsonObject meta = new JsonObject();
    meta.addProperty("generateName", generateName);
    meta.addProperty("namespace", pod.namespace());
    JsonObject owner = new JsonObject();
    owner.addProperty("apiVersion", "v1");
    owner.addProperty("kind", "Pod");
    owner.addProperty("name", pod.name());
    owner.addProperty("uid", pod.uid());
    owner.addProperty("controller", true);
    owner.addProperty("blockOwnerDeletion", true);
    JsonArray owners = new JsonArray();
    owners.add(owner);
    meta.add("ownerReferences", owners);
    return meta;
  }
}
