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
 * A real Kubernetes node for tests: a kubelet and containerd with runc, built from Go modules by
 * {@code e2e/build-node.sh}, started as local processes on the loopback interface and joined to a
 * {@link io.dra4j.conformance.cluster.ControlPlane}, so DRA drivers are driven by the real kubelet
 * and their CDI specs are applied to real containers.
 */
package io.dra4j.conformance.node;
