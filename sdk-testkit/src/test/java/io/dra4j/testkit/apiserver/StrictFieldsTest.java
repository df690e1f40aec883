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

class StrictFieldsTest {

  private static List<String> errors(String kind, String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    return StrictFields.check(kind, o).stream().map(ApiError.Cause::message).toList();
  }

  @Test
  void aValidClaimWithEveryDraFieldPasses() {
    assertThat(
            errors(
                "ResourceClaim",
                """
                {"apiVersion":"resource.k8s.io/v1","kind":"ResourceClaim",
                 "metadata":{"name":"c","namespace":"ns","labels":{"a":"b"},"uid":"u",
                   "creationTimestamp":"2026-01-01T00:00:00Z"},
                 "spec":{"devices":{
                   "requests":[
                     {"name":"a","exactly":{"deviceClassName":"gpu","count":2,
                       "allocationMode":"ExactCount","adminAccess":false,
                       "selectors":[{"cel":{"expression":"true"}}],
                       "tolerations":[{"key":"k","operator":"Exists","tolerationSeconds":5}],
                       "capacity":{"requests":{"memory":"8Gi","cores":2}}}},
                     {"name":"b","firstAvailable":[{"name":"x","deviceClassName":"gpu"}]}],
                   "constraints":[{"requests":["a"],"matchAttribute":"d/numa"},
                     {"distinctAttribute":"d/id"}],
                   "config":[{"requests":["a"],"opaque":{"driver":"d",
                     "parameters":{"anything":{"goes":[1,"x",null]}}}}]}},
                 "status":{"allocation":{"devices":{"results":[{"request":"a","driver":"d",
                     "pool":"p","device":"g","shareID":"s","consumedCapacity":{"memory":"8Gi"},
                     "bindingConditions":["Ready"],"skipNodeOperations":["NodePrepareResources"]}],
                     "config":[{"source":"FromClaim","opaque":{"driver":"d","parameters":1}}]},
                   "nodeSelector":{"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name",
                     "operator":"In","values":["n"]}]}]}},
                   "reservedFor":[{"resource":"pods","name":"p","uid":"u"}],
                   "devices":[{"driver":"d","pool":"p","device":"g","data":{"x":1},
                     "conditions":[{"type":"Ready","status":"True"}],
                     "networkData":{"interfaceName":"eth0","ips":["10.0.0.1/24"]}}]}}
                """))
        .isEmpty();
  }

  @Test
  void aMisIndentedConstraintInATemplateIsNamedByItsPath() {
    assertThat(
            errors(
                "ResourceClaimTemplate",
                """
                {"metadata":{"name":"t"},"spec":{"spec":{"devices":{"requests":[
                  {"name":"n","exactly":{"deviceClassName":"neuron"}},
                  {"name":"e","exactly":{"deviceClassName":"efa"},
                   "constraints":[{"matchAttribute":"resource.aws.com/devicegroup4_id"}]}]}}}}
                """))
        .containsExactly(
            ".spec.spec.devices.requests[1].constraints: field not declared in schema");
  }

  @Test
  void unknownFieldsAndWrongTypesAreAllReportedWithTheirPaths() {
    assertThat(
            errors(
                "ResourceClaim",
                """
                {"metadata":{"name":"c","labelz":{}},"spec":{"devices":{"requests":[
                  {"name":"a","exactly":{"deviceClassName":"gpu","selectorz":[],
                   "count":"two","adminAccess":"yes"}},
                  {"name":"b","exactly":{"deviceClassName":"gpu","count":1.5}}]}}}
                """))
        .containsExactly(
            ".metadata.labelz: field not declared in schema",
            ".spec.devices.requests[0].exactly.selectorz: field not declared in schema",
            ".spec.devices.requests[0].exactly.count: expected integer, got string \"two\"",
            ".spec.devices.requests[0].exactly.adminAccess: expected boolean, got string \"yes\"",
            ".spec.devices.requests[1].exactly.count: expected integer, got number 1.5");
  }

  @Test
  void arraysAndObjectsMustBeWhereTheSchemaSaysSo() {
    assertThat(
            errors(
                "DeviceClass",
                """
                {"metadata":{"name":"gpu"},"spec":{"selectors":{"cel":{"expression":"true"}},
                 "config":[{"opaque":"d"}]}}
                """))
        .containsExactly(
            ".spec.selectors: expected array, got object {\"cel\":{\"expression\":\"true\"}}",
            ".spec.config[0].opaque: expected object, got string \"d\"");
  }

  @Test
  void slicesAcceptListAttributesQuantitiesAnd137Fields() {
    assertThat(
            errors(
                "ResourceSlice",
                """
                {"metadata":{"name":"s"},"spec":{"driver":"d","pool":{"name":"p","generation":1,
                  "resourceSliceCount":1},"nodeName":"n","partitionTypeAttribute":"d/type",
                  "skipNodeOperations":["NodePrepareResources","NodeUnprepareResources"],
                  "devices":[{"name":"g","attributes":{"numa":{"ints":[0,1]},"v":{"version":"1.0.0"},
                    "ok":{"bool":true}},"capacity":{"memory":{"value":"80Gi",
                    "requestPolicy":{"default":"1Gi","validRange":{"min":"1Gi","step":"1Gi"}}}},
                    "taints":[{"key":"k","effect":"NoSchedule"}],"bindsToNode":true}]}}
                """))
        .isEmpty();
    assertThat(
            errors(
                "ResourceSlice",
                """
                {"metadata":{"name":"s"},"spec":{"driver":"d","devices":[
                  {"name":"g","attributes":{"numa":{"intz":[0]}},"capacity":{"m":{"value":true}}}]}}
                """))
        .containsExactly(
            ".spec.devices[0].attributes.numa.intz: field not declared in schema",
            ".spec.devices[0].capacity.m.value: expected quantity (string or number), got boolean"
                + " true");
  }

  @Test
  void aPodKeepsEveryRealFieldAndRejectsAMisspelledClaimReference() {
    assertThat(
            errors(
                "Pod",
                """
                {"metadata":{"name":"p"},"spec":{"nodeName":"n","restartPolicy":"Never",
                  "tolerations":[{"key":"k","operator":"Exists"}],
                  "resourceClaims":[{"name":"g","resourceClaimTemplateName":"t"}],
                  "containers":[{"name":"c","image":"i","ports":[{"containerPort":80}],
                    "resources":{"limits":{"cpu":1},"claims":[{"name":"g","request":"a"}]}}]},
                 "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}
                """))
        .isEmpty();
    assertThat(
            errors(
                "Pod",
                """
                {"metadata":{"name":"p"},"spec":{"resourceClaims":[{"name":"g",
                  "resourceClaimTemplate":"t"}],"containers":[{"name":"c"}]}}
                """))
        .containsExactly(
            ".spec.resourceClaims[0].resourceClaimTemplate: field not declared in schema");
  }

  @Test
  void kindsWithoutASchemaAreNotChecked() {
    assertThat(errors("Node", "{\"status\":{\"nodeInfo\":{\"aFieldOfLater\":1}}}")).isEmpty();
  }
}
