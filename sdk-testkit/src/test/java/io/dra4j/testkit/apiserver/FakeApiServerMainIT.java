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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeApiServerMainIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private FakeApiServerMain.Launch launch(String... args) {
    return FakeApiServerMain.launch(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void servesOnTheGivenVersionsAndWritesAKubeconfig(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("kc");
    FakeApiServerMain.Launch l =
        launch("--resource-versions", "v1beta2, v1", "--kubeconfig=" + kubeconfig);
    try (FakeApiServer server = l.server().orElseThrow()) {
      assertThat(l.status()).isZero();
      assertThat(server.servedResourceVersions()).containsExactly("v1beta2", "v1");
      assertThat(Files.readString(kubeconfig)).contains(server.url());
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("listening on " + server.url())
          .contains("kubeconfig written to");
    }
  }

  @Test
  void helpPrintsTheSharedUsageFormatAndStartsNothing() {
    FakeApiServerMain.Launch l = launch("--help");
    assertThat(l.status()).isZero();
    assertThat(l.server()).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("usage: java -cp <class path> ")
        .contains("--port N")
        .contains("--kubeconfig FILE")
        .contains("--resource-versions LIST");
  }

  @Test
  void badFlagsExitWithStatus2NamingTheFlagAndTheFix() {
    assertThat(launch("--port", "70000").status()).isEqualTo(2);
    assertThat(launch("--verbose").status()).isEqualTo(2);
    assertThat(launch("--resource-versions", "v9").status()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--port: 70000 is out of range; allowed values are 0 to 65535")
        .contains("unknown flag '--verbose'; allowed flags are --port, --kubeconfig,")
        .contains("--resource-versions: ")
        .contains("run with --help for usage");
  }
}
