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

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ResourceClaimTemplate every demo pod uses, chosen per instance type so that it is valid for
 * the devices the drivers publish there, with the reason for the choice.
 *
 * @param instanceType the instance type it is meant for
 * @param name the template's name
 * @param neuronDevices how many {@code neuron.aws.com} devices a claim asks for
 * @param efaAdapters how many {@code efa.networking.k8s.aws} adapters a claim asks for (0: none)
 * @param matchAttribute the attribute all devices of a claim must share; empty for none
 * @param why one or two sentences on why this template fits the instance type
 */
public record SeedTemplate(
    String instanceType,
    String name,
    int neuronDevices,
    int efaAdapters,
    Optional<String> matchAttribute,
    String why) {

  /** The Neuron driver's name and DeviceClass. */
  public static final String NEURON = "neuron.aws.com";

  /** The EFA driver's name and DeviceClass. */
  public static final String EFA = "efa.networking.k8s.aws";

  /** The drivers the demo runs on every node, in the order it reports them. */
  public static final List<String> DRIVERS = List.of(NEURON, EFA);

  /** The attribute the Neuron and EFA drivers both publish for a group of 4 Neuron devices. */
  public static final String GROUP4 = "resource.aws.com/devicegroup4_id";

  /** The request name of the Neuron devices. */
  public static final String NEURON_REQUEST = "neurons";

  /** The request name of the EFA adapters. */
  public static final String EFA_REQUEST = "efa";

  /** Checks the components. */
  public SeedTemplate {
    Objects.requireNonNull(instanceType, "instanceType");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(matchAttribute, "matchAttribute");
    Objects.requireNonNull(why, "why");
    if (neuronDevices < 1 || efaAdapters < 0) {
      throw new IllegalArgumentException(
          "a seed template needs at least one Neuron device and no negative EFA count, got "
              + neuronDevices
              + " and "
              + efaAdapters);
    }
  }

  /**
   * The template for an instance type of {@link DemoOptions#INSTANCE_TYPES}.
   *
   * @throws IllegalArgumentException for any other instance type
   */
  public static SeedTemplate forInstanceType(String instanceType) {
    switch (instanceType) {
      case "trn2.48xlarge":
        return new SeedTemplate(
            instanceType,
            "neuron-efa-4",
            4,
            4,
            Optional.of(GROUP4),
            "trn2.48xlarge pairs every Neuron device with its own EFA adapter; 4 devices of a torus"
                + " row and their 4 adapters share one "
                + GROUP4
                + ".");
      case "trn1.32xlarge":
        return new SeedTemplate(
            instanceType,
            "neuron-efa-4x2",
            4,
            2,
            Optional.of(GROUP4),
            "trn1.32xlarge has 8 EFA adapters for 16 Neuron devices (two devices share one), so a"
                + " group of 4 has only 2 adapters with its "
                + GROUP4
                + "; 4 + 4 could never fit, 4 + 2 does.");
      case "inf2.48xlarge":
        return new SeedTemplate(
            instanceType,
            "neuron-4",
            4,
            0,
            Optional.empty(),
            "inf2.48xlarge has no EFA and no torus: the Neuron driver publishes neither "
                + GROUP4
                + " nor neuron.aws.com/topology4_id there, and a matchAttribute on a missing"
                + " attribute can never be satisfied, so the template asks for 4 Neuron devices by"
                + " count alone.");
      default:
        throw new IllegalArgumentException(
            "no seed template for instance type '"
                + instanceType
                + "'; allowed values are "
                + String.join(", ", DemoOptions.INSTANCE_TYPES));
    }
  }

  /** The drivers a claim from this template uses, Neuron first. */
  public List<String> drivers() {
    return efaAdapters == 0 ? List.of(NEURON) : DRIVERS;
  }

  /** A one-line description, e.g. {@code 4 x neuron.aws.com + 4 x efa.networking.k8s.aws}. */
  public String summary() {
    StringBuilder b = new StringBuilder().append(neuronDevices).append(" x ").append(NEURON);
    if (efaAdapters > 0) {
      b.append(" + ").append(efaAdapters).append(" x ").append(EFA);
    }
    matchAttribute.ifPresent(a -> b.append(", matchAttribute ").append(a));
    return b.toString();
  }

  /** The ResourceClaimTemplate in namespace {@code default} as YAML. */
  public String yaml() {
    StringBuilder b =
        new StringBuilder()
            .append("apiVersion: resource.k8s.io/v1\n")
            .append("kind: ResourceClaimTemplate\n")
            .append("metadata:\n")
            .append("  name: ")
            .append(name)
            .append('\n')
            .append("  namespace: default\n")
            .append("spec:\n")
            .append("  spec:\n")
            .append("    devices:\n")
            .append("      requests:\n");
    request(b, NEURON_REQUEST, NEURON, neuronDevices);
    if (efaAdapters > 0) {
      request(b, EFA_REQUEST, EFA, efaAdapters);
    }
    matchAttribute.ifPresent(
        a ->
            b.append("      constraints:\n")
                .append("        - requests: [")
                .append(efaAdapters > 0 ? NEURON_REQUEST + ", " + EFA_REQUEST : NEURON_REQUEST)
                .append("]\n")
                .append("          matchAttribute: ")
                .append(a)
                .append('\n'));
    return b.toString();
  }

  private static void request(StringBuilder b, String name, String deviceClass, int count) {
    b.append("        - name: ")
        .append(name)
        .append('\n')
        .append("          exactly:\n")
        .append("            deviceClassName: ")
        .append(deviceClass)
        .append('\n')
        .append("            count: ")
        .append(count)
        .append('\n');
  }
}
