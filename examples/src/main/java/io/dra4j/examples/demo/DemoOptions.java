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

import java.util.ArrayList;
import java.util.List;
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

  /** The usage text printed by {@code --help} and after a bad flag. */
  public static final String USAGE =
      """
      usage: java -jar examples/target/dra4j-demo.jar [options]

      Starts an in-memory Kubernetes API server and simulated AWS nodes (fixture sysfs trees),
      runs the Neuron and EFA DRA drivers on real unix sockets, applies their DeviceClasses and a
      seed ResourceClaimTemplate, then schedules pods until the nodes are full and one more.

      options:
        --instance-type TYPE  trn2.48xlarge (default), trn1.32xlarge or inf2.48xlarge
        --nodes N             number of simulated nodes, 1 to %d (default 1)
        --pods N              number of pods, 1 to %d (default: until the nodes are full, then one more)
        --json                print one JSON document on stdout; progress goes to stderr
        --help                print this text
      """
          .formatted(MAX_NODES, MAX_PODS);

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
    String instanceType = INSTANCE_TYPES.get(0);
    int nodes = 1;
    OptionalInt pods = OptionalInt.empty();
    boolean json = false;
    boolean help = false;
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      String flag = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      switch (flag) {
        case "--instance-type" -> {
          String v = value(flag, inline, rest, "one of " + String.join(", ", INSTANCE_TYPES));
          if (!INSTANCE_TYPES.contains(v)) {
            throw new UsageException(
                "--instance-type: unknown instance type '"
                    + v
                    + "'; allowed values are "
                    + String.join(", ", INSTANCE_TYPES));
          }
          instanceType = v;
        }
        case "--nodes" -> nodes = number(flag, value(flag, inline, rest, "a number"), MAX_NODES);
        case "--pods" ->
            pods = OptionalInt.of(number(flag, value(flag, inline, rest, "a number"), MAX_PODS));
        case "--json" -> json = noValue(flag, inline);
        case "--help", "-h" -> help = noValue(flag, inline);
        default ->
            throw new UsageException(
                "unknown argument '"
                    + arg
                    + "'; allowed flags are --instance-type, --nodes, --pods, --json and --help");
      }
    }
    return new DemoOptions(instanceType, nodes, pods, json, help);
  }

  private static String value(String flag, String inline, List<String> rest, String expected) {
    if (inline != null) {
      return inline;
    }
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new UsageException(flag + " needs a value: " + expected);
    }
    return rest.remove(0);
  }

  private static boolean noValue(String flag, String inline) {
    if (inline != null) {
      throw new UsageException(flag + " takes no value; write just " + flag);
    }
    return true;
  }

  private static int number(String flag, String v, int max) {
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException(
          flag + ": '" + v + "' is not a number; allowed values are 1 to " + max);
    }
    if (n < 1 || n > max) {
      throw new UsageException(
          flag + ": " + n + " is out of range; allowed values are 1 to " + max);
    }
    return n;
  }

  /** A command line the demo cannot run; the message names the flag and the allowed values. */
  public static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
