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
package io.dra4j.images.launch;

import java.util.List;
import java.util.Objects;

/**
 * A plugin's answer to the kubelet's {@code GetInfo} on its registration socket.
 *
 * @param type the plugin type, {@code DRAPlugin} for DRA drivers
 * @param name the driver name
 * @param endpoint the socket serving the DRA services
 * @param supportedVersions the DRA service versions, preferred first
 */
public record PluginInfo(
    String type, String name, String endpoint, List<String> supportedVersions) {
  public PluginInfo {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    supportedVersions = List.copyOf(supportedVersions);
  }
}
