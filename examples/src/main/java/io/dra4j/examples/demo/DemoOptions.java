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

import io.dra4j.runtime.internal.cli.Flags;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The demo's command line: instance type, node count, pod count, JSON output. {@link #parse}
 * refuses anything else with a {@link UsageException} that names the flag and what it accepts.
 *
 * @param instanceType the simulated instance type of every node
 * @param nodes how many nodes the cluster has
 * @param pods how many pods to create; empty means until the nodes are full, then one more
 * @param json whether stdout gets one JSON document instead of tables
 * @param help whether only the usage text is wanted
 */
public record DemoOptions(
    String instanceType, int nodes, OptionalInt pods, boolean json, boolean help) {

  /** The instance types the demo can simulate, the default first. */
  public static final List<String> INSTANCE_TYPES =
      List.of("trn2.48xlarge", "trn1.32xlarge", "inf2.48xlarge");

  /** The most nodes the demo starts; each node runs two drivers and a kubelet. */
  public static final int MAX_NODES = 16;

  /** The most pods the demo creates. */
  public static final int MAX_PODS = 200;

  private static final Flags FLAGS =
      Flags.builder("java -jar examples/target/dra4j-demo.jar [flags]")
          .description(
              """
              Starts an in-memory Kubernetes API server and simulated AWS nodes (fixture sysfs trees),
              runs the Neuron and EFA DRA drivers on real unix sockets, applies their DeviceClasses and a
              seed ResourceClaimTemplate, then schedules pods until the nodes are full and one more.
              """)
          .value(
              "--instance-type", "TYPE", "trn2.48xlarge (default), trn1.32xlarge or inf2.48xlarge")
          .value("--nodes", "N", "number of simulated nodes, 1 to " + MAX_NODES + " (default 1)")
          .value(
              "--pods",
              "N",
              "number of pods, 1 to "
                  + MAX_PODS
                  + " (default: until the nodes are full, then one more)")
          .toggle("--json", "print one JSON document on stdout; progress goes to stderr")
          .build();

  /** The usage text printed by {@code --help}. */
  public static final String USAGE = FLAGS.usage();

  /** Checks the components. */
  public DemoOptions {
    Objects.requireNonNull(instanceType, "instanceType");
    Objects.requireNonNull(pods, "pods");
  }

  /** The defaults: one trn2.48xlarge node, pods until full, tables. */
  public static DemoOptions defaults() {
    return new DemoOptions(INSTANCE_TYPES.get(0), 1, OptionalInt.empty(), false, false);
  }

  /**
   * Parses {@code args}; both {@code --flag value} and {@code --flag=value} are accepted.
   *
   * @throws UsageException for an unknown flag, a missing value or a value out of range
   */
  public static DemoOptions parse(List<String> args) {
    try {
      Flags.Parsed p = FLAGS.parse(args, Map.of());
      return new DemoOptions(
          p.oneOf("--instance-type", INSTANCE_TYPES).orElse(INSTANCE_TYPES.get(0)),
          p.integer("--nodes", 1, MAX_NODES).orElse(1),
          p.integer("--pods", 1, MAX_PODS).map(OptionalInt::of).orElse(OptionalInt.empty()),
          p.has("--json"),
          p.help());
    } catch (io.dra4j.runtime.internal.cli.UsageException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** A command line the demo cannot run; the message names the flag and the allowed values. */
  public static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
