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

/**
 * One request the fake API server answered.
 *
 * @param verb the Kubernetes verb: get, list, watch, create, update, patch, delete,
 *     deletecollection (or {@code discovery})
 * @param resource the resource plural, with {@code /status} for the status subresource
 * @param namespace the namespace, empty for cluster-scoped resources
 * @param name the object name, empty for collections
 * @param code the HTTP status code sent
 * @param resourceVersion the {@code resourceVersion} query parameter (where a list or watch
 *     starts), empty when not given
 */
public record RequestRecord(
    String verb, String resource, String namespace, String name, int code, String resourceVersion) {

  /** A request without a {@code resourceVersion} parameter. */
  public RequestRecord(String verb, String resource, String namespace, String name, int code) {
    this(verb, resource, namespace, name, code, "");
  }

  /** Whether the verb changes state. */
  public boolean isWrite() {
    return switch (verb) {
      case "create", "update", "patch", "delete", "deletecollection" -> true;
      default -> false;
    };
  }
}
