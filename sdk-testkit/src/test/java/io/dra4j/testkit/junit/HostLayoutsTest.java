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
package io.dra4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.testkit.fixtures.HostLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class HostLayoutsTest {

  private static final class Private implements HostLayout {
    private Private() {}

    @Override
    public void layOut(Path root) {}
  }

  abstract static class Abstract implements HostLayout {}

  static final class NeedsAnArgument implements HostLayout {
    NeedsAnArgument(String model) {}

    @Override
    public void layOut(Path root) {}
  }

  final class Inner implements HostLayout {
    @Override
    public void layOut(Path root) {}
  }

  static final class Throws implements HostLayout {
    Throws() {
      throw new IllegalStateException("no widgets today");
    }

    @Override
    public void layOut(Path root) {}
  }

  @Test
  void aPrivateNestedClassIsCreated() {
    assertThat(HostLayouts.instantiate(Private.class, HostLayoutsTest.class))
        .isInstanceOf(Private.class);
  }

  @Test
  void classesThatCannotBeCreatedAreRefusedNamingTheRuleAndTheFix() {
    String prefix = "@DraTest fixture io.dra4j.testkit.junit.HostLayoutsTest$";
    String of = " of io.dra4j.testkit.junit.HostLayoutsTest";
    assertThatThrownBy(() -> HostLayouts.instantiate(Abstract.class, HostLayoutsTest.class))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            prefix
                + "Abstract"
                + of
                + " is abstract: name a concrete class that implements"
                + " HostLayout");
    assertThatThrownBy(() -> HostLayouts.instantiate(HostLayout.class, HostLayoutsTest.class))
        .hasMessageContaining("is abstract");
    assertThatThrownBy(() -> HostLayouts.instantiate(NeedsAnArgument.class, HostLayoutsTest.class))
        .hasMessage(
            prefix
                + "NeedsAnArgument"
                + of
                + " has no no-argument constructor: add one (it may be private)");
    assertThatThrownBy(() -> HostLayouts.instantiate(Inner.class, HostLayoutsTest.class))
        .hasMessage(
            prefix
                + "Inner"
                + of
                + " is an inner class: declare it static so it can be created on its own");
    assertThatThrownBy(() -> HostLayouts.instantiate(Throws.class, HostLayoutsTest.class))
        .hasMessage(
            prefix
                + "Throws"
                + of
                + " failed in its constructor: java.lang.IllegalStateException: no widgets today");
  }
}
