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

import io.dra4j.runtime.InMemoryClaimLookup;
import io.dra4j.runtime.TestProvider;
import io.dra4j.runtime.internal.metrics.RuntimeMetrics;
import io.grpc.Deadline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimBatchesTest {
  @TempDir Path dir;

  @Test
  void claimsOfACallDuringShutdownEachGetTheirOwnError() throws Exception {
    TestProvider provider = new TestProvider();
    InMemoryClaimLookup lookup = new InMemoryClaimLookup();
    lookup.allocate("ns", "a", "uid-a", TestProvider.DRIVER, "dev0");
    lookup.allocate("ns", "b", "uid-b", TestProvider.DRIVER, "dev1");
    ClaimPreparer preparer = ClaimPreparerTest.preparer(dir, provider, lookup);
    ExecutorService workers = Executors.newFixedThreadPool(1);
    workers.shutdown();
    ClaimBatches batches =
        new ClaimBatches(
            TestProvider.DRIVER,
            preparer,
            workers,
            Optional.empty(),
            new RuntimeMetrics(TestProvider.DRIVER, ClaimError.Reason.labels()));

    Map<String, ClaimAnswer> answers =
        batches.prepare(
            List.of(new ClaimRequest("ns", "a", "uid-a"), new ClaimRequest("ns", "b", "uid-b")),
            Deadline.after(10, TimeUnit.SECONDS));

    assertThat(answers).containsOnlyKeys("uid-a", "uid-b");
    for (String uid : List.of("uid-a", "uid-b")) {
      assertThat(answers.get(uid).error())
          .hasValueSatisfying(
              e -> {
                assertThat(e.reason()).isEqualTo(ClaimError.Reason.SHUTTING_DOWN);
                assertThat(e.message()).contains("shutting down");
              });
    }
    assertThat(provider.prepareCalls("uid-a")).isZero();
  }
}
