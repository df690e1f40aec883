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
package io.dra4j.examples.demo;

import io.dra4j.testkit.cluster.ClusterDevice;
import java.util.List;

/**
 * Hears a demo run as it happens: progress lines, the published devices once the drivers are up,
 * and each pod as soon as it is scheduled or refused. Called on the thread that runs the demo.
 */
interface DemoListener {

  /** A progress line, e.g. {@code cluster ready in 812 ms}. */
  void step(String message);

  /** The devices every driver published, after the template was applied. */
  default void published(SeedTemplate template, List<ClusterDevice> devices) {}

  /** One pod's outcome. */
  default void pod(SeedTemplate template, PodOutcome pod) {}
}
