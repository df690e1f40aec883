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
package io.dra4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.WidgetDriver;
import io.dra4j.testkit.fixtures.HostLayout;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

// snippet:fixture
@DraTest(providers = WidgetDriver.class, nodes = 2, fixture = FixtureDraTestIT.TwoWidgets.class)
class FixtureDraTestIT {

  /** Every node gets two widgets. */
  static final class TwoWidgets implements HostLayout {
    @Override
    public void layOut(Path root) throws IOException {
      WidgetDriver.write(root, 0, "w-100", "4Gi");
      WidgetDriver.write(root, 1, "w-200", "8Gi");
    }
  }

  @Test
  void everyNodeGetsTheLayout(DraCluster cluster) {
    for (String node : new String[] {"node-1", "node-2"}) {
      assertThat(cluster.awaitPublished(WidgetDriver.DRIVER, node, 2))
          .extracting(d -> d.stringAttribute("model").orElseThrow())
          .containsExactly("w-100", "w-200");
    }
  }
}
// end:fixture
