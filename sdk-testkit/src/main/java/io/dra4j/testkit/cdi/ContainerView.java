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
package io.dra4j.testkit.cdi;

import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.api.prepare.Hook;
import io.dra4j.api.prepare.Mount;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container gets after the runtime injected CDI devices: the environment (later entries
 * win), device nodes, mounts and hooks, plus the CDI device IDs that produced them.
 *
 * @param cdiDeviceIds the injected qualified device names, in request order
 * @param env environment variables
 * @param deviceNodes device nodes
 * @param mounts mounts
 * @param hooks OCI hooks
 */
public record ContainerView(
    List<String> cdiDeviceIds,
    Map<String, String> env,
    List<DeviceNode> deviceNodes,
    List<Mount> mounts,
    List<Hook> hooks) {

  /** Checks and copies the components. */
  public ContainerView {
    cdiDeviceIds = List.copyOf(cdiDeviceIds);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    deviceNodes = List.copyOf(deviceNodes);
    mounts = List.copyOf(mounts);
    hooks = List.copyOf(hooks);
  }

  /** A container without CDI devices. */
  public static ContainerView empty() {
    return new ContainerView(List.of(), Map.of(), List.of(), List.of(), List.of());
  }
}
