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
package io.dra4j.api.prepare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a container gets for a prepared device: environment, device nodes, mounts and hooks. The SDK
 * writes these into a CDI spec; providers never write CDI files.
 *
 * @param env environment variables in insertion order
 * @param deviceNodes device nodes
 * @param mounts mounts
 * @param hooks OCI hooks
 */
public record ContainerEdits(
    Map<String, String> env, List<DeviceNode> deviceNodes, List<Mount> mounts, List<Hook> hooks) {

  /** Checks and copies the components. */
  public ContainerEdits {
    Objects.requireNonNull(env, "env");
    env.keySet().forEach(ContainerEdits::requireEnvName);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    deviceNodes = List.copyOf(deviceNodes);
    mounts = List.copyOf(mounts);
    hooks = List.copyOf(hooks);
  }

  private static void requireEnvName(String name) {
    if (name == null || name.isEmpty() || name.contains("=")) {
      throw new IllegalArgumentException(
          "environment variable name '" + name + "' must be non-empty and contain no '='");
    }
  }

  /** No edits. */
  public static ContainerEdits none() {
    return new ContainerEdits(Map.of(), List.of(), List.of(), List.of());
  }

  /** Whether there is nothing to edit. */
  public boolean isEmpty() {
    return env.isEmpty() && deviceNodes.isEmpty() && mounts.isEmpty() && hooks.isEmpty();
  }

  /** Starts empty edits. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ContainerEdits}. */
  public static final class Builder {
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<DeviceNode> deviceNodes = new ArrayList<>();
    private final List<Mount> mounts = new ArrayList<>();
    private final List<Hook> hooks = new ArrayList<>();

    private Builder() {}

    /** Sets an environment variable; a later value for the same name wins. */
    public Builder env(String name, String value) {
      env.put(name, Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    /** Adds a device node. */
    public Builder deviceNode(DeviceNode node) {
      deviceNodes.add(Objects.requireNonNull(node));
      return this;
    }

    /** Adds a device node at the same path in the container and on the host. */
    public Builder deviceNode(String path) {
      return deviceNode(DeviceNode.of(path));
    }

    /** Adds a mount. */
    public Builder mount(Mount mount) {
      mounts.add(Objects.requireNonNull(mount));
      return this;
    }

    /** Adds an OCI hook. */
    public Builder hook(Hook hook) {
      hooks.add(Objects.requireNonNull(hook));
      return this;
    }

    /** Builds the edits. */
    public ContainerEdits build() {
      return new ContainerEdits(env, deviceNodes, mounts, hooks);
    }
  }
}
