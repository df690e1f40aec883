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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /**
   * The host file a path inside the container shows, following the bind mounts as a container
   * runtime does: the last mount at the path or at a directory above it wins. Empty when no mount
   * covers the path or a mount has a type (tmpfs and the like have no host file).
   *
   * @param containerPath an absolute path inside the container, such as {@code
   *     /var/run/kubernetes.io/dra-device-attributes/resourceclaims/c/gpu/gpu.example.com-metadata.json}
   */
  public Optional<Path> hostPath(String containerPath) {
    if (!containerPath.startsWith("/")) {
      throw new IllegalArgumentException(
          "container path '" + containerPath + "' must be absolute, like /var/run/x");
    }
    for (int i = mounts.size() - 1; i >= 0; i--) {
      Mount m = mounts.get(i);
      String target = m.containerPath();
      String rest;
      if (containerPath.equals(target)) {
        rest = "";
      } else if (containerPath.startsWith(target.endsWith("/") ? target : target + "/")) {
        rest = containerPath.substring(target.length()).replaceFirst("^/", "");
      } else {
        continue;
      }
      if (m.type().isPresent()) {
        return Optional.empty();
      }
      Path host = Path.of(m.hostPath());
      return Optional.of(rest.isEmpty() ? host : host.resolve(rest));
    }
    return Optional.empty();
  }

  /**
   * What a process in the container reads at {@code containerPath}, as UTF-8, through the mounts.
   *
   * @throws IOException when no mount covers the path (the message lists the mounts) or the host
   *     file cannot be read
   */
  public String readFile(String containerPath) throws IOException {
    Path host =
        hostPath(containerPath)
            .orElseThrow(
                () ->
                    new IOException(
                        "no mount in the container covers "
                            + containerPath
                            + "; the container's mounts are "
                            + mounts.stream().map(Mount::containerPath).toList()
                            + ": check the CDI devices the claim was prepared with"));
    return Files.readString(host, StandardCharsets.UTF_8);
  }

  /** A container without CDI devices. */
  public static ContainerView empty() {
    return new ContainerView(List.of(), Map.of(), List.of(), List.of(), List.of());
  }
}
