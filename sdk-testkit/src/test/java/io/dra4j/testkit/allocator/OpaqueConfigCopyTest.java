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
package io.dra4j.testkit.allocator;

import static io.dra4j.testkit.allocator.DraObjects.device;
import static io.dra4j.testkit.allocator.DraObjects.node;
import static io.dra4j.testkit.allocator.DraObjects.slice;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The opaque config of a class and a claim reaches the allocation exactly as it was written. */
class OpaqueConfigCopyTest {
  private static final String PARAMS =
      "{\"z\":1,\"a\":9007199254740993,\"neg\":-42,\"dec\":1.50,\"exp\":2.5e3,"
          + "\"nested\":{\"b\":[1,2.0,{\"c\":0}],\"a\":true,\"s\":\"1\"},\"null\":null,"
          + "\"empty\":{},\"none\":[]}";

  private static JsonObject opaque(String driver) {
    JsonObject o = new JsonObject();
    o.addProperty("driver", driver);
    o.add("parameters", JsonParser.parseString(PARAMS));
    return o;
  }

  @Test
  void numbersNestingAndKeyOrderSurviveTheAllocation() {
    JsonObject classJson =
        JsonParser.parseString(
                "{\"metadata\":{\"name\":\"gpu\"},\"spec\":{\"selectors\":[{\"cel\":"
                    + "{\"expression\":\"device.driver == 'gpu.example.com'\"}}]}}")
            .getAsJsonObject();
    JsonObject classConfig = new JsonObject();
    classConfig.add("opaque", opaque("gpu.example.com"));
    JsonArray classConfigs = new JsonArray();
    classConfigs.add(classConfig);
    classJson.getAsJsonObject("spec").add("config", classConfigs);
    JsonObject claimJson =
        JsonParser.parseString(
                "{\"metadata\":{\"name\":\"c\",\"namespace\":\"ns\",\"uid\":\"u-1\"},"
                    + "\"spec\":{\"devices\":{\"requests\":[{\"name\":\"g\",\"exactly\":"
                    + "{\"deviceClassName\":\"gpu\"}}]}}}")
            .getAsJsonObject();
    JsonObject claimConfig = new JsonObject();
    claimConfig.add("opaque", opaque("gpu.example.com"));
    JsonArray claimConfigs = new JsonArray();
    claimConfigs.add(claimConfig);
    claimJson.getAsJsonObject("spec").getAsJsonObject("devices").add("config", claimConfigs);

    Allocator a =
        Allocator.create(
            ClusterState.of(
                List.of(
                    slice("s", "gpu.example.com", "node-a")
                        .nodeName("node-a")
                        .devices(device("gpu-0"))
                        .build()),
                List.of(ApiModels.model(classJson, V1DeviceClass.class))));
    AllocationOutcome outcome =
        a.allocate(
            node("node-a"), List.of(ApiModels.model(claimJson, ResourceV1ResourceClaim.class)));

    JsonObject result = ApiModels.json(AllocatorTest.allocated(outcome, 0));
    JsonArray config = result.getAsJsonObject("devices").getAsJsonArray("config");
    assertThat(config).hasSize(2);
    for (JsonElement c : config) {
      JsonElement parameters = c.getAsJsonObject().getAsJsonObject("opaque").get("parameters");
      // Compared as text: the same numbers, digits, nesting and key order as the input.
      assertThat(parameters.toString()).isEqualTo(PARAMS);
    }
  }
}
