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

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.device.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BindableTypesTest {
  enum Mode {
    A
  }

  record Leaf(String s, int i, Long l, double d, boolean b, Quantity q, Duration t, Mode m) {}

  record Containers(
      Optional<Leaf> one,
      List<Leaf> many,
      Map<String, List<Optional<Integer>>> nested,
      Optional<Map<String, Leaf>> byName) {}

  record Tree(String name, List<Tree> children) {}

  record WithSet(Set<String> names) {}

  record IntKeys(Map<Integer, String> byNumber) {}

  record Wildcard(List<? extends Number> numbers) {}

  record Deep(Optional<List<WithObject>> inner) {}

  record WithObject(Object anything) {}

  @Test
  void scalarsContainersNestedAndRecursiveRecordsAreBindable() {
    assertThatCode(() -> BindableTypes.check(Leaf.class)).doesNotThrowAnyException();
    assertThatCode(() -> BindableTypes.check(Containers.class)).doesNotThrowAnyException();
    assertThatCode(() -> BindableTypes.check(Tree.class)).doesNotThrowAnyException();
  }

  @Test
  void anUnsupportedContainerNamesTheComponentAndItsType() {
    assertThatThrownBy(() -> BindableTypes.check(WithSet.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "config component WithSet.names has type java.util.Set<java.lang.String>, which"
                + " cannot be decoded; use String, boolean, int, long, double, an enum, Quantity,"
                + " Duration, a record, or Optional/List/Map<String, ...> of these");
  }

  @Test
  void mapKeysMustBeStrings() {
    assertThatThrownBy(() -> BindableTypes.check(IntKeys.class))
        .hasMessageContaining("IntKeys.byNumber")
        .hasMessageContaining("(map keys must be String)");
  }

  @Test
  void wildcardsCannotBeBound() {
    assertThatThrownBy(() -> BindableTypes.check(Wildcard.class))
        .hasMessageContaining("Wildcard.numbers")
        .hasMessageContaining("wildcards and type variables cannot be decoded");
  }

  @Test
  void anUnsupportedTypeDeepInsideIsFoundAtItsRecord() {
    assertThatThrownBy(() -> BindableTypes.check(Deep.class))
        .hasMessageContaining("WithObject.anything has type java.lang.Object");
  }
}
