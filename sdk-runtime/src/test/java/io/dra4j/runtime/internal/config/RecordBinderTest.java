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
package io.dra4j.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import io.dra4j.api.config.ValidatedConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordBinderTest {
  record Port(String name, int number) implements ValidatedConfig {
    @Override
    public void validate() {
      if (number < 1) {
        throw new IllegalArgumentException("number must be positive");
      }
    }
  }

  record Service(Optional<String> label, List<Port> ports, Map<String, Port> byRole) {}

  record Empty() {}

  private static JsonObject json(String text) {
    return StrictJsonReader.parse(text).getAsJsonObject();
  }

  private static DecodingFailure fails(Class<?> type, String text) {
    return catchThrowableOfType(
        DecodingFailure.class, () -> RecordBinder.bind(type, json(text), "svc"));
  }

  @Test
  void bindsNestedRecordsListsMapsAndOptionals() {
    Record r =
        RecordBinder.bind(
            Service.class,
            json(
                "{\"ports\":[{\"name\":\"a\",\"number\":1}],\"byRole\":{\"x\":{\"name\":\"b\",\"number\":2}}}"),
            "");
    assertThat(r)
        .isEqualTo(
            new Service(
                Optional.empty(), List.of(new Port("a", 1)), Map.of("x", new Port("b", 2))));
  }

  @Test
  void boundCollectionsAreUnmodifiable() {
    Service s =
        (Service) RecordBinder.bind(Service.class, json("{\"ports\":[],\"byRole\":{}}"), "");
    assertThat(s.ports()).isUnmodifiable();
    assertThat(s.byRole()).isUnmodifiable();
  }

  @Test
  void pathsNameListIndexesAndMapKeysUnderTheGivenPath() {
    assertThat(
            fails(Service.class, "{\"ports\":[{\"name\":\"a\",\"number\":\"1\"}],\"byRole\":{}}")
                .path())
        .isEqualTo("svc.ports[0].number");
    assertThat(fails(Service.class, "{\"ports\":[],\"byRole\":{\"db\":{\"name\":\"a\"}}}").path())
        .isEqualTo("svc.byRole[db].number");
  }

  @Test
  void unknownFieldsBelowTheTopNameWhereTheRecordSits() {
    DecodingFailure f = fails(Port.class, "{\"name\":\"a\",\"number\":1,\"extra\":true}");
    assertThat(f.path()).isEqualTo("svc.extra");
    assertThat(f.getMessage()).isEqualTo("unknown field; Port at 'svc' allows name, number");
  }

  @Test
  void aRecordWithoutComponentsAllowsNoFields() {
    assertThat(fails(Empty.class, "{\"x\":1}").getMessage())
        .isEqualTo("unknown field; Empty at 'svc' allows no fields");
  }

  @Test
  void requiredComponentsNameTheirType() {
    assertThat(fails(Service.class, "{\"byRole\":{}}").getMessage())
        .isEqualTo("is required (List<Port>); add it");
  }

  @Test
  void validationFailuresAreReportedAtTheRecord() {
    DecodingFailure f = fails(Port.class, "{\"name\":\"a\",\"number\":0}");
    assertThat(f.path()).isEqualTo("svc");
    assertThat(f.getMessage()).isEqualTo("number must be positive");
  }
}
