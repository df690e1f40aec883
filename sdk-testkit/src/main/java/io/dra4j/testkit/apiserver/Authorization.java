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

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the {@link FakeApiServer}'s one user may do: everything, until a test denies a verb on a
 * resource. A denied request gets kube-apiserver's 403 Forbidden, and a SelfSubjectAccessReview
 * ({@code POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews}) answers {@code allowed:
 * false} for it, as RBAC would. Get it with {@link FakeApiServer#authorization()}. Thread-safe.
 *
 * <pre>{@code
 * api.authorization().deny("delete", "resourceslices");
 * api.authorization().deny(Faults.ANY, "resourceclaims/status");
 * api.authorization().allowAll();
 * }</pre>
 */
public final class Authorization {
  static final String REVIEW_PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

  private final Set<String> denied = ConcurrentHashMap.newKeySet();

  Authorization() {}

  /**
   * Denies {@code verb} ({@link Faults#ANY} for every verb) on {@code resource}: its plural, or
   * {@code plural/subresource} for a subresource only.
   *
   * @return this authorization
   */
  public Authorization deny(String verb, String resource) {
    denied.add(verb + " " + resource);
    return this;
  }

  /** Allows everything again. */
  public void allowAll() {
    denied.clear();
  }

  /** Whether {@code verb} on {@code resource} ({@code plural} or {@code plural/sub}) is allowed. */
  boolean allows(String verb, String resource) {
    return !denied.contains(verb + " " + resource) && !denied.contains(Faults.ANY + " " + resource);
  }

  /**
   * Refuses a request that is denied.
   *
   * @throws ApiError 403 Forbidden with kube-apiserver's message
   */
  void check(String verb, Route route) {
    if (!allows(verb, route.resourcePath())) {
      throw ApiError.forbidden(verb, route);
    }
  }

  /** Answers a SelfSubjectAccessReview: the request with its {@code status} filled in. */
  JsonObject review(JsonObject request) {
    if (!request.has("spec") || !request.getAsJsonObject("spec").has("resourceAttributes")) {
      throw ApiError.badRequest(
          "the fake API server reviews resourceAttributes only (spec.resourceAttributes)");
    }
    String verb = JsonFields.string(request, "spec", "resourceAttributes", "verb");
    String resource = JsonFields.string(request, "spec", "resourceAttributes", "resource");
    String sub = JsonFields.string(request, "spec", "resourceAttributes", "subresource");
    boolean allowed = allows(verb, sub.isEmpty() ? resource : resource + "/" + sub);
    JsonObject status = new JsonObject();
    status.addProperty("allowed", allowed);
    if (!allowed) {
      status.addProperty("reason", "denied by the fake API server's authorization");
    }
    JsonObject out = request.deepCopy();
    out.addProperty("apiVersion", "authorization.k8s.io/v1");
    out.addProperty("kind", "SelfSubjectAccessReview");
    out.add("status", status);
    return out;
  }
}
