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

import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
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
import io.dra4j.runtime.internal.checkpoint.ReadOnlyDirectory;
import io.dra4j.runtime.internal.claims.AllocatedClaim;
import io.dra4j.runtime.internal.claims.DeviceResult;
import io.dra4j.runtime.internal.claimstatus.PreparedStatusReporter;
import io.dra4j.runtime.internal.config.OpaqueConfigDecoder;
import io.dra4j.runtime.internal.slices.PublishedDevices;
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
    return preparer(dir, dir, provider, lookup);
  }

  /**
   * A preparer with its checkpoint in {@code checkpointDir} and CDI directory below {@code dir}.
   */
  static ClaimPreparer preparer(
      Path dir, Path checkpointDir, TestProvider provider, InMemoryClaimLookup lookup)
      throws IOException {
    return preparer(dir, checkpointDir, provider, lookup, new PublishedDevices());
  }

  private static ClaimPreparer preparer(
      Path dir,
      Path checkpointDir,
      TestProvider provider,
      InMemoryClaimLookup lookup,
      PublishedDevices pools)
      throws IOException {
    Path cdiDir = Files.createDirectories(dir.resolve("cdi"));
    return new ClaimPreparer(
        provider,
        lookup,
        Checkpoint.open(checkpointDir.resolve("checkpoint.json"), "boot-1"),
        new CdiSpecWriter(cdiDir, TestProvider.DRIVER),
        cdiDir,
        new OpaqueConfigDecoder(TestProvider.DRIVER, List.of()),
        new ClaimPreparer.Steps(pools, Optional.empty(), PreparedStatusReporter.none()));
  }

  @Test
  void aDeviceOfAPoolThisNodeDoesNotPublishFailsOnlyItsClaimNamingBothPools() throws Exception {
    TestProvider provider = new TestProvider();
    InMemoryClaimLookup lookup = new InMemoryClaimLookup();
    PublishedDevices pools = new PublishedDevices();
    pools.record(
        Resources.of(
            Pool.builder("node-a").device(Device.builder("neurondevice6").build()).build()));
    ClaimPreparer preparer = preparer(dir, dir, provider, lookup, pools);
    ClaimRef foreign = new ClaimRef("ns", "foreign", "uid-f");
    lookup.put(
        new AllocatedClaim(
            foreign,
            List.of(
                new DeviceResult(
                    TestProvider.DRIVER,
                    AllocatedDevice.of("neurons", "node-zz", "neurondevice6"))),
            List.of(),
            List.of()));
    ClaimRef local = new ClaimRef("ns", "local", "uid-l");
    lookup.put(
        new AllocatedClaim(
            local,
            List.of(
                new DeviceResult(
                    TestProvider.DRIVER, AllocatedDevice.of("neurons", "node-a", "neurondevice6"))),
            List.of(),
            List.of()));

    ClaimAnswer refused = preparer.prepare(foreign);
    ClaimAnswer prepared = preparer.prepare(local);

    assertThat(refused.error())
        .hasValueSatisfying(
            e -> {
              assertThat(e.reason()).isEqualTo(ClaimError.Reason.POOL_NOT_ON_NODE);
              assertThat(e.message()).contains("node-zz", "[node-a]", "neurondevice6");
            });
    assertThat(provider.prepareCalls("uid-f")).isZero();
    assertThat(Files.exists(dir.resolve("cdi/k8s." + TestProvider.DRIVER + "-claim_uid-f.json")))
        .isFalse();
    assertThat(prepared.failed()).isFalse();
  }

  @Test
  void unprepareOfAnUnknownClaimSucceedsWhenTheCdiDirectoryIsAFile() throws Exception {
    ClaimPreparer preparer = preparer(dir, new TestProvider(), new InMemoryClaimLookup());
    Path cdi = dir.resolve("cdi");
    Files.delete(cdi);
    Files.writeString(cdi, "a file where the directory should be");

    ClaimAnswer answer = preparer.unprepare(new ClaimRef("ns", "gone", "uid-gone"));

    assertThat(answer.error()).isEmpty();
  }

  @Test
  void unprepareOfAnUnknownClaimSucceedsWhenTheCdiDirectoryIsReadOnly() throws Exception {
    ClaimPreparer preparer = preparer(dir, new TestProvider(), new InMemoryClaimLookup());
    Path cdi = dir.resolve("cdi");
    Files.writeString(cdi.resolve("k8s." + TestProvider.DRIVER + "-claim_uid-gone.json"), "{}");

    ClaimAnswer answer;
    try (ReadOnlyDirectory ro = ReadOnlyDirectory.of(cdi)) {
      answer = preparer.unprepare(new ClaimRef("ns", "gone", "uid-gone"));
    }

    assertThat(answer.error()).isEmpty();
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
