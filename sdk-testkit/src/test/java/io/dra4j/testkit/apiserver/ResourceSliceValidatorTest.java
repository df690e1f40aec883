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
package io.dra4j.testkit.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSliceValidatorTest {
  private static List<String> problems(String spec) {
    return problems(spec, 35);
  }

  private static List<String> problems(String spec, int minor) {
    JsonObject slice =
        JsonParser.parseString("{\"metadata\":{\"name\":\"s\"},\"spec\":" + spec + "}")
            .getAsJsonObject();
    return ResourceSliceValidator.validate(slice, minor).stream()
        .map(c -> c.field() + ": " + c.message())
        .toList();
  }

  private static final String BASE =
      "\"driver\":\"d.example.com\",\"pool\":{\"name\":\"p\",\"generation\":0,"
          + "\"resourceSliceCount\":1}";

  @Test
  void aMinimalNodeSliceIsValid() {
    assertThat(problems("{" + BASE + ",\"nodeName\":\"n\"}")).isEmpty();
  }

  @Test
  void moreThanEightCounterSetsAreTooMany() {
    StringBuilder sets = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      sets.append(i > 0 ? "," : "")
          .append("{\"name\":\"s")
          .append(i)
          .append("\",\"counters\":{\"c\":{\"value\":\"1\"}}}");
    }
    assertThat(problems("{" + BASE + ",\"allNodes\":true,\"sharedCounters\":[" + sets + "]}"))
        .containsExactly("spec.sharedCounters: Too many: 9: must have at most 8 items");
  }

  @Test
  void kubernetes134KnowsNeitherTheNoneEffectNorMoreThanFourTaints() {
    String none = "{\"key\":\"example.com/k\",\"effect\":\"None\"}";
    String taints =
        "{"
            + BASE
            + ",\"nodeName\":\"n\",\"devices\":[{\"name\":\"a\",\"taints\":["
            + String.join(",", java.util.Collections.nCopies(5, none))
            + "]}]}";
    assertThat(problems(taints, 35)).isEmpty();
    assertThat(problems(taints, 34))
        .contains(
            "spec.devices[0].taints: Too many: 5: must have at most 4 items",
            "spec.devices[0].taints[0].effect: Unsupported value: \"None\": supported values:"
                + " \"NoExecute\", \"NoSchedule\"");
  }

  @Test
  void devicesAndCountersTogetherAreInvalid() {
    assertThat(
            problems(
                "{"
                    + BASE
                    + ",\"nodeName\":\"n\",\"devices\":[{\"name\":\"a\"}],"
                    + "\"sharedCounters\":[{\"name\":\"s\",\"counters\":{\"c\":{\"value\":\"1\"}}}]}"))
        .singleElement()
        .asString()
        .contains("exactly one of `devices` or `sharedCounters`");
  }

  private static final String CONSUMER =
      "{\"name\":\"a\",\"consumesCounters\":[{\"counterSet\":\"s\","
          + "\"counters\":{\"c\":{\"value\":\"1\"}}}]}";

  @Test
  void kubernetes134AcceptsCountersNextToTheDevicesConsumingThem() {
    String spec =
        "{"
            + BASE
            + ",\"nodeName\":\"n\",\"devices\":["
            + CONSUMER
            + "],\"sharedCounters\":[{\"name\":\"s\",\"counters\":{\"c\":{\"value\":\"1\"}}}]}";

    assertThat(problems(spec, 34)).isEmpty();
  }

  @Test
  void kubernetes134RejectsAConsumerOfACounterSetOutsideItsSlice() {
    assertThat(problems("{" + BASE + ",\"nodeName\":\"n\",\"devices\":[" + CONSUMER + "]}", 34))
        .containsExactly(
            "spec.devices[0].consumesCounters[0].counterSet: Invalid value: \"s\": must reference"
                + " a counterSet defined in the ResourceSlice sharedCounters");
  }

  @Test
  void kubernetes134AllowsAtMost32CountersPerSliceAcrossSets() {
    StringBuilder sets = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      sets.append(i > 0 ? "," : "").append("{\"name\":\"s").append(i).append("\",\"counters\":{");
      for (int c = 0; c < 11; c++) {
        sets.append(c > 0 ? "," : "").append("\"c").append(c).append("\":{\"value\":\"1\"}");
      }
      sets.append("}}");
    }
    String spec = "{" + BASE + ",\"allNodes\":true,\"sharedCounters\":[" + sets + "]}";

    assertThat(problems(spec, 35)).isEmpty();
    assertThat(problems(spec, 34))
        .containsExactly(
            "spec.sharedCounters: Too many: 33: the total number of counters must not exceed 32");
  }

  @Test
  void perDeviceNodeSelectionNeedsOneSelectorPerDevice() {
    assertThat(
            problems(
                "{"
                    + BASE
                    + ",\"perDeviceNodeSelection\":true,\"devices\":[{\"name\":\"a\"},"
                    + "{\"name\":\"b\",\"nodeName\":\"n\"}]}"))
        .singleElement()
        .asString()
        .startsWith("spec.devices[0]: Invalid value: exactly one of `nodeName`");
  }

  @Test
  void allNodesFalseAndThreeConsumedCounterSetsAreInvalid() {
    assertThat(
            problems(
                "{"
                    + BASE
                    + ",\"nodeName\":\"n\",\"allNodes\":false,\"devices\":[{\"name\":\"a\","
                    + "\"consumesCounters\":["
                    + "{\"counterSet\":\"x\",\"counters\":{\"c\":{\"value\":\"1\"}}},"
                    + "{\"counterSet\":\"y\",\"counters\":{\"c\":{\"value\":\"1\"}}},"
                    + "{\"counterSet\":\"z\",\"counters\":{\"c\":{\"value\":\"1\"}}}]}]}"))
        .containsExactly(
            "spec.allNodes: Invalid value: false: must be either unset or set to true",
            "spec.devices[0].consumesCounters: Too many: 3: must have at most 2 items");
  }

  @Test
  void tooManyAttributesAndCapacitiesAreReportedOnTheDevice() {
    StringBuilder attrs = new StringBuilder();
    for (int i = 0; i < 33; i++) {
      attrs.append(i > 0 ? "," : "").append("\"a").append(i).append("\":{\"int\":1}");
    }
    assertThat(
            problems(
                "{"
                    + BASE
                    + ",\"nodeName\":\"n\",\"devices\":[{\"name\":\"a\",\"attributes\":{"
                    + attrs
                    + "}}]}"))
        .singleElement()
        .asString()
        .startsWith("spec.devices[0]: Too many: 33");
  }

  private static String device(String fields) {
    return "{" + BASE + ",\"nodeName\":\"n\",\"devices\":[{\"name\":\"d\"," + fields + "}]}";
  }

  private static final String SHARED_MEMORY =
      "\"allowMultipleAllocations\":true,\"capacity\":{\"memory\":{\"value\":\"40Gi\","
          + "\"requestPolicy\":";

  @Test
  void listAttributesAreValidFrom136AndUnknownBefore() {
    String spec = device("\"attributes\":{\"numa\":{\"ints\":[0,1]}}");

    assertThat(problems(spec, 36)).isEmpty();
    assertThat(problems(spec, 35))
        .singleElement()
        .asString()
        .contains("spec.devices[0].attributes[numa]")
        .contains("exactly one value must be specified");
  }

  @Test
  void badListAttributesAreRejected() {
    assertThat(problems(device("\"attributes\":{\"a\":{\"strings\":[]}}"), 36))
        .containsExactly(
            "spec.devices[0].attributes[a].strings: Invalid value: []: must not be empty if"
                + " specified");
    assertThat(problems(device("\"attributes\":{\"a\":{\"versions\":[\"v1\"]}}"), 36))
        .singleElement()
        .asString()
        .contains("attributes[a].versions[0]")
        .contains("semver");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 49; i++) {
      many.append(i > 0 ? "," : "").append(i);
    }
    assertThat(problems(device("\"attributes\":{\"a\":{\"ints\":[" + many + "]}}"), 36))
        .containsExactly(
            "spec.devices[0]: Invalid value: 49: the total number of attribute values must not"
                + " exceed 48");
  }

  @Test
  void aValidRequestPolicyAndBindingConditionsPass() {
    assertThat(
            problems(
                device(
                    SHARED_MEMORY
                        + "{\"default\":\"4Gi\",\"validRange\":{\"min\":\"4Gi\",\"max\":\"40Gi\","
                        + "\"step\":\"4Gi\"}}}},\"bindingConditions\":[\"a.example.com/ready\"],"
                        + "\"bindingFailureConditions\":[\"Failed\"],\"bindsToNode\":true")))
        .isEmpty();
  }

  @Test
  void badRequestPoliciesAreRejected() {
    assertThat(
            problems(
                device(
                    "\"capacity\":{\"memory\":{\"value\":\"40Gi\",\"requestPolicy\":"
                        + "{\"default\":\"4Gi\"}}}")))
        .containsExactly(
            "spec.devices[0].capacity[memory].requestPolicy: Forbidden: allowMultipleAllocations"
                + " must be true");
    assertThat(problems(device(SHARED_MEMORY + "{\"validValues\":[\"4Gi\"]}}}")))
        .singleElement()
        .asString()
        .startsWith("spec.devices[0].capacity[memory].requestPolicy.default: Required value");
    assertThat(
            problems(
                device(
                    SHARED_MEMORY
                        + "{\"default\":\"8Gi\",\"validValues\":[\"8Gi\",\"4Gi\",\"80Gi\"]}}}")))
        .anySatisfy(p -> assertThat(p).contains("sorted in ascending order"))
        .anySatisfy(p -> assertThat(p).contains("option is larger than capacity value"));
    assertThat(
            problems(
                device(
                    SHARED_MEMORY
                        + "{\"default\":\"6Gi\",\"validRange\":{\"min\":\"4Gi\","
                        + "\"step\":\"4Gi\"}}}}")))
        .singleElement()
        .asString()
        .contains("value is not a multiple of a given step");
  }

  @Test
  void badBindingConditionsAreRejected() {
    assertThat(
            problems(
                device(
                    "\"bindingConditions\":[\"A\",\"B\",\"C\",\"D\",\"E\"],"
                        + "\"bindingFailureConditions\":[\"A\"]")))
        .contains(
            "spec.devices[0].bindingConditions: Too many: 5: must have at most 4 items",
            "spec.devices[0].bindingFailureConditions[0]: Invalid value: \"A\":"
                + " bindingFailureConditions must not overlap with bindingConditions");
    assertThat(problems(device("\"bindingConditions\":[\"ready\"]")))
        .containsExactly(
            "spec.devices[0].bindingFailureConditions: Invalid value: null:"
                + " bindingFailureConditions are required to use bindingConditions");
    assertThat(
            problems(
                device("\"bindingConditions\":[\"not ok\"],\"bindingFailureConditions\":[\"F\"]")))
        .singleElement()
        .asString()
        .startsWith("spec.devices[0].bindingConditions[0]: Invalid value");
  }
}
