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
 * The fault campaign: the Neuron driver as a real process on a fixture node, against the in-memory
 * API server and a kubelet over the real unix socket, under kills, corruptions, outages, a full
 * disk, malformed calls and churn. See {@code bench/README.md}.
 */
package io.dra4j.bench.faults;
