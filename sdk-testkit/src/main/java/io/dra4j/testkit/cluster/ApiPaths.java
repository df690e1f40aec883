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

import java.util.List;
import java.util.Optional;

/**
 * Where the objects the cluster reads and writes live in the Kubernetes REST API: the collection
 * paths of the resources it uses, and the resource of an object's {@code apiVersion} and {@code
 * kind}.
 */
final class ApiPaths {
  /** The DRA API group. */
  private static final String RESOURCE_GROUP = "resource.k8s.io";

  /** Every node. */
  static final String NODES = "/api/v1/nodes";

  /** Every pod, in all namespaces. */
  static final String ALL_PODS = "/api/v1/pods";

  /** Every ResourceSlice. */
  static final String SLICES = "/apis/resource.k8s.io/v1/resourceslices";

  /** Every DeviceClass. */
  static final String DEVICE_CLASSES = "/apis/resource.k8s.io/v1/deviceclasses";

  /** Every ResourceClaim, in all namespaces. */
  static final String ALL_CLAIMS = "/apis/resource.k8s.io/v1/resourceclaims";

  /**
   * A REST resource the cluster applies objects of.
   *
   * @param group the API group; empty for the core group
   * @param kind the object kind
   * @param plural the resource name in paths
   * @param namespaced whether objects live in a namespace
   * @param hasStatus whether {@code status} is written through the {@code /status} subresource
   */
  record Resource(String group, String kind, String plural, boolean namespaced, boolean hasStatus) {

    /** The collection of this resource in {@code apiVersion} (and namespace, when namespaced). */
    String collection(String apiVersion, String namespace) {
      String base = group.isEmpty() ? "/api/" + apiVersion : "/apis/" + apiVersion;
      return base + (namespaced ? "/namespaces/" + namespace : "") + "/" + plural;
    }
  }

  private static final List<Resource> RESOURCES =
      List.of(
          new Resource("", "Namespace", "namespaces", false, true),
          new Resource("", "Node", "nodes", false, true),
          new Resource("", "Pod", "pods", true, true),
          new Resource(RESOURCE_GROUP, "ResourceSlice", "resourceslices", false, false),
          new Resource(RESOURCE_GROUP, "ResourceClaim", "resourceclaims", true, true),
          new Resource(
              RESOURCE_GROUP, "ResourceClaimTemplate", "resourceclaimtemplates", true, false),
          new Resource(RESOURCE_GROUP, "DeviceClass", "deviceclasses", false, false),
          new Resource(RESOURCE_GROUP, "DeviceTaintRule", "devicetaintrules", false, false));

  private ApiPaths() {}

  /** The resource of an object's {@code apiVersion} (any version of its group) and kind. */
  static Optional<Resource> resource(String apiVersion, String kind) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return RESOURCES.stream()
        .filter(r -> r.group().equals(group) && r.kind().equals(kind))
        .findFirst();
  }

  /** The kinds {@link #resource} knows, as {@code group/kind}, for error messages. */
  static List<String> kinds() {
    return RESOURCES.stream()
        .map(r -> r.group().isEmpty() ? r.kind() : r.group() + "/" + r.kind())
        .toList();
  }

  /** Every DeviceTaintRule, in the version of resource.k8s.io that serves them. */
  static String taintRules(String version) {
    return "/apis/resource.k8s.io/" + version + "/devicetaintrules";
  }

  /** The pods of a namespace. */
  static String pods(String namespace) {
    return "/api/v1/namespaces/" + namespace + "/pods";
  }

  /** The ResourceClaims of a namespace. */
  static String claims(String namespace) {
    return "/apis/resource.k8s.io/v1/namespaces/" + namespace + "/resourceclaims";
  }

  /** The ResourceClaimTemplates of a namespace. */
  static String templates(String namespace) {
    return "/apis/resource.k8s.io/v1/namespaces/" + namespace + "/resourceclaimtemplates";
  }

  /** One pod. */
  static String pod(String namespace, String name) {
    return object(pods(namespace), name);
  }

  /** One ResourceClaim. */
  static String claim(String namespace, String name) {
    return object(claims(namespace), name);
  }

  /** One object of a collection. */
  static String object(String collection, String name) {
    return collection + "/" + name;
  }
}
