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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class DemoTest {

  /** Runs {@link Demo#run} and keeps what it printed. */
  record Result(int status, String out, String err) {}

  static Result demo(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Demo.run(List.of(args), o, e);
    }
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void defaultsAreOneTrn2NodeAndPodsUntilFull() {
    assertThat(DemoOptions.parse(List.of()))
        .isEqualTo(new DemoOptions("trn2.48xlarge", 1, OptionalInt.empty(), false, false))
        .isEqualTo(DemoOptions.defaults());
  }

  @Test
  void flagsAcceptSeparateAndInlineValues() {
    DemoOptions o =
        DemoOptions.parse(
            List.of("--instance-type", "trn1.32xlarge", "--nodes=3", "--pods", "7", "--json"));
    assertThat(o).isEqualTo(new DemoOptions("trn1.32xlarge", 3, OptionalInt.of(7), true, false));
  }

  @Test
  void unknownInstanceTypeExitsWithStatus2NamingTheFlagAndTheAllowedValues() {
    Result r = demo("--instance-type", "p5.48xlarge");
    assertThat(r.status()).isEqualTo(Demo.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("--instance-type")
        .contains("'p5.48xlarge'")
        .contains("trn2.48xlarge, trn1.32xlarge, inf2.48xlarge")
        .contains("--help");
  }

  @Test
  void unknownFlagExitsWithStatus2ListingTheFlags() {
    Result r = demo("--verbose");
    assertThat(r.status()).isEqualTo(Demo.USAGE);
    assertThat(r.err())
        .contains("'--verbose'")
        .contains("--instance-type, --nodes, --pods, --json and --help");
  }

  @Test
  void nodeAndPodCountsMustBePositiveNumbersWithinTheLimit() {
    assertThat(demo("--nodes", "0").err())
        .contains("--nodes: 0 is out of range; allowed values are 1 to 16");
    assertThat(demo("--nodes", "many").err()).contains("--nodes: 'many' is not a number");
    assertThat(demo("--pods=201").err())
        .contains("--pods: 201 is out of range; allowed values are 1 to 200");
    assertThat(demo("--pods").err()).contains("--pods needs a value");
    assertThat(demo("--nodes", "--json").status()).isEqualTo(Demo.USAGE);
  }

  @Test
  void switchesRefuseAValue() {
    Result r = demo("--json=yes");
    assertThat(r.status()).isEqualTo(Demo.USAGE);
    assertThat(r.err()).contains("--json takes no value");
  }

  @Test
  void helpPrintsUsageAndExitsZeroWithoutStartingAnything() {
    Result r = demo("--help");
    assertThat(r.status()).isEqualTo(Demo.OK);
    assertThat(r.out())
        .contains("--instance-type TYPE")
        .contains("--nodes N")
        .contains("--pods N")
        .contains("--json")
        .doesNotContain("cluster ready");
  }

  @Test
  void parseErrorsAreUsageExceptions() {
    assertThatThrownBy(() -> DemoOptions.parse(List.of("--instance-type", "trn3.48xlarge")))
        .isInstanceOf(DemoOptions.UsageException.class)
        .hasMessageContaining("allowed values are");
  }

  @Test
  void trn2TemplatePairsFourNeuronDevicesWithFourAdaptersOfOneGroup() {
    SeedTemplate t = SeedTemplate.forInstanceType("trn2.48xlarge");
    assertThat(t.resource()).isEqualTo("/aws/seed-claim-template.yaml");
    assertThat(t.neuronDevices()).isEqualTo(4);
    assertThat(t.efaAdapters()).isEqualTo(4);
    assertThat(t.matchAttribute()).contains("resource.aws.com/devicegroup4_id");
    Map<String, Object> devices = devices(t);
    assertThat(requests(devices)).extracting(r -> r.get("name")).hasSize(2);
    assertThat(devices.get("constraints").toString())
        .contains("matchAttribute=resource.aws.com/devicegroup4_id");
    assertThat(t.yaml()).doesNotContain("#");
  }

  @Test
  void trn1TemplateAsksForTwoAdaptersBecauseTwoNeuronDevicesShareOne() {
    SeedTemplate t = SeedTemplate.forInstanceType("trn1.32xlarge");
    assertThat(t.neuronDevices()).isEqualTo(4);
    assertThat(t.efaAdapters()).isEqualTo(2);
    assertThat(t.matchAttribute()).contains("resource.aws.com/devicegroup4_id");
    assertThat(t.summary())
        .isEqualTo(
            "4 x neuron.aws.com + 2 x efa.networking.k8s.aws, matchAttribute"
                + " resource.aws.com/devicegroup4_id");
    assertThat(t.why()).contains("8 EFA adapters for 16 Neuron devices");
  }

  @Test
  void inf2TemplateAsksForNeuronDevicesByCountWithoutAConstraint() {
    SeedTemplate t = SeedTemplate.forInstanceType("inf2.48xlarge");
    Map<String, Object> devices = devices(t);
    assertThat(requests(devices)).hasSize(1);
    assertThat(devices).doesNotContainKey("constraints");
    assertThat(t.neuronDevices()).isEqualTo(4);
    assertThat(t.efaAdapters()).isZero();
    assertThat(t.matchAttribute()).isEmpty();
    assertThat(t.drivers()).containsExactly("neuron.aws.com");
    assertThat(t.why()).contains("topology4_id").contains("no EFA");
  }

  @Test
  void aTemplateWithoutANeuronRequestIsRefusedNamingTheResource() {
    assertThatThrownBy(
            () -> SeedTemplate.load("trn2.48xlarge", "/demo/neuron/deviceclass.yaml", ""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/demo/neuron/deviceclass.yaml is not a ResourceClaimTemplate");
    assertThatThrownBy(() -> SeedTemplate.load("trn2.48xlarge", "/demo/missing.yaml", ""))
        .hasMessageContaining("/demo/missing.yaml is missing from the class path");
  }

  @Test
  void everyInstanceTypeOfTheCommandLineHasATemplate() {
    for (String type : DemoOptions.INSTANCE_TYPES) {
      assertThat(SeedTemplate.forInstanceType(type).instanceType()).isEqualTo(type);
    }
    assertThatThrownBy(() -> SeedTemplate.forInstanceType("trn1n.32xlarge"))
        .hasMessageContaining("no seed template for instance type 'trn1n.32xlarge'");
  }

  @Test
  void deviceClassesComeFromTheDriversDeployDirectories() {
    assertThat(DemoScenario.deviceClass("neuron"))
        .contains("kind: DeviceClass")
        .contains("device.driver == \"neuron.aws.com\"");
    assertThat(DemoScenario.deviceClass("efa"))
        .contains("device.driver == \"efa.networking.k8s.aws\"");
  }

  @Test
  void devicesSortByTheirNumberNotAsText() {
    List<String> names =
        new java.util.ArrayList<>(List.of("neurondevice10", "neurondevice2", "neurondevice1"));
    names.sort(DemoScenario::naturalOrder);
    assertThat(names).containsExactly("neurondevice1", "neurondevice2", "neurondevice10");
  }

  @Test
  void tableColumnsAreAsWideAsTheirWidestCell() {
    String t =
        new Table(List.of("DEVICE", "ID"))
            .row(List.of("neurondevice10", "10"))
            .row(List.of("n1", "1"))
            .render("  ");
    assertThat(t).isEqualTo("  DEVICE          ID\n  neurondevice10  10\n  n1              1\n");
    assertThatThrownBy(() -> new Table(List.of("A", "B")).row(List.of("x")))
        .hasMessageContaining("a row of 1 cells for 2 columns");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> devices(SeedTemplate t) {
    Map<String, Object> doc = new Yaml().load(t.yaml());
    assertThat(doc).containsEntry("kind", "ResourceClaimTemplate");
    assertThat((Map<String, Object>) doc.get("metadata")).containsEntry("name", t.name());
    Map<String, Object> spec =
        (Map<String, Object>) ((Map<String, Object>) doc.get("spec")).get("spec");
    return (Map<String, Object>) spec.get("devices");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> requests(Map<String, Object> devices) {
    return (List<Map<String, Object>>) devices.get("requests");
  }
}
