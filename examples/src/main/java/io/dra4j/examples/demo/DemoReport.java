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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one demo run found: the cluster it started, what the drivers published, the template
 * it applied and each pod's outcome.
 *
 * @param options the command line it ran with
 * @param template the seed ResourceClaimTemplate
 * @param nodes the node names
 * @param published every published device, by node, then driver, then slice order
 * @param pods the pods in creation order
 * @param startup how long the API server, nodes and drivers took to be ready
 * @param elapsed how long the whole run took
 * @param workDir where the cluster kept its host trees, sockets and CDI specs; deleted when the run
 *     ended
 */
record DemoReport(
    DemoOptions options,
    SeedTemplate template,
    List<String> nodes,
    List<ClusterDevice> published,
    List<PodOutcome> pods,
    Duration startup,
    Duration elapsed,
    Path workDir) {

  /** Checks and copies the components. */
  public DemoReport {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(template, "template");
    nodes = List.copyOf(nodes);
    published = List.copyOf(published);
    pods = List.copyOf(pods);
    Objects.requireNonNull(startup, "startup");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(workDir, "workDir");
  }

  /** The devices one driver published on all nodes. */
  public List<ClusterDevice> published(String driver) {
    return published.stream().filter(d -> d.driver().equals(driver)).toList();
  }

  /** The pods whose containers run. */
  public List<PodOutcome> running() {
    return pods.stream().filter(PodOutcome::running).toList();
  }

  /** The pods no node could take. */
  public List<PodOutcome> unschedulable() {
    return pods.stream().filter(p -> !p.scheduled()).toList();
  }

  /** The pods that were scheduled but whose claims failed to prepare. */
  public List<PodOutcome> failed() {
    return pods.stream().filter(p -> p.scheduled() && !p.running()).toList();
  }

  /** How many devices of a driver the running pods hold. */
  public int allocated(String driver) {
    return running().stream().mapToInt(p -> p.devices(driver).size()).sum();
  }
}
