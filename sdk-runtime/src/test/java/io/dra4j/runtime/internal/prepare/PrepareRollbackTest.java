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

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.runtime.InMemoryClaimLookup;
import io.dra4j.runtime.TestProvider;
import io.dra4j.runtime.internal.checkpoint.ReadOnlyDirectory;
import io.dra4j.runtime.internal.prepare.ClaimError.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step after the provider's prepare that fails undoes the provider's work before answering. */
class PrepareRollbackTest {
  @TempDir Path dir;

  private final InMemoryClaimLookup lookup = new InMemoryClaimLookup();
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  /** Records prepare and unprepare in order and runs a step after each prepare. */
  private static final class RecordingProvider extends TestProvider {
    final List<String> calls = new ArrayList<>();
    volatile ThrowingStep afterPrepare = () -> {};

    @Override
    public Preparation prepare(PrepareRequest request) throws PrepareException {
      Preparation p = super.prepare(request);
      calls.add("prepare " + request.claim().uid());
      try {
        afterPrepare.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return p;
    }

    @Override
    public void unprepare(io.dra4j.api.prepare.PreparedClaim claim) throws PrepareException {
      calls.add("unprepare " + claim.claim().uid() + " " + claim.preparation().devices().size());
      super.unprepare(claim);
    }
  }

  interface ThrowingStep {
    void run() throws Exception;
  }

  @AfterEach
  void restore() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  @Test
  void aPreparationThatMissesADeviceIsUndone() throws Exception {
    RecordingProvider provider = new RecordingProvider();
    ClaimRef claim = lookup.allocate("ns", "buggy-a", "uid-a", TestProvider.DRIVER, "d0", "d1");

    ClaimAnswer answer = ClaimPreparerTest.preparer(dir, provider, lookup).prepare(claim);

    assertThat(answer.error().map(ClaimError::reason)).contains(Reason.INVALID_PREPARATION);
    assertThat(provider.calls).containsExactly("prepare uid-a", "unprepare uid-a 1");
  }

  @Test
  void aCdiSpecThatCannotBeWrittenUndoesThePrepare() throws Exception {
    RecordingProvider provider = new RecordingProvider();
    ClaimRef claim = lookup.allocate("ns", "a", "uid-a", TestProvider.DRIVER, "d0");
    ClaimPreparer preparer = ClaimPreparerTest.preparer(dir, provider, lookup);
    Path cdi = dir.resolve("cdi");
    provider.afterPrepare =
        () -> {
          // The CDI directory is replaced by a file: the spec cannot be written.
          Files.delete(cdi);
          Files.writeString(cdi, "not a directory");
        };

    ClaimAnswer answer = preparer.prepare(claim);

    assertThat(answer.error().map(ClaimError::reason)).contains(Reason.CDI_WRITE_FAILED);
    assertThat(provider.calls).containsExactly("prepare uid-a", "unprepare uid-a 1");
  }

  @Test
  void aCheckpointThatCannotRecordTheResultUndoesThePrepareAndRemovesTheSpec() throws Exception {
    RecordingProvider provider = new RecordingProvider();
    ClaimRef claim = lookup.allocate("ns", "a", "uid-a", TestProvider.DRIVER, "d0");
    Path checkpointDir = Files.createDirectories(dir.resolve("state"));
    ClaimPreparer preparer = ClaimPreparerTest.preparer(dir, checkpointDir, provider, lookup);
    provider.afterPrepare = () -> cleanup.add(ReadOnlyDirectory.of(checkpointDir));

    ClaimAnswer answer = preparer.prepare(claim);

    assertThat(answer.error().map(ClaimError::reason)).contains(Reason.CHECKPOINT_FAILED);
    assertThat(provider.calls).containsExactly("prepare uid-a", "unprepare uid-a 1");
    try (var specs = Files.list(dir.resolve("cdi"))) {
      assertThat(specs).isEmpty();
    }
  }

  @Test
  void aFailedUndoIsNamedInTheErrorAndLeftToUnprepare() throws Exception {
    RecordingProvider provider = new RecordingProvider();
    provider.failUnprepare = true;
    ClaimRef claim = lookup.allocate("ns", "buggy-a", "uid-a", TestProvider.DRIVER, "d0", "d1");

    ClaimAnswer answer = ClaimPreparerTest.preparer(dir, provider, lookup).prepare(claim);

    assertThat(answer.error())
        .hasValueSatisfying(
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID_PREPARATION);
              assertThat(e.message())
                  .contains("does not cover every allocated device", "undoing", "cannot reset");
            });
  }
}
