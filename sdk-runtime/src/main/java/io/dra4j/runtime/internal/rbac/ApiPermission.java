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

import java.util.Objects;
import java.util.Optional;

/**
 * One permission the runtime needs: a verb on a resource (or subresource) of an API group,
 * optionally on one named object, and whether the runtime refuses to start without it.
 *
 * @param group the API group, empty for the core group
 * @param resource the resource's plural, e.g. {@code resourceslices}
 * @param subresource the subresource, e.g. {@code status}; empty for the resource itself
 * @param verb get, list, watch, create, update, patch or delete
 * @param name the one object the runtime needs it on (a rule may name it in {@code resourceNames});
 *     empty for any object
 * @param required whether the runtime refuses to start without it; an optional one only warns
 * @param purpose what the runtime does with it, for the messages
 */
public record ApiPermission(
    String group,
    String resource,
    String subresource,
    String verb,
    Optional<String> name,
    boolean nameInRule,
    boolean required,
    String purpose) {

  public ApiPermission {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(subresource, "subresource");
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(purpose, "purpose");
  }

  /** A required permission on every object of {@code resource} ({@code plural/subresource}). */
  public static ApiPermission required(String group, String resource, String verb, String purpose) {
    return of(group, resource, verb, Optional.empty(), true, purpose);
  }

  /** An optional permission: without it the runtime starts, warns and does without. */
  public static ApiPermission optional(String group, String resource, String verb, String purpose) {
    return of(group, resource, verb, Optional.empty(), false, purpose);
  }

  private static ApiPermission of(
      String group,
      String resource,
      String verb,
      Optional<String> name,
      boolean required,
      String purpose) {
    int slash = resource.indexOf('/');
    return slash < 0
        ? new ApiPermission(group, resource, "", verb, name, false, required, purpose)
        : new ApiPermission(
            group,
            resource.substring(0, slash),
            resource.substring(slash + 1),
            verb,
            name,
            false,
            required,
            purpose);
  }

  /**
   * The same permission asked about the one object {@code objectName}; the rule to add covers every
   * object (for a name that differs per node, such as the Node's).
   */
  public ApiPermission on(String objectName) {
    return new ApiPermission(
        group, resource, subresource, verb, Optional.of(objectName), false, required, purpose);
  }

  /** The same permission on the one object {@code objectName}, which the rule to add names. */
  public ApiPermission onlyOn(String objectName) {
    return new ApiPermission(
        group, resource, subresource, verb, Optional.of(objectName), true, required, purpose);
  }

  /** The resource as an RBAC rule writes it: {@code plural} or {@code plural/subresource}. */
  public String ruleResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  /** As {@code kubectl auth can-i} reads it, e.g. {@code create resourceslices.resource.k8s.io}. */
  public String describe() {
    return verb
        + " "
        + resource
        + (group.isEmpty() ? "" : "." + group)
        + (subresource.isEmpty() ? "" : " --subresource=" + subresource)
        + name.map(n -> " (" + n + ")").orElse("");
  }
}
