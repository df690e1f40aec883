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
package io.dra4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.logging.LogFormat;
import io.dra4j.runtime.internal.logging.RuntimeLogging;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class MainIT {
  private final NodeFixture node = new NodeFixture();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void tearDown() throws Exception {
    Main.stop();
    node.close();
    // Main pointed the process's log output at this test's stream; give it back.
    RuntimeLogging.configure(Level.INFO, LogFormat.TEXT, System.err);
  }

  private List<String> args(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--node-name", "node-1",
                "--registrar-dir", node.registrar.toString(),
                "--plugins-dir", node.plugins.toString(),
                "--cdi-dir", node.cdi.toString(),
                "--sys-root", node.host.sys().toString(),
                "--dev-root", node.host.dev().toString(),
                "--proc-root", node.host.proc().toString()));
    args.addAll(List.of(extra));
    return args;
  }

  private int run(List<String> args) {
    return run(args, node.kubernetes);
  }

  private int run(List<String> args, KubernetesConnection kubernetes) {
    return Main.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        (kubeconfig, driver, nodeName) -> kubernetes);
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The line Main prints for the user, apart from the log lines before it. */
  private String errorLine() {
    return errors().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
  }

  @Test
  void theProcessServesTheKubeletUntilStoppedAndThenExitsCleanly() throws Exception {
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> run(args("--set", "mode=shared")));
    Path socket = node.registrar.resolve(TestProvider.DRIVER + "-reg.sock");
    await().atMost(Duration.ofSeconds(20)).until(() -> socket.toFile().exists());

    try (FakeKubelet kubelet =
        new FakeKubelet(socket, node.plugins.resolve(TestProvider.DRIVER).resolve("dra.sock"))) {
      assertThat(kubelet.getInfo().getName()).isEqualTo(TestProvider.DRIVER);
    }
    Main.stop();

    assertThat(exit.get()).isZero();
    assertThat(socket).doesNotExist();
    assertThat(node.kubernetes.closed()).isTrue();
  }

  /** Runs the driver until {@code line} shows up in its log output, then stops it. */
  private List<String> logUntil(String line, String... flags) throws Exception {
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(args(flags)));
    Path socket = node.registrar.resolve(TestProvider.DRIVER + "-reg.sock");
    await().atMost(Duration.ofSeconds(20)).until(() -> errors().contains(line));
    await().atMost(Duration.ofSeconds(20)).until(() -> socket.toFile().exists());
    Main.stop();
    assertThat(exit.get()).isZero();
    return errors().lines().toList();
  }

  @Test
  void aProviderWarningIsOneTextLineLikeTheRuntimesOwnLines() throws Exception {
    List<String> lines =
        logUntil(
            "asked to warn: disk is slow", "--log-level", "warn", "--set", "warn=disk is slow");

    assertThat(lines)
        .singleElement()
        .asString()
        .matches(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z WARN  "
                + "io\\.dra4j\\.driver\\.gpu\\.example\\.com - asked to warn: disk is slow");
  }

  @Test
  void theRuntimeLogsAtInfoByDefault() throws Exception {
    List<String> lines = logUntil("asked to warn: x", "--set", "warn=x");

    assertThat(lines)
        .anySatisfy(l -> assertThat(l).contains(" INFO  ", "driver gpu.example.com publishes"))
        .allSatisfy(l -> assertThat(l).doesNotContain("SLF4J"));
  }

  @Test
  void jsonLogFormatWritesOneObjectPerLine() throws Exception {
    List<String> lines = logUntil("asked to warn: y", "--log-format=json", "--set", "warn=y");

    assertThat(lines)
        .allSatisfy(l -> assertThat(l).startsWith("{\"time\":\"").endsWith("}"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\"level\":\"WARN\",\"logger\":\"io.dra4j.driver.gpu.example.com\"",
                        "\"message\":\"asked to warn: y\""));
  }

  @Test
  void errorLogLevelSuppressesAProvidersWarning() throws Exception {
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> run(args("--log-level=error", "--set", "warn=should not show")));
    Path socket = node.registrar.resolve(TestProvider.DRIVER + "-reg.sock");
    await().atMost(Duration.ofSeconds(20)).until(() -> socket.toFile().exists());
    Main.stop();

    assertThat(exit.get()).isZero();
    assertThat(errors()).isEmpty();
  }

  @Test
  void helpPrintsTheFlagsAndExitsZero() {
    assertThat(run(List.of("--help"))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--node-name", "NODE_NAME");
  }

  @Test
  void aBadFlagExitsWithTwoAndNamesIt() {
    assertThat(run(args("--bogus", "1"))).isEqualTo(Main.EXIT_USAGE);
    assertThat(errors()).contains("unknown flag '--bogus'");
  }

  @Test
  void aMissingNodeNameExitsWithTwo() {
    assertThat(run(List.of("--registrar-dir", node.registrar.toString())))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(errors()).contains("--node-name");
  }

  @Test
  void anUnusableDirectoryExitsWithTwoNamingTheFlag() {
    assertThat(run(args("--registrar-dir", node.root.resolve("missing").toString())))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(errors()).contains("--registrar-dir").contains("does not exist");
  }

  @Test
  void aRuntimeSettingErrorIsPrintedWithTheFlagInsteadOfTheSetting() throws Exception {
    // The command line accepts a file whose parent is a directory; the runtime does not.
    Path file = Files.writeString(node.root.resolve("cdi-file"), "x");

    assertThat(run(args("--cdi-dir", file.toString()))).isEqualTo(Main.EXIT_USAGE);

    assertThat(errorLine())
        .startsWith(
            "error: driver "
                + TestProvider.DRIVER
                + " failed to start: --cdi-dir (env CDI_ROOT): CDI spec directory "
                + file
                + " is not a directory")
        .doesNotContain("cdiDir");
    assertThat(node.kubernetes.closed()).isTrue();
  }

  @Test
  void describeMapsEverySettingTheCommandLineSetsToItsFlag() {
    assertThat(Main.describe(ConfigurationException.of("registrarDir", "directory /x is missing")))
        .isEqualTo(
            "--registrar-dir (env KUBELET_REGISTRAR_DIRECTORY_PATH): directory /x is missing");
    assertThat(Main.describe(ConfigurationException.of("pluginsDir", "p")))
        .isEqualTo("--plugins-dir (env KUBELET_PLUGINS_DIRECTORY_PATH): p");
    assertThat(Main.describe(ConfigurationException.of("nodeName", "n")))
        .isEqualTo("--node-name (env NODE_NAME): n");
    assertThat(Main.describe(ConfigurationException.of("metricsPort", "m")))
        .isEqualTo("--metrics-port (env METRICS_PORT): m");
    assertThat(Main.describe(ConfigurationException.of("rollingUpdate", "u")))
        .isEqualTo("--pod-uid (env POD_UID): u");
    assertThat(Main.describe(ConfigurationException.of("prepareParallelism", "no flag")))
        .as("a setting without a flag keeps its name")
        .isEqualTo("prepareParallelism: no flag");
    assertThat(Main.describe(new ConfigurationException("driver name 'X' is invalid")))
        .isEqualTo("driver name 'X' is invalid");
  }

  @Test
  void aProviderThatFailsToStartIsReportedNamingTheDriverOnce() {
    RecordingPublisher refusing =
        new RecordingPublisher() {
          @Override
          public void publish(Resources resources) {
            throw new IllegalStateException("the API server refused the slices");
          }
        };

    int exit = run(args(), new InMemoryConnection(node.claims, refusing));

    assertThat(exit).isEqualTo(Main.EXIT_FAILURE);
    assertThat(errorLine())
        .contains("the API server refused the slices")
        .contains(TestProvider.class.getName() + " threw in start()");
    assertThat(occurrences(errorLine(), TestProvider.DRIVER)).isOne();
    assertThat(occurrences(errorLine(), "failed to start")).isOne();
  }

  private static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  @Test
  void anUnknownProviderClassExitsWithTwoListingTheRegisteredOnes() {
    assertThat(run(args("--provider", "com.example.Missing"))).isEqualTo(Main.EXIT_USAGE);
    assertThat(errors()).contains("com.example.Missing").contains(TestProvider.class.getName());
  }
}
