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
package io.dra4j.bench.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.bench.load.KubeletLoad;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.registration.PluginInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator against the benchmark driver over real unix sockets. */
class KubeletLoadIT {
  @TempDir Path root;

  private static Claim claim(int i) {
    return Claim.newBuilder()
        .setNamespace("bench")
        .setName("claim-" + i)
        .setUid("00000000-0000-0000-0000-" + String.format("%012d", i))
        .build();
  }

  private long specFiles() throws Exception {
    try (Stream<Path> s = Files.list(root.resolve("cdi"))) {
      return s.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void preparesUnpreparesAndTimesEveryCallOverTheDriversSockets() throws Exception {
    try (DriverRuntime runtime = BenchDriver.runtime(root, 4).start()) {
      PluginInfo info = KubeletLoad.getInfo(runtime.registrationSocket()).orElseThrow();
      assertThat(info.getName()).isEqualTo(BenchDriver.DRIVER);

      List<Claim> claims = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        claims.add(claim(i));
      }
      try (KubeletLoad load =
          KubeletLoad.connect(runtime.serviceSocket(), i -> claims.get(i % claims.size()))) {
        assertThat(load.prepare(claims.get(0)))
            .singleElement()
            .satisfies(d -> assertThat(d.getDeviceName()).isEqualTo("dev-0"));
        assertThat(specFiles()).isEqualTo(1);
        load.unprepare(claims.get(0));

        long[] latencies = load.prepareLatencies(40);
        assertThat(latencies).hasSize(40).isSorted();
        assertThat(latencies[0]).isPositive();
        assertThat(load.throughput(4, 1)).isPositive();
        // Every prepare was followed by its unprepare, so no spec is left behind.
        assertThat(specFiles()).isZero();
      }
    }
  }

  @Test
  void registrationSocketThatDoesNotExistAnswersNothing() {
    assertThat(KubeletLoad.getInfo(root.resolve("missing.sock"))).isEmpty();
  }

  @Test
  void percentileIsTheNearestRankOfSortedValues() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(KubeletLoad.percentile(sorted, 50)).isEqualTo(5);
    assertThat(KubeletLoad.percentile(sorted, 99)).isEqualTo(10);
    assertThat(KubeletLoad.percentile(sorted, 0)).isEqualTo(1);
  }
}
