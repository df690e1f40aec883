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
package io.dra4j.runtime.internal.cli;

import io.dra4j.api.HostPaths;
import io.dra4j.runtime.internal.logging.LogFormat;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The driver process settings after parsing flags and environment.
 *
 * @param kubeconfig the kubeconfig file; empty means in-cluster configuration
 * @param nodeName the node this instance serves
 * @param registrarDir the kubelet plugin registry directory
 * @param pluginsDir the kubelet plugins directory
 * @param cdiDir the CDI spec directory
 * @param podUid the pod UID, which turns on rolling-update mode
 * @param metricsPort the metrics HTTP port, 0 for off
 * @param metricsBindAddress the IP address the metrics HTTP server listens on, already checked
 * @param logLevel error, warn, info, debug or trace
 * @param logFormat one line of text or one JSON object per log event
 * @param hostPaths the host's sys, dev and proc trees
 * @param provider the provider class to run when the class path holds several
 * @param settings driver settings from {@code --set key=value}
 * @param deviceMetadata whether containers get device metadata files
 */
public record Options(
    Optional<Path> kubeconfig,
    String nodeName,
    Path registrarDir,
    Path pluginsDir,
    Path cdiDir,
    Optional<String> podUid,
    int metricsPort,
    String metricsBindAddress,
    String logLevel,
    LogFormat logFormat,
    HostPaths hostPaths,
    Optional<String> provider,
    Map<String, String> settings,
    boolean deviceMetadata) {
  public Options {
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(registrarDir, "registrarDir");
    Objects.requireNonNull(pluginsDir, "pluginsDir");
    Objects.requireNonNull(cdiDir, "cdiDir");
    Objects.requireNonNull(podUid, "podUid");
    Objects.requireNonNull(metricsBindAddress, "metricsBindAddress");
    Objects.requireNonNull(logLevel, "logLevel");
    Objects.requireNonNull(logFormat, "logFormat");
    Objects.requireNonNull(hostPaths, "hostPaths");
    Objects.requireNonNull(provider, "provider");
    settings = Map.copyOf(settings);
  }
}
