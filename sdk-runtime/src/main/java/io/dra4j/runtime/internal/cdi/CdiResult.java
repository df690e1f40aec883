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
package io.dra4j.runtime.internal.cdi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of writing one claim's CDI spec: where it is and the fully-qualified CDI device IDs
 * ({@code k8s.<driver>/claim=<name>}) that the kubelet hands to the container runtime.
 *
 * @param specFile the spec file
 * @param deviceIds {@code deviceIds.get(i)} are the CDI IDs of {@code preparation.devices().get(i)}
 */
public record CdiResult(Path specFile, List<List<String>> deviceIds) {
  public CdiResult {
    Objects.requireNonNull(specFile, "specFile");
    deviceIds = deviceIds.stream().map(List::copyOf).toList();
  }
}
