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

import java.util.List;
import java.util.Optional;

/** One REST resource the fake server serves. */
record ApiResource(
    String group,
    String version,
    String plural,
    String kind,
    boolean namespaced,
    boolean hasStatus,
    List<String> shortNames) {

  /** The DRA API group; served in any of its versions from one v1 store. */
  static final String RESOURCE_GROUP = "resource.k8s.io";

  /**
   * DeviceTaintRules: served in one version of the group that depends on the release (see {@link
   * Emulation#taintRuleVersion()}), not in the versions the other DRA resources are served in.
   */
  static final String TAINT_RULES = "devicetaintrules";

  static final List<ApiResource> ALL =
      List.of(
          new ApiResource("", "v1", "namespaces", "Namespace", false, true, List.of("ns")),
          new ApiResource("", "v1", "nodes", "Node", false, true, List.of("no")),
          new ApiResource("", "v1", "pods", "Pod", true, true, List.of("po")),
          new ApiResource(
              "resource.k8s.io", "v1", "resourceslices", "ResourceSlice", false, false, List.of()),
          new ApiResource(
              "resource.k8s.io", "v1", "resourceclaims", "ResourceClaim", true, true, List.of()),
          new ApiResource(
              "resource.k8s.io",
              "v1",
              "resourceclaimtemplates",
              "ResourceClaimTemplate",
              true,
              false,
              List.of()),
          new ApiResource(
              "resource.k8s.io", "v1", "deviceclasses", "DeviceClass", false, false, List.of()),
          new ApiResource(
              "resource.k8s.io", "v1", TAINT_RULES, "DeviceTaintRule", false, true, List.of()));

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  String singular() {
    return kind.toLowerCase(java.util.Locale.ROOT);
  }

  static Optional<ApiResource> find(String group, String version, String plural) {
    return ALL.stream()
        .filter(r -> r.group.equals(group) && r.version.equals(version) && r.plural.equals(plural))
        .findFirst();
  }

  /** By apiVersion and kind; any served version of resource.k8s.io finds the v1 resource. */
  static Optional<ApiResource> byKind(String apiVersion, String kind) {
    String stored =
        apiVersion.startsWith(RESOURCE_GROUP + "/") ? RESOURCE_GROUP + "/v1" : apiVersion;
    return ALL.stream()
        .filter(r -> r.apiVersion().equals(stored) && r.kind.equals(kind))
        .findFirst();
  }

  static Optional<ApiResource> byPlural(String plural) {
    return ALL.stream().filter(r -> r.plural.equals(plural)).findFirst();
  }
}
