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
package io.dra4j.runtime.internal.rbac;

import com.google.gson.JsonObject;
import io.dra4j.runtime.ConfigurationException;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.kube.JsonInformer;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.kubernetes.client.openapi.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the API server, with one SelfSubjectAccessReview (authorization.k8s.io/v1) per permission,
 * whether the driver's credentials allow what the runtime does, before it does any of it. A missing
 * required permission stops the start with one error naming every missing permission and the
 * ClusterRole rules that grant them; a missing optional one is a warning. When the server cannot
 * answer (unreachable, or the review itself is forbidden) the check is skipped with a warning: the
 * runtime then reports each refused call as it happens.
 */
public final class PermissionCheck {
  private static final Logger LOG = LoggerFactory.getLogger(PermissionCheck.class);

  /**
   * What the server refused.
   *
   * @param missingRequired required permissions refused, in the order asked
   * @param missingOptional optional permissions refused, in the order asked
   */
  public record Outcome(List<ApiPermission> missingRequired, List<ApiPermission> missingOptional) {
    public Outcome {
      missingRequired = List.copyOf(missingRequired);
      missingOptional = List.copyOf(missingOptional);
    }
  }

  private PermissionCheck() {}

  /**
   * Checks {@code needed} for {@code driver}.
   *
   * @return what was refused; empty lists when everything is allowed or the check was skipped
   * @throws ConfigurationException naming every missing required permission and the rules to add
   */
  public static Outcome enforce(KubeClient client, String driver, List<ApiPermission> needed) {
    Outcome outcome;
    try {
      outcome = ask(client, needed);
    } catch (ApiException e) {
      LOG.warn(
          "cannot check the RBAC permissions of driver {} ({}); starting anyway, a missing"
              + " permission shows as an HTTP 403 error when the runtime needs it",
          driver,
          JsonInformer.describe(e));
      return new Outcome(List.of(), List.of());
    }
    if (!outcome.missingOptional().isEmpty()) {
      LOG.warn(
          "driver {} may not {}; the runtime does without. To grant it, add to the driver's"
              + " ClusterRole:\n{}",
          driver,
          list(outcome.missingOptional()),
          RbacRules.yaml(outcome.missingOptional()));
    }
    if (!outcome.missingRequired().isEmpty()) {
      throw new ConfigurationException(refusal(driver, outcome.missingRequired()));
    }
    return outcome;
  }

  /** The error for missing required permissions. */
  static String refusal(String driver, List<ApiPermission> missing) {
    return "the Kubernetes credentials of driver "
        + driver
        + " lack "
        + (missing.size() == 1 ? "a permission" : missing.size() + " permissions")
        + " the runtime needs: "
        + list(missing)
        + ". Add these rules to the ClusterRole bound to the driver's service account and restart"
        + " the driver:\n"
        + RbacRules.yaml(missing);
  }

  private static String list(List<ApiPermission> permissions) {
    return permissions.stream()
        .map(p -> p.describe() + " [" + p.purpose() + "]")
        .collect(Collectors.joining(", "));
  }

  /**
   * Sends one SelfSubjectAccessReview per permission, all at once (each on its own HTTP call), and
   * sorts the refused ones into required and optional.
   */
  private static Outcome ask(KubeClient client, List<ApiPermission> needed) throws ApiException {
    List<CompletableFuture<JsonObject>> answers = new ArrayList<>();
    for (ApiPermission p : needed) {
      answers.add(submit(client, review(p)));
    }
    List<ApiPermission> required = new ArrayList<>();
    List<ApiPermission> optional = new ArrayList<>();
    for (int i = 0; i < needed.size(); i++) {
      ApiPermission p = needed.get(i);
      JsonObject review = await(answers.get(i));
      if (!JsonFields.optBoolean(
              JsonFields.object(review, "status").orElse(new JsonObject()), "allowed")
          .orElse(false)) {
        (p.required() ? required : optional).add(p);
      }
    }
    return new Outcome(required, optional);
  }

  private static JsonObject review(ApiPermission p) {
    JsonObject attributes = new JsonObject();
    attributes.addProperty("group", p.group());
    attributes.addProperty("resource", p.resource());
    attributes.addProperty("verb", p.verb());
    if (!p.subresource().isEmpty()) {
      attributes.addProperty("subresource", p.subresource());
    }
    p.name().ifPresent(n -> attributes.addProperty("name", n));
    JsonObject spec = new JsonObject();
    spec.add("resourceAttributes", attributes);
    JsonObject review = new JsonObject();
    review.addProperty("apiVersion", "authorization.k8s.io/v1");
    review.addProperty("kind", "SelfSubjectAccessReview");
    review.add("spec", spec);
    return review;
  }

  private static CompletableFuture<JsonObject> submit(KubeClient client, JsonObject review)
      throws ApiException {
    Call call =
        client.send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review);
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            answer.completeExceptionally(new ApiException(e));
          }

          @Override
          public void onResponse(Call c, Response response) {
            try (response) {
              answer.complete(KubeClient.read(c, response));
            } catch (ApiException | RuntimeException e) {
              answer.completeExceptionally(e);
            }
          }
        });
    return answer;
  }

  private static JsonObject await(CompletableFuture<JsonObject> answer) throws ApiException {
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException a) {
        throw a;
      }
      throw new ApiException(e.getCause());
    }
  }
}
