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

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1DeviceAttribute;
import org.junit.jupiter.api.Test;

class ApiJsonTest {
  @Test
  void clientJavaSendsEmptyCollectionsThatCompactionRemoves() {
    V1Device device =
        new V1Device().name("d").putAttributesItem("a", new V1DeviceAttribute()._int(1L));
    String raw = JSON.serialize(device);

    assertThat(ApiJson.toJson(device))
        .isEqualTo(JsonParser.parseString("{\"name\":\"d\",\"attributes\":{\"a\":{\"int\":1}}}"));
    assertThat(raw.length()).isGreaterThanOrEqualTo(ApiJson.toJson(device).toString().length());
  }

  @Test
  void compactionRemovesNestedEmptiesAndNullsButKeepsFalseAndZero() {
    String json = "{\"a\":[],\"b\":{\"c\":{}},\"d\":null,\"e\":false,\"f\":0,\"g\":[{\"h\":[]}]}";

    assertThat(ApiJson.compact(JsonParser.parseString(json)).toString())
        .isEqualTo("{\"e\":false,\"f\":0,\"g\":[{}]}");
  }
}
