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
package io.dra4j.runtime;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.HostPaths;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one {@link DriverRuntime}, as {@link DriverRuntime.Builder} checked them: every
 * value present and in range. Whether the directories work is checked when the runtime starts.
 *
 * @param provider the device provider the runtime runs
 * @param nodeName the node this instance serves
 * @param registrarDir the kubelet plugin registry directory
 * @param pluginsDir the kubelet plugins directory
 * @param cdiDir the CDI spec directory
 * @param hostPaths the host trees the provider reads and the boot ID comes from
 * @param kubernetes the claim lookup, the ResourceSlice publisher and the node's allocatable
 * @param settings driver settings for the provider
 * @param podUid the pod UID in rolling-update mode
 * @param metricsPort the metrics HTTP port, 0 for off
 * @param metricsBindAddress the address the metrics HTTP server listens on
 * @param clock the clock for the provider and health timestamps
 * @param prepareParallelism how many claims are prepared at once
 * @param shutdownTimeout how long close waits for calls in flight
 * @param healthResendInterval the longest time between two health messages to the kubelet
 * @param deviceMetadata whether containers get device metadata files (KEP-5304)
 */
record RuntimeSettings(
    DeviceProvider provider,
    String nodeName,
    Path registrarDir,
    Path pluginsDir,
    Path cdiDir,
    HostPaths hostPaths,
    KubernetesConnection kubernetes,
    Map<String, String> settings,
    Optional<String> podUid,
    int metricsPort,
    InetAddress metricsBindAddress,
    Clock clock,
    int prepareParallelism,
    Duration shutdownTimeout,
    Duration healthResendInterval,
    boolean deviceMetadata) {}
