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
package io.dra4j.testkit.leaks;

import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.junit.SampleDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Closing a cluster releases every thread, socket, file and directory it opened. */
// Counts what the whole JVM holds: nothing may run beside it.
@Isolated
class DraClusterLeakIT {

  @Test
  void fiftyClustersStartedAndClosedLeaveNoThreadsDescriptorsOrConnections() throws Exception {
    LeakCheck.assertNoLeak(
        "DraCluster (1 node, sample driver)",
        50,
        () -> {
          try (DraCluster cluster = DraCluster.builder().provider(SampleDriver::new).start()) {
            cluster.devices(SampleDriver.DRIVER, "node-1");
          }
        });
  }
}
