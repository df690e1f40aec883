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
package io.dra4j.runtime.internal.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Hook;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.runtime.InMemoryClaimLookup;
import io.dra4j.runtime.TestProvider;
import io.dra4j.runtime.internal.cdi.CdiSpecWriter;
import io.dra4j.runtime.internal.checkpoint.Checkpoint;
import io.dra4j.runtime.internal.config.OpaqueConfigDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimPreparerTest {
  @TempDir Path dir;

  /** A preparer with its checkpoint and CDI directory below {@code dir}. */
  static ClaimPreparer preparer(Path dir, TestProvider provider, InMemoryClaimLookup lookup)
      throws IOException {
    Path cdiDir = Files.createDirectories(dir.resolve("cdi"));
    return new ClaimPreparer(
        provider,
        lookup,
        Checkpoint.open(dir.resolve("checkpoint.json"), "boot-1"),
        new CdiSpecWriter(cdiDir, TestProvider.DRIVER),
        cdiDir,
        new OpaqueConfigDecoder(TestProvider.DRIVER, List.of()));
  }

  @Test
  void editsThatBreakACdiRuleAreReportedAsAProviderBugNotAsADirectoryProblem() throws Exception {
    TestProvider provider =
        new TestProvider() {
          @Override
          public Preparation prepare(PrepareRequest request) {
            Preparation.Builder out = Preparation.builder();
            for (AllocatedDevice d : request.devices()) {
              Hook hook =
                  new Hook(
                      "createContainer",
                      "/bin/true",
                      List.of(),
                      List.of("NO_EQUALS_SIGN"),
                      Optional.empty());
              out.device(d, ContainerEdits.builder().hook(hook).build());
            }
            return out.build();
          }
        };
    InMemoryClaimLookup lookup = new InMemoryClaimLookup();
    ClaimRef claim = lookup.allocate("ns", "a", "uid-a", TestProvider.DRIVER, "dev0");
    ClaimPreparer preparer = preparer(dir, provider, lookup);

    ClaimAnswer answer = preparer.prepare(claim);

    assertThat(answer.error())
        .hasValueSatisfying(
            e -> {
              assertThat(e.reason()).isEqualTo(ClaimError.Reason.INVALID_PREPARATION);
              assertThat(e.message())
                  .contains("NO_EQUALS_SIGN", "KEY=VALUE", "bug in")
                  .doesNotContain("writable")
                  .as("the kubelet names the claim")
                  .doesNotContain("ns/a");
            });
  }
}
