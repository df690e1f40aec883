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

import io.dra4j.api.device.Quantity;
import io.dra4j.testkit.cluster.ClusterDevice;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's plain-text output: a table of published devices per node and driver, a block per pod
 * (devices, group ids, the container's env and device nodes from CDI, or the allocator's
 * explanation) and a summary.
 */
final class TextReport {
  private static final int WIDTH = 100;

  /** The attributes (or capacities) worth a column, per driver, in column order. */
  private static final Map<String, List<String>> KEY_ATTRIBUTES =
      Map.of(
          SeedTemplate.NEURON,
          List.of(
              "deviceId",
              SeedTemplate.GROUP4,
              "topology4_id",
              "pciAddress",
              "numaNode",
              "cores",
              "memory"),
          SeedTemplate.EFA,
          List.of("pciAddress", "rdmaDevice", "numaNode", "linkSpeedGbps", SeedTemplate.GROUP4));

  private TextReport() {}

  static String header(DemoOptions o) {
    return "dra4j demo: "
        + o.nodes()
        + " x "
        + o.instanceType()
        + ", drivers "
        + SeedTemplate.NEURON
        + " and "
        + SeedTemplate.EFA
        + ", pods "
        + (o.pods().isPresent()
            ? Integer.toString(o.pods().getAsInt())
            : "until full, then one more")
        + "\n";
  }

  static String template(SeedTemplate t) {
    return "\nSeed ResourceClaimTemplate "
        + t.name()
        + " ("
        + t.summary()
        + ", from "
        + t.resource().substring(1)
        + ")\n"
        + wrap(t.why(), "  ")
        + "\n"
        + t.yaml().lines().map(l -> "    " + l).collect(Collectors.joining("\n", "", "\n"));
  }

  static String published(List<ClusterDevice> devices) {
    StringBuilder b = new StringBuilder("\nPublished devices (ResourceSlices)\n");
    Set<String> nodes = new LinkedHashSet<>();
    devices.forEach(d -> nodes.add(d.node().orElse("")));
    for (String node : nodes) {
      for (String driver : SeedTemplate.DRIVERS) {
        List<ClusterDevice> of =
            devices.stream()
                .filter(d -> d.node().orElse("").equals(node) && d.driver().equals(driver))
                .toList();
        b.append("  ").append(node).append("  ").append(driver).append(": ");
        if (of.isEmpty()) {
          b.append("no devices\n");
          continue;
        }
        b.append(of.size())
            .append(of.size() == 1 ? " device" : " devices")
            .append(" in pool ")
            .append(of.get(0).pool())
            .append('\n');
        b.append(deviceTable(driver, of).render("    "));
      }
    }
    return b.toString();
  }

  private static Table deviceTable(String driver, List<ClusterDevice> devices) {
    List<String> columns = new ArrayList<>();
    for (String a : KEY_ATTRIBUTES.getOrDefault(driver, List.of())) {
      if (devices.stream().anyMatch(d -> value(d, a).isPresent())) {
        columns.add(a);
      }
    }
    List<String> header = new ArrayList<>();
    header.add("DEVICE");
    columns.forEach(c -> header.add(shortName(c)));
    Table t = new Table(header);
    for (ClusterDevice d : devices) {
      List<String> row = new ArrayList<>();
      row.add(d.name());
      columns.forEach(c -> row.add(value(d, c).orElse("-")));
      t.row(row);
    }
    return t;
  }

  /** An attribute by its published name, or a capacity by name when no attribute has it. */
  private static Optional<String> value(ClusterDevice d, String name) {
    return d.attributeText(name).or(() -> d.capacity(name).map(Quantity::toString));
  }

  static String pod(SeedTemplate template, PodOutcome p) {
    StringBuilder b = new StringBuilder("\npod ").append(p.pod()).append("  ");
    if (!p.scheduled()) {
      b.append("UNSCHEDULABLE, stays Pending; the allocator explains why:\n");
      p.explain().ifPresent(e -> e.lines().forEach(l -> b.append("    ").append(l).append('\n')));
      return b.toString();
    }
    b.append("scheduled on ").append(p.node().orElseThrow()).append(", claim ").append(p.claim());
    b.append(p.running() ? " prepared, container started\n" : " NOT prepared\n");
    List<String> header = new ArrayList<>(List.of("REQUEST", "DRIVER", "DEVICE"));
    template.matchAttribute().ifPresent(a -> header.add(shortName(a)));
    Table t = new Table(header);
    for (PodOutcome.Device d : p.devices()) {
      List<String> row = new ArrayList<>(List.of(d.request(), d.driver(), d.device()));
      template.matchAttribute().ifPresent(a -> row.add(d.group().orElse("-")));
      t.row(row);
    }
    b.append(t.render("    "));
    if (!p.running()) {
      p.errors().forEach(e -> b.append(wrap("error: " + e, "    ")).append('\n'));
      return b.toString();
    }
    b.append("    container, from CDI (").append(p.cdiDevices().size()).append(" CDI devices):\n");
    // The SDK adds one DRA_<driver>_<claim uid>_<n> variable per device; one line says so.
    List<Map.Entry<String, String>> perDevice =
        p.env().entrySet().stream().filter(e -> e.getKey().startsWith("DRA_")).toList();
    String label = "      env      ";
    for (Map.Entry<String, String> e : p.env().entrySet()) {
      if (!e.getKey().startsWith("DRA_")) {
        b.append(label).append(e.getKey()).append('=').append(e.getValue()).append('\n');
        label = "               ";
      }
    }
    if (!perDevice.isEmpty()) {
      b.append(label)
          .append("+ ")
          .append(perDevice.size())
          .append(" DRA_<DRIVER>_<CLAIM UID>_<N>=<node>/<device> variables, one per device\n");
    } else if (label.startsWith("      env")) {
      b.append(label).append("(none)\n");
    }
    b.append(wrap(String.join(" ", p.deviceNodes()), "      devices  ", "               "))
        .append('\n');
    return b.toString();
  }

  static String summary(DemoReport r) {
    StringBuilder b = new StringBuilder("\nSummary\n");
    List<PodOutcome> running = r.running();
    b.append("  ")
        .append(running.size())
        .append(running.size() == 1 ? " pod" : " pods")
        .append(" running on ")
        .append(r.nodes().size())
        .append(r.nodes().size() == 1 ? " node" : " nodes");
    r.template()
        .matchAttribute()
        .ifPresent(
            a ->
                b.append("; each pod's devices share one ")
                    .append(shortName(a))
                    .append(", no two pods on a node share one (")
                    .append(groupsUsed(running))
                    .append(" groups used)"));
    b.append('\n');
    List<PodOutcome> refused = r.unschedulable();
    if (!refused.isEmpty()) {
      b.append("  ")
          .append(refused.size())
          .append(refused.size() == 1 ? " pod" : " pods")
          .append(" unschedulable: ")
          .append(refused.stream().map(PodOutcome::pod).collect(Collectors.joining(", ")))
          .append('\n');
    }
    if (!r.failed().isEmpty()) {
      b.append("  ")
          .append(r.failed().size())
          .append(" scheduled but failed to prepare: ")
          .append(r.failed().stream().map(PodOutcome::pod).collect(Collectors.joining(", ")))
          .append('\n');
    }
    b.append("  allocated:");
    String sep = " ";
    for (String driver : SeedTemplate.DRIVERS) {
      if (r.published(driver).isEmpty()) {
        continue;
      }
      b.append(sep)
          .append(driver)
          .append(' ')
          .append(r.allocated(driver))
          .append(" of ")
          .append(r.published(driver).size());
      sep = ", ";
    }
    b.append('\n')
        .append("  finished in ")
        .append(DemoScenario.seconds(r.elapsed()))
        .append(" (cluster start ")
        .append(DemoScenario.seconds(r.startup()))
        .append("); temporary directories and sockets removed\n");
    return b.toString();
  }

  /**
   * How many device groups the running pods use: distinct pairs of node and group id, since nodes
   * of one instance type publish the same ids.
   */
  static long groupsUsed(List<PodOutcome> running) {
    return running.stream()
        .flatMap(
            p ->
                p.devices().stream()
                    .map(PodOutcome.Device::group)
                    .flatMap(Optional::stream)
                    .map(g -> p.node().orElse("") + "/" + g))
        .distinct()
        .count();
  }

  /** {@code resource.aws.com/devicegroup4_id} becomes {@code devicegroup4_id}. */
  static String shortName(String attribute) {
    return attribute.substring(attribute.indexOf('/') + 1);
  }

  private static String wrap(String text, String indent) {
    return wrap(text, indent, indent);
  }

  private static String wrap(String text, String first, String rest) {
    StringBuilder b = new StringBuilder();
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (!empty && line.length() + 1 + word.length() > WIDTH) {
        b.append(line).append('\n');
        line = new StringBuilder(rest);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    return b.append(line).toString();
  }
}
