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
package io.dra4j.examples.minimal;

// snippet:deviceMetadata
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import io.dra4j.testkit.junit.DraTest;
import org.junit.jupiter.api.Test;

@DraTest(providers = MinimalDriver.class, deviceMetadata = true)
class DeviceMetadataTest {

  @Test
  void containerReadsItsDeviceAndTheDeviceAttributes(DraCluster cluster) throws Exception {
    cluster.applyDeviceClass("minimal.example.com");
    cluster.applyClaimTemplate("one-counter", "counter", "minimal.example.com", 1);
    PodRun run = cluster.runPod(PodSpec.pod("app").claimFromTemplate("c", "one-counter").build());

    // Pod claim "c" from a template, request "counter", driver minimal.example.com:
    String file =
        "/var/run/kubernetes.io/dra-device-attributes/resourceclaimtemplates/c/counter/"
            + "minimal.example.com-metadata.json";
    JsonObject metadata = JsonParser.parseString(run.container().readFile(file)).getAsJsonObject();

    JsonObject device =
        metadata
            .getAsJsonArray("requests")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("devices")
            .get(0)
            .getAsJsonObject();
    assertThat(metadata.get("apiVersion").getAsString())
        .isEqualTo("metadata.resource.k8s.io/v1alpha1");
    assertThat(device.get("name").getAsString()).isEqualTo("counter-0");
    assertThat(device.getAsJsonObject("attributes").toString())
        .isEqualTo("{\"index\":{\"int\":0}}");
  }
}
// end:deviceMetadata
