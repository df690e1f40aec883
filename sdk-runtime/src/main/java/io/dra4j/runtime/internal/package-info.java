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
/**
 * The runtime's internals: the kubelet plugin's gRPC services, claim lookup, CDI, checkpoint,
 * ResourceSlice publishing, metrics, logging and the command line. Nothing below this package is
 * API: a driver uses {@code io.dra4j.api}, and embeds or starts the runtime through {@code
 * io.dra4j.runtime} ({@code DriverRuntime}, {@code KubernetesConnection}, {@code Main}).
 */
package io.dra4j.runtime.internal;
