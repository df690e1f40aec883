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

import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.config.ConfigSource;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.runtime.InMemoryClaimLookup;
import io.dra4j.runtime.TestProvider;
import io.dra4j.runtime.internal.cdi.CdiSpecWriter;
import io.dra4j.runtime.internal.checkpoint.Checkpoint;
import io.dra4j.runtime.internal.claims.AllocatedClaim;
import io.dra4j.runtime.internal.claims.ClaimLookup;
import io.dra4j.runtime.internal.claims.DeviceResult;
import io.dra4j.runtime.internal.claims.RawConfig;
import io.dra4j.runtime.internal.config.OpaqueConfigDecoder;
import io.dra4j.runtime.internal.prepare.ClaimError.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each per-claim failure the preparer can produce carries its reason, and its message never names
 * the claim: the kubelet already says {@code failed for claim <namespace>/<name>:}.
 */
class ClaimErrorReasonsTest {
  private static final String DRIVER = TestProvider.DRIVER;

  @TempDir Path dir;

  private final InMemoryClaimLookup claims = new InMemoryClaimLookup();

  record GpuConfig(int shares) {}

  private ClaimPreparer preparer(TestProvider provider, ClaimLookup lookup) throws IOException {
    Path cdiDir = Files.createDirectories(dir.resolve("cdi"));
    Path checkpointDir = Files.createDirectories(dir.resolve("checkpoint"));
    return new ClaimPreparer(
        provider,
        lookup,
        Checkpoint.open(checkpointDir.resolve("checkpoint.json"), "boot-1"),
        new CdiSpecWriter(cdiDir, DRIVER),
        cdiDir,
        new OpaqueConfigDecoder(
            DRIVER, List.of(ConfigKind.of("gpu.example.com/v1", "GpuConfig", GpuConfig.class))));
  }

  private static ClaimError error(ClaimAnswer answer, Reason reason) {
    assertThat(answer.error()).isPresent();
    ClaimError error = answer.error().get();
    assertThat(error.reason()).as(error.message()).isEqualTo(reason);
    assertThat(error.text()).startsWith(reason.name() + ": ").doesNotContain("ns/c");
    return error;
  }

  @Test
  void aClaimThatDoesNotExistIsClaimNotFound() throws Exception {
    ClaimAnswer answer = preparer(new TestProvider(), claims).prepare(new ClaimRef("ns", "c", "u"));

    assertThat(error(answer, Reason.CLAIM_NOT_FOUND).message())
        .isEqualTo("the ResourceClaim does not exist; it was deleted or never created");
  }

  @Test
  void aConfigTheDecoderRejectsIsConfigInvalidNamingTheField() throws Exception {
    ClaimRef ref = new ClaimRef("ns", "c", "u");
    claims.put(
        new AllocatedClaim(
            ref,
            List.of(new DeviceResult(DRIVER, AllocatedDevice.of("gpu", "pool-a", "dev-0"))),
            List.of(
                new RawConfig(
                    ConfigSource.CLAIM,
                    List.of(),
                    DRIVER,
                    "{\"apiVersion\":\"gpu.example.com/v1\",\"kind\":\"GpuConfig\",\"sharez\":2}")),
            List.of()));
    TestProvider provider = new TestProvider();

    ClaimAnswer answer = preparer(provider, claims).prepare(ref);

    assertThat(error(answer, Reason.CONFIG_INVALID).message())
        .startsWith("opaque config #0 (from the claim")
        .contains("sharez");
    assertThat(provider.prepareCalls("u")).isZero();
  }

  @Test
  void aProviderThatRefusesIsProviderFailed() throws Exception {
    ClaimRef ref = claims.allocate("ns", "throws-c", "u", DRIVER, "dev-0");

    ClaimAnswer answer = preparer(new TestProvider(), claims).prepare(ref);

    // The provider's own message names its claim; the runtime adds nothing that repeats it.
    assertThat(answer.error().map(ClaimError::reason)).contains(Reason.PROVIDER_FAILED);
    assertThat(answer.error().get().message())
        .isEqualTo("device of claim " + ref + " is broken: replace it");
  }

  @Test
  void aProviderThatThrowsUncheckedIsProviderFailed() throws Exception {
    ClaimRef ref = claims.allocate("ns", "c", "u", DRIVER, "dev-0");
    TestProvider provider =
        new TestProvider() {
          @Override
          public Preparation prepare(PrepareRequest request) {
            throw new IllegalStateException("device table corrupt");
          }
        };

    ClaimAnswer answer = preparer(provider, claims).prepare(ref);

    assertThat(error(answer, Reason.PROVIDER_FAILED).message())
        .isEqualTo(
            "driver "
                + DRIVER
                + " failed to prepare the claim: java.lang.IllegalStateException: device table"
                + " corrupt");
  }

  @Test
  void aProviderThatReturnsNothingIsInvalidPreparation() throws Exception {
    ClaimRef ref = claims.allocate("ns", "c", "u", DRIVER, "dev-0");
    TestProvider provider =
        new TestProvider() {
          @Override
          public Preparation prepare(PrepareRequest request) {
            return null;
          }
        };

    assertThat(error(preparer(provider, claims).prepare(ref), Reason.INVALID_PREPARATION).message())
        .contains("returned no Preparation");
  }

  @Test
  void aLookupThatThrowsIsClaimReadFailed() throws Exception {
    ClaimLookup broken =
        claim -> {
          throw new IllegalStateException("connection reset");
        };

    ClaimAnswer answer = preparer(new TestProvider(), broken).prepare(new ClaimRef("ns", "c", "u"));

    assertThat(error(answer, Reason.CLAIM_READ_FAILED).message()).contains("connection reset");
  }

  @Test
  void aCheckpointThatCannotBeWrittenIsCheckpointFailed() throws Exception {
    ClaimRef ref = claims.allocate("ns", "c", "u", DRIVER, "dev-0");
    ClaimPreparer preparer = preparer(new TestProvider(), claims);
    // A regular file where the checkpoint's directory was fails for any user, root included.
    Path checkpointDir = dir.resolve("checkpoint");
    try (Stream<Path> files = Files.list(checkpointDir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(checkpointDir);
    Files.writeString(checkpointDir, "not a directory");

    assertThat(error(preparer.prepare(ref), Reason.CHECKPOINT_FAILED).message())
        .startsWith("cannot record the claim in the checkpoint");
  }

  @Test
  void anUnprepareTheProviderRefusesIsProviderFailed() throws Exception {
    ClaimRef ref = claims.allocate("ns", "c", "u", DRIVER, "dev-0");
    TestProvider provider = new TestProvider();
    ClaimPreparer preparer = preparer(provider, claims);
    assertThat(preparer.prepare(ref).failed()).isFalse();
    provider.failUnprepare = true;

    ClaimAnswer answer = preparer.unprepare(ref);

    assertThat(answer.error().map(ClaimError::reason)).contains(Reason.PROVIDER_FAILED);
    assertThat(answer.error().get().message()).contains("cannot reset devices");
  }
}
