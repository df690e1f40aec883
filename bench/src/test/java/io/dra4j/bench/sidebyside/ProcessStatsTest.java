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
package io.dra4j.bench.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessStatsTest {
  @Test
  void readsResidentMemoryAndCpuTimeOfARunningProcess() {
    ProcessStats self =
        new ProcessStats(ProcessHandle.current().pid(), ProcessStats.clockTicksPerSecond());
    assertThat(self.rssKib()).isPositive();
    long before = self.cpuNanos();
    assertThat(before).isPositive(); // the JVM has run class loading and JIT threads by now
    assertThat(self.cpuNanos()).isGreaterThanOrEqualTo(before);
  }

  @Test
  void aProcessThatIsGoneIsNamedInTheError() {
    ProcessStats gone = new ProcessStats(Integer.MAX_VALUE, 100);
    assertThatThrownBy(gone::rssKib).hasMessageContaining("/proc/" + Integer.MAX_VALUE);
  }
}
