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

import io.dra4j.runtime.NodeFixture;
import io.dra4j.runtime.internal.logging.LogFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  private final NodeFixture node = new NodeFixture();

  @AfterEach
  void tearDown() throws Exception {
    node.close();
  }

  private Map<String, String> env() {
    return Map.of(
        "NODE_NAME", "node-1",
        "KUBELET_REGISTRAR_DIRECTORY_PATH", node.registrar.toString(),
        "KUBELET_PLUGINS_DIRECTORY_PATH", node.plugins.toString(),
        "CDI_ROOT", node.cdi.toString(),
        "SYS_ROOT", node.host.sys().toString(),
        "DEV_ROOT", node.host.dev().toString(),
        "PROC_ROOT", node.host.proc().toString());
  }

  @Test
  void environmentVariablesConfigureEverythingTheDaemonSetSets() throws Exception {
    Options o = CommandLine.parse(List.of(), env());

    assertThat(o.nodeName()).isEqualTo("node-1");
    assertThat(o.registrarDir()).isEqualTo(node.registrar);
    assertThat(o.pluginsDir()).isEqualTo(node.plugins);
    assertThat(o.cdiDir()).isEqualTo(node.cdi);
    assertThat(o.hostPaths()).isEqualTo(node.host);
    assertThat(o.podUid()).isEmpty();
    assertThat(o.metricsPort()).isZero();
    assertThat(o.logLevel()).isEqualTo("info");
    assertThat(o.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(o.kubeconfig()).isEmpty();
  }

  @Test
  void flagsOverrideTheEnvironmentInBothSpellings() throws Exception {
    Options o =
        CommandLine.parse(
            List.of(
                "--node-name",
                "node-2",
                "--metrics-port=9400",
                "--pod-uid",
                "abc",
                "--log-level=DEBUG",
                "--provider",
                "x.Y"),
            env());

    assertThat(o.nodeName()).isEqualTo("node-2");
    assertThat(o.metricsPort()).isEqualTo(9400);
    assertThat(o.podUid()).contains("abc");
    assertThat(o.logLevel()).isEqualTo("debug");
    assertThat(o.provider()).isEqualTo(Optional.of("x.Y"));
  }

  @Test
  void setIsRepeatableAndCollectsDriverSettings() throws Exception {
    Options o = CommandLine.parse(List.of("--set", "mode=exclusive", "--set=limit=a=b"), env());

    assertThat(o.settings())
        .containsExactlyInAnyOrderEntriesOf(Map.of("mode", "exclusive", "limit", "a=b"));
  }

  @Test
  void deviceMetadataIsOffUnlessTheFlagOrTheVariableTurnsItOn() throws Exception {
    assertThat(CommandLine.parse(List.of(), env()).deviceMetadata()).isFalse();
    assertThat(CommandLine.parse(List.of("--device-metadata=true"), env()).deviceMetadata())
        .isTrue();
    Map<String, String> env = new HashMap<>(env());
    env.put("DEVICE_METADATA", "true");
    assertThat(CommandLine.parse(List.of(), env).deviceMetadata()).isTrue();
    assertThat(CommandLine.parse(List.of("--device-metadata", "false"), env).deviceMetadata())
        .isFalse();
  }

  @Test
  void aDeviceMetadataValueOtherThanTrueOrFalseNamesTheAllowedOnes() {
    assertThatThrownBy(() -> CommandLine.parse(List.of("--device-metadata=yes"), env()))
        .hasMessageContaining("--device-metadata (env DEVICE_METADATA)")
        .hasMessageContaining("'yes'")
        .hasMessageContaining("true, false");
  }

  @Test
  void aMissingNodeNameNamesTheFlagAndTheVariable() {
    assertThatThrownBy(() -> CommandLine.parse(List.of(), Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--node-name")
        .hasMessageContaining("NODE_NAME");
  }

  @Test
  void anUnknownFlagPointsToHelp() {
    assertThatThrownBy(() -> CommandLine.parse(List.of("--nodename", "x"), env()))
        .hasMessageContaining("unknown flag '--nodename'")
        .hasMessageContaining("--help");
  }

  @Test
  void aFlagWithoutValueIsRejected() {
    assertThatThrownBy(() -> CommandLine.parse(List.of("--pod-uid"), env()))
        .hasMessageContaining("--pod-uid needs a value");
  }

  @Test
  void aBadPortOrLogLevelNamesTheAllowedValues() {
    assertThatThrownBy(() -> CommandLine.parse(List.of("--metrics-port", "70000"), env()))
        .hasMessageContaining("--metrics-port")
        .hasMessageContaining("0 (off) to 65535");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--log-level", "loud"), env()))
        .hasMessageContaining("error, warn, info, debug, trace");
  }

  @Test
  void theMetricsBindAddressIsLoopbackUnlessAFlagOrTheEnvironmentSaysOtherwise() throws Exception {
    assertThat(CommandLine.parse(List.of(), env()).metricsBindAddress()).isEqualTo("127.0.0.1");
    assertThat(
            CommandLine.parse(List.of("--metrics-bind-address=0.0.0.0"), env())
                .metricsBindAddress())
        .isEqualTo("0.0.0.0");
    Map<String, String> env = new HashMap<>(env());
    env.put("METRICS_BIND_ADDRESS", "10.4.0.17");
    assertThat(CommandLine.parse(List.of(), env).metricsBindAddress()).isEqualTo("10.4.0.17");
    assertThat(
            CommandLine.parse(List.of("--metrics-bind-address", "::1"), env).metricsBindAddress())
        .isEqualTo("::1");
  }

  @Test
  void aMetricsBindAddressThatIsNotAnIpLiteralNamesTheFlagAndTheFix() {
    for (String bad : List.of("localhost", "256.1.1.1", "10.0.0", "", "0.0.0.0:9090", "::g")) {
      assertThatThrownBy(
              () -> CommandLine.parse(List.of("--metrics-bind-address=" + bad), env()), bad)
          .hasMessageContaining("--metrics-bind-address")
          .hasMessageContaining("METRICS_BIND_ADDRESS")
          .hasMessageContaining("not an IP address")
          .hasMessageContaining("0.0.0.0");
    }
  }

  @Test
  void theLogFormatIsTextOrJsonFromTheFlagOrTheEnvironment() throws Exception {
    assertThat(CommandLine.parse(List.of("--log-format=JSON"), env()).logFormat())
        .isEqualTo(LogFormat.JSON);
    Map<String, String> env = new HashMap<>(env());
    env.put("LOG_FORMAT", "json");
    assertThat(CommandLine.parse(List.of(), env).logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(CommandLine.parse(List.of("--log-format", "text"), env).logFormat())
        .isEqualTo(LogFormat.TEXT);
  }

  @Test
  void aBadLogFormatNamesTheFlagAndTheAllowedValues() {
    assertThatThrownBy(() -> CommandLine.parse(List.of("--log-format", "xml"), env()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--log-format (env LOG_FORMAT) 'xml'")
        .hasMessageContaining("text, json");
  }

  @Test
  void aMissingDirectoryNamesTheFlagAndTheFix() {
    assertThatThrownBy(
            () ->
                CommandLine.parse(
                    List.of("--plugins-dir", node.root.resolve("none").toString()), env()))
        .hasMessageContaining("--plugins-dir")
        .hasMessageContaining("KUBELET_PLUGINS_DIRECTORY_PATH")
        .hasMessageContaining("does not exist")
        .hasMessageContaining("mount the host directory");
  }

  @Test
  void aKubeconfigThatIsNoPathIsAUsageError() {
    assertThatThrownBy(() -> CommandLine.parse(List.of("--kubeconfig", "a\0b"), env()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--kubeconfig")
        .hasMessageContaining("KUBECONFIG")
        .hasMessageContaining("is not a valid path");
  }

  @Test
  void aMalformedSetIsRejected() {
    assertThatThrownBy(() -> CommandLine.parse(List.of("--set", "novalue"), env()))
        .hasMessageContaining("key=value");
  }

  @Test
  void usageListsEveryFlagWithItsVariable() {
    assertThat(CommandLine.usage())
        .contains(
            "--node-name",
            "NODE_NAME",
            "--cdi-dir",
            "CDI_ROOT",
            "--pod-uid",
            "POD_UID",
            "--set KEY=VALUE");
  }
}
