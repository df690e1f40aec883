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
package io.dra4j.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagsTest {
  private static final Flags FLAGS =
      Flags.builder("prog [flags]")
          .description("Does a thing.")
          .value("--nodes", "N", "how many nodes")
          .value("--cdi-dir", "DIR", "CDI_ROOT", "CDI spec directory")
          .repeatable("--set", "KEY=VALUE", "a setting; repeatable")
          .toggle("--json", "JSON output")
          .build();

  private static Flags.Parsed parse(String... args) throws UsageException {
    return FLAGS.parse(List.of(args), Map.of());
  }

  @Test
  void readsSeparateAndInlineValuesSwitchesAndRepeats() throws Exception {
    Flags.Parsed p = parse("--nodes", "3", "--cdi-dir=/x", "--set", "a=1", "--set=b=2", "--json");
    assertThat(p.value("--nodes")).contains("3");
    assertThat(p.value("--cdi-dir")).contains("/x");
    assertThat(p.values("--set")).containsExactly("a=1", "b=2");
    assertThat(p.has("--json")).isTrue();
    assertThat(p.help()).isFalse();
  }

  @Test
  void theLastValueOfAPlainFlagWins() throws Exception {
    assertThat(parse("--nodes", "1", "--nodes=2").value("--nodes")).contains("2");
  }

  @Test
  void anEnvironmentVariableFillsAFlagNotGivenAndTheFlagWins() throws Exception {
    Map<String, String> env = Map.of("CDI_ROOT", "/env");
    assertThat(FLAGS.parse(List.of(), env).value("--cdi-dir")).contains("/env");
    assertThat(FLAGS.parse(List.of("--cdi-dir", "/flag"), env).value("--cdi-dir"))
        .contains("/flag");
    assertThat(FLAGS.parse(List.of(), Map.of("CDI_ROOT", "")).value("--cdi-dir")).isEmpty();
  }

  @Test
  void anUnknownFlagIsRefusedListingTheFlags() {
    assertThatThrownBy(() -> parse("--verbose"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "unknown flag '--verbose'; allowed flags are --nodes, --cdi-dir, --set, --json and"
                + " --help");
  }

  @Test
  void aMissingValueAndAValueForASwitchAreRefused() {
    assertThatThrownBy(() -> parse("--nodes"))
        .hasMessage("--nodes needs a value: --nodes N or --nodes=N");
    assertThatThrownBy(() -> parse("--nodes", "--json"))
        .hasMessage("--nodes needs a value: --nodes N or --nodes=N");
    assertThatThrownBy(() -> parse("--json=yes"))
        .hasMessage("--json takes no value; write just --json");
  }

  @Test
  void integersAreCheckedForFormAndRange() throws Exception {
    assertThat(parse("--nodes", "4").integer("--nodes", 1, 16)).contains(4);
    assertThat(parse().integer("--nodes", 1, 16)).isEmpty();
    assertThatThrownBy(() -> parse("--nodes", "0").integer("--nodes", 1, 16))
        .hasMessage("--nodes: 0 is out of range; allowed values are 1 to 16");
    assertThatThrownBy(() -> parse("--nodes", "many").integer("--nodes", 1, 16))
        .hasMessage("--nodes: 'many' is not a number; allowed values are 1 to 16");
  }

  @Test
  void oneOfNamesTheFlagWithItsEnvironmentVariableAndTheAllowedValues() throws Exception {
    assertThat(parse("--cdi-dir", "a").oneOf("--cdi-dir", List.of("a", "b"))).contains("a");
    assertThatThrownBy(() -> parse("--cdi-dir", "c").oneOf("--cdi-dir", List.of("a", "b")))
        .hasMessage("--cdi-dir (env CDI_ROOT): unknown value 'c'; allowed values are a, b");
  }

  @Test
  void helpIsBuiltInAndListsEveryFlagWithItsEnvironmentVariable() throws Exception {
    assertThat(parse("-h").help()).isTrue();
    assertThat(parse("--help").help()).isTrue();
    assertThat(FLAGS.usage())
        .startsWith("usage: prog [flags]\n\nDoes a thing.\n")
        .contains("--nodes N")
        .contains("--cdi-dir DIR")
        .contains("CDI spec directory [CDI_ROOT]")
        .contains("--json")
        .contains("--help");
  }

  @Test
  void aRefusalNamesTheProblemThenWhereTheHelpIs() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Flags.printRefusal(
        new PrintStream(bytes, true, StandardCharsets.UTF_8), "--nodes needs a value");
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "error: --nodes needs a value"
                + System.lineSeparator()
                + "run with --help for usage"
                + System.lineSeparator());
  }

  @Test
  void definitionsAreChecked() {
    assertThatThrownBy(() -> Flags.builder("p").toggle("json", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts with --");
    assertThatThrownBy(() -> Flags.builder("p").toggle("--a", "x").toggle("--a", "y"))
        .hasMessageContaining("defined twice");
    assertThatThrownBy(() -> parse().value("--nope")).hasMessageContaining("no flag --nope");
  }
}
