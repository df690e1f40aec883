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
package io.dra4j.runtime.internal.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class ResourceVersionsTest {
  private static JsonObject json(String s) {
    return JsonParser.parseString(s).getAsJsonObject();
  }

  private static final String V1_SLICE =
      """
      {"apiVersion":"resource.k8s.io/v1","kind":"ResourceSlice","metadata":{"name":"s"},
       "spec":{"driver":"gpu.example.com","nodeName":"node-a",
        "pool":{"name":"node-a","generation":3,"resourceSliceCount":1},
        "devices":[
         {"name":"gpu-0","attributes":{"index":{"int":0}},"capacity":{"memory":{"value":"80Gi"}},
          "taints":[{"key":"unhealthy","effect":"NoSchedule"}],
          "consumesCounters":[{"counterSet":"mem","counters":{"memory":{"value":"80Gi"}}}]},
         {"name":"gpu-1"}]}}
      """;

  private static final String V1BETA1_SLICE =
      """
      {"apiVersion":"resource.k8s.io/v1beta1","kind":"ResourceSlice","metadata":{"name":"s"},
       "spec":{"driver":"gpu.example.com","nodeName":"node-a",
        "pool":{"name":"node-a","generation":3,"resourceSliceCount":1},
        "devices":[
         {"name":"gpu-0","basic":{"attributes":{"index":{"int":0}},
          "capacity":{"memory":{"value":"80Gi"}},
          "taints":[{"key":"unhealthy","effect":"NoSchedule"}],
          "consumesCounters":[{"counterSet":"mem","counters":{"memory":{"value":"80Gi"}}}]}},
         {"name":"gpu-1","basic":{}}]}}
      """;

  @Test
  void v1SlicesBecomeV1beta1DevicesWithBasic() {
    assertThat(ResourceVersions.toServed(json(V1_SLICE), "v1beta1", "resourceslices"))
        .isEqualTo(json(V1BETA1_SLICE));
  }

  @Test
  void v1beta1SlicesReadAsV1() {
    assertThat(ResourceVersions.toV1(json(V1BETA1_SLICE), "v1beta1", "resourceslices"))
        .isEqualTo(json(V1_SLICE));
  }

  @Test
  void v1beta2SlicesOnlyChangeTheirApiVersion() {
    JsonObject served = ResourceVersions.toServed(json(V1_SLICE), "v1beta2", "resourceslices");

    assertThat(served.get("apiVersion").getAsString()).isEqualTo("resource.k8s.io/v1beta2");
    served.addProperty("apiVersion", "resource.k8s.io/v1");
    assertThat(served).isEqualTo(json(V1_SLICE));
  }

  @Test
  void v1beta1ListItemsReadAsV1EvenWithoutTypeFields() {
    JsonObject list =
        json(
            "{\"apiVersion\":\"resource.k8s.io/v1beta1\",\"kind\":\"ResourceSliceList\","
                + "\"items\":[{\"spec\":{\"devices\":[{\"name\":\"gpu-0\",\"basic\":"
                + "{\"attributes\":{\"index\":{\"int\":0}}}}]}}]}");

    JsonObject v1 = ResourceVersions.toV1(list, "v1beta1", "resourceslices");

    assertThat(v1.get("apiVersion").getAsString()).isEqualTo("resource.k8s.io/v1");
    assertThat(v1.getAsJsonArray("items").get(0).getAsJsonObject().getAsJsonObject("spec"))
        .isEqualTo(
            json("{\"devices\":[{\"name\":\"gpu-0\",\"attributes\":{\"index\":{\"int\":0}}}]}"));
  }

  private static final String V1_CLAIM =
      """
      {"apiVersion":"resource.k8s.io/v1","kind":"ResourceClaim",
       "spec":{"devices":{"requests":[
         {"name":"gpus","exactly":{"deviceClassName":"gpu.example.com","count":2,
          "selectors":[{"cel":{"expression":"true"}}]}},
         {"name":"any","firstAvailable":[{"name":"big","deviceClassName":"gpu.example.com"}]}]}},
       "status":{"allocation":{"devices":{"results":[
         {"request":"gpus","driver":"gpu.example.com","pool":"node-a","device":"gpu-0"}]}}}}
      """;

  private static final String V1BETA1_CLAIM =
      """
      {"apiVersion":"resource.k8s.io/v1beta1","kind":"ResourceClaim",
       "spec":{"devices":{"requests":[
         {"name":"gpus","deviceClassName":"gpu.example.com","count":2,
          "selectors":[{"cel":{"expression":"true"}}]},
         {"name":"any","firstAvailable":[{"name":"big","deviceClassName":"gpu.example.com"}]}]}},
       "status":{"allocation":{"devices":{"results":[
         {"request":"gpus","driver":"gpu.example.com","pool":"node-a","device":"gpu-0"}]}}}}
      """;

  @Test
  void v1beta1ClaimRequestsAreFlatAndTheAllocationIsUnchanged() {
    assertThat(ResourceVersions.toServed(json(V1_CLAIM), "v1beta1", "resourceclaims"))
        .isEqualTo(json(V1BETA1_CLAIM));
    assertThat(ResourceVersions.toV1(json(V1BETA1_CLAIM), "v1beta1", "resourceclaims"))
        .isEqualTo(json(V1_CLAIM));
  }

  @Test
  void claimTemplatesConvertTheirInnerClaimSpec() {
    JsonObject template =
        json(
            "{\"apiVersion\":\"resource.k8s.io/v1beta1\",\"kind\":\"ResourceClaimTemplate\","
                + "\"spec\":{\"spec\":{\"devices\":{\"requests\":[{\"name\":\"gpus\","
                + "\"deviceClassName\":\"gpu.example.com\"}]}}}}");

    JsonObject v1 = ResourceVersions.toV1(template, "v1beta1", "resourceclaimtemplates");

    assertThat(v1.toString())
        .contains("{\"name\":\"gpus\",\"exactly\":{\"deviceClassName\":\"gpu.example.com\"}}");
  }

  @Test
  void statusObjectsAreLeftAlone() {
    String status =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404,"
            + "\"details\":{\"name\":\"s\",\"group\":\"resource.k8s.io\"}}";

    assertThat(ResourceVersions.toV1(json(status), "v1beta1", "resourceslices"))
        .isEqualTo(json(status));
  }

  @Test
  void deviceClassesOnlyChangeTheirApiVersion() {
    JsonObject cls =
        json(
            "{\"apiVersion\":\"resource.k8s.io/v1beta1\",\"kind\":\"DeviceClass\","
                + "\"spec\":{\"selectors\":[{\"cel\":{\"expression\":\"true\"}}]}}");

    JsonObject v1 = ResourceVersions.toV1(cls.deepCopy(), "v1beta1", "deviceclasses");

    cls.addProperty("apiVersion", "resource.k8s.io/v1");
    assertThat(v1).isEqualTo(cls);
  }
}
