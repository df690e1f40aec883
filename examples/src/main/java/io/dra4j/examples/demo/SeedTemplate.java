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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * The ResourceClaimTemplate every demo pod uses, chosen per instance type so that it is valid for
 * the devices the drivers publish there, with the reason for the choice. The templates are the
 * class-path resources the driver tests use too; the counts and the constraint are read from them.
 *
 * @param instanceType the instance type it is meant for
 * @param resource the class-path resource it was read from
 * @param yaml the template as applied (comment lines removed)
 * @param name the template's name
 * @param neuronDevices how many {@code neuron.aws.com} devices a claim asks for
 * @param efaAdapters how many {@code efa.networking.k8s.aws} adapters a claim asks for (0: none)
 * @param matchAttribute the attribute all devices of a claim must share; empty for none
 * @param why one or two sentences on why this template fits the instance type
 */
record SeedTemplate(
    String instanceType,
    String resource,
    String yaml,
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

  /** Checks the components. */
  public SeedTemplate {
    Objects.requireNonNull(instanceType, "instanceType");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(matchAttribute, "matchAttribute");
    Objects.requireNonNull(why, "why");
    if (neuronDevices < 1 || efaAdapters < 0) {
      throw new IllegalArgumentException(
          "template "
              + name
              + " in "
              + resource
              + " must ask for at least one "
              + NEURON
              + " device, got "
              + neuronDevices
              + " (and "
              + efaAdapters
              + " EFA adapters)");
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
        return load(
            instanceType,
            "/aws/seed-claim-template.yaml",
            "trn2.48xlarge pairs every Neuron device with its own EFA adapter; 4 devices of a torus"
                + " row and their 4 adapters share one "
                + GROUP4
                + ".");
      case "trn1.32xlarge":
        return load(
            instanceType,
            "/aws/trn1-claim-template.yaml",
            "trn1.32xlarge has 8 EFA adapters for 16 Neuron devices (two devices share one), so a"
                + " group of 4 has only 2 adapters with its "
                + GROUP4
                + "; 4 + 4 could never fit, 4 + 2 does.");
      case "inf2.48xlarge":
        return load(
            instanceType,
            "/demo/inf2-claim-template.yaml",
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

  /**
   * Reads a template from the class path.
   *
   * @throws IllegalStateException when it is missing or not a ResourceClaimTemplate with a {@code
   *     neuron.aws.com} request
   */
  static SeedTemplate load(String instanceType, String resource, String why) {
    String text = ClassPathText.read(resource, "it is in examples/src/main/resources");
    String yaml =
        text.lines()
            .filter(l -> !l.stripLeading().startsWith("#"))
            .collect(Collectors.joining("\n", "", "\n"));
    try {
      Map<String, Object> doc = new Yaml().load(yaml);
      if (!"ResourceClaimTemplate".equals(doc.get("kind"))) {
        throw new IllegalStateException("kind is " + doc.get("kind"));
      }
      String name = String.valueOf(map(doc, "metadata").get("name"));
      Map<String, Object> devices = map(map(map(doc, "spec"), "spec"), "devices");
      int neurons = 0;
      int efa = 0;
      for (Object r : list(devices, "requests")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> exactly = map((Map<String, Object>) r, "exactly");
        int count = ((Number) exactly.getOrDefault("count", 1)).intValue();
        String deviceClass = String.valueOf(exactly.get("deviceClassName"));
        if (deviceClass.equals(NEURON)) {
          neurons += count;
        } else if (deviceClass.equals(EFA)) {
          efa += count;
        }
      }
      Optional<String> match =
          list(devices, "constraints").stream()
              .map(c -> ((Map<?, ?>) c).get("matchAttribute"))
              .filter(Objects::nonNull)
              .map(String::valueOf)
              .findFirst();
      return new SeedTemplate(instanceType, resource, yaml, name, neurons, efa, match, why);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          resource
              + " is not a ResourceClaimTemplate with exactly-count requests of class "
              + NEURON
              + " (and optionally "
              + EFA
              + "): "
              + e.getMessage(),
          e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (!(v instanceof Map)) {
      throw new IllegalStateException("'" + key + "' is missing or not a mapping");
    }
    return (Map<String, Object>) v;
  }

  private static List<?> list(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    return v instanceof List<?> l ? l : List.of();
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
}
