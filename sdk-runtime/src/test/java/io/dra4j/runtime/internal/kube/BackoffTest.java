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
package io.dra4j.runtime.internal.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleUpToTheCapWithJitterAndResetToTheStart() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    assertThat(b.next()).isBetween(Duration.ofMillis(80), Duration.ofMillis(120));
    assertThat(b.next()).isBetween(Duration.ofMillis(160), Duration.ofMillis(240));
    for (int i = 0; i < 10; i++) {
      assertThat(b.next()).isLessThanOrEqualTo(Duration.ofMillis(1200));
    }
    assertThat(b.next()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    b.reset();
    assertThat(b.next()).isLessThanOrEqualTo(Duration.ofMillis(120));
  }
}
