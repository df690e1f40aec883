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
package io.dra4j.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign's smallest run, in every build: two kills of the real driver process under the
 * kubelet's churn. It proves the harness works end to end; the numbers are the campaign's to print.
 */
class FaultCampaignSmokeIT {
  @TempDir Path work;

  @Test
  void twoKillsUnderChurnLeaveNoWrongAnswerAndTheDriverServesAfterEach() throws Exception {
    Options options =
        Options.parse(
            new String[] {
              "--scenarios", "a", "--kills", "2", "--claims", "4", "--work", work.toString()
            });

    List<Table> tables = FaultCampaign.run(options);

    assertThat(tables).singleElement();
    String table = tables.get(0).markdown();
    assertThat(table)
        .startsWith("### a. kill -9 under prepare/unprepare (2 kills, 4 claims)")
        .contains("| wrong prepare answers | 0 |")
        .containsPattern("\\| calls answered / answered with an error \\| [1-9][0-9]* / 0 \\|")
        .contains("| kubelet retries that failed after a restart | 0 |")
        .contains("| CDI specs left after unprepare-all | 0 |");
  }
}
