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
 * {@code explain} against a live cluster: {@link io.dra4j.testkit.explain.ExplainMain} reads a
 * cluster's DeviceClasses, ResourceSlices, Nodes and ResourceClaims through a kubeconfig and says,
 * with the testkit's allocator, why a pending pod's claims (or one claim) cannot be allocated.
 *
 * <p>Inside, {@code ClusterReader} reads the API, {@code ClaimDiagnosis} picks the claims and the
 * nodes and runs the allocator, and {@code ExplainReport} renders the result as text or JSON.
 */
package io.dra4j.testkit.explain;
