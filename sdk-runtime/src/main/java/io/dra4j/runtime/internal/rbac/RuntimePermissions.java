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

import java.util.ArrayList;
import java.util.List;

/**
 * Every permission the runtime uses, in one list: a new API call the runtime makes is one more line
 * here, and the start-up check, its messages and the docs follow. A permission a feature can do
 * without (such as writing a claim's device status) is {@link ApiPermission#optional}.
 */
public final class RuntimePermissions {
  private static final String RESOURCE = "resource.k8s.io";

  private RuntimePermissions() {}

  /**
   * The permissions of a driver on {@code nodeName} (empty: a publisher of cluster-level pools
   * without a node).
   */
  public static List<ApiPermission> of(String nodeName) {
    List<ApiPermission> out = new ArrayList<>();
    if (!nodeName.isEmpty()) {
      out.add(
          ApiPermission.required(
                  "", "nodes", "get", "owner of node-local ResourceSlices, allocatable resources")
              .on(nodeName));
    }
    for (String verb : List.of("get", "list", "watch")) {
      out.add(
          ApiPermission.required(RESOURCE, "resourceclaims", verb, "claims the kubelet prepares"));
    }
    for (String verb : List.of("get", "list", "watch", "create", "update", "delete")) {
      out.add(
          ApiPermission.required(RESOURCE, "resourceslices", verb, "publishing ResourceSlices"));
    }
    return List.copyOf(out);
  }
}
