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
package io.dra4j.testkit.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kubectl against the in-memory API server, with kubectl's default validation (no {@code
 * --validate=false}). kubectl is {@code $KUBECTL}, else the first on the {@code PATH}; without one
 * the tests are skipped, and say so on standard error.
 */
class KubectlIT {
  private final FakeApiServer api = FakeApiServer.start();
  private Path kubectl;
  private Path kubeconfig;
  private Path cache;

  @BeforeEach
  void findKubectl(@TempDir Path dir) {
    Optional<Path> found = kubectl();
    if (found.isEmpty()) {
      System.err.println(
          "SKIPPED KubectlIT: no kubectl found ($KUBECTL or on the PATH); these tests run a real"
              + " kubectl against the in-memory API server");
    }
    assumeTrue(found.isPresent(), "no kubectl: set KUBECTL or put kubectl on the PATH");
    kubectl = found.get();
    kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
    cache = dir.resolve("cache");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static Optional<Path> kubectl() {
    String env = System.getenv("KUBECTL");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env)).filter(Files::isExecutable);
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Runs kubectl; returns its exit status and combined output. */
  private Result kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(kubectl.toString()));
    command.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--cache-dir", cache.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl ended").isTrue();
    return new Result(p.exitValue(), out);
  }

  private record Result(int status, String output) {}

  @Test
  void createNamespaceAndApplyWithValidation(@TempDir Path dir) throws Exception {
    Result created = kubectl("create", "namespace", "team-a");
    assertThat(created.output()).contains("namespace/team-a created");
    assertThat(created.status()).isZero();
    assertThat(api.get("namespaces", "", "team-a")).isPresent();

    Path file = dir.resolve("objects.yaml");
    Files.writeString(
        file,
        "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: widgets}\n"
            + "spec:\n  selectors:\n  - cel: {expression: device.driver == 'widget.example.com'}\n"
            + "---\napiVersion: resource.k8s.io/v1\nkind: ResourceClaimTemplate\n"
            + "metadata: {name: one, namespace: team-a}\n"
            + "spec:\n  spec:\n    devices:\n      requests:\n      - name: w\n"
            + "        exactly: {deviceClassName: widgets}\n");
    Result applied = kubectl("apply", "-f", file.toString());
    assertThat(applied.output())
        .contains("deviceclass.resource.k8s.io/widgets created")
        .contains("resourceclaimtemplate.resource.k8s.io/one created")
        .doesNotContain("openapi");
    assertThat(applied.status()).isZero();

    Files.writeString(file, Files.readString(file).replace("name: w\n", "name: widget\n"));
    Result again = kubectl("apply", "-f", file.toString());
    assertThat(again.output()).contains("resourceclaimtemplate.resource.k8s.io/one configured");
    assertThat(again.status()).isZero();
    assertThat(api.get("resourceclaimtemplates", "team-a", "one").orElseThrow().toString())
        .contains("\"name\":\"widget\"");
  }

  @Test
  void applyRefusesAMisspelledFieldThroughTheServersStrictValidation(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("class.yaml");
    Files.writeString(
        file,
        "apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: widgets}\n"
            + "spec:\n  selector:\n  - cel: {expression: 'true'}\n");

    Result refused = kubectl("apply", "-f", file.toString());

    assertThat(refused.status()).isNotZero();
    assertThat(refused.output()).contains("strict decoding error").contains(".spec.selector");
    assertThat(api.get("deviceclasses", "", "widgets")).isEmpty();
  }
}
