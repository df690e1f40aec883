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
package io.dra4j.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.testkit.fixtures.HostTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code DraCluster.Builder.hostTree(HostLayout)}: host trees laid out in code. */
class HostLayoutIT {

  @Test
  void aLambdaLaysOutEveryNodesHostTree() {
    // snippet:host-layout
    try (DraCluster cluster =
        DraCluster.builder()
            .provider(WidgetDriver::new)
            .nodes(2)
            .hostTree(
                root -> {
                  WidgetDriver.write(root, 0, "w-100", "4Gi");
                  WidgetDriver.write(root, 1, "w-200", "8Gi");
                })
            .start()) {
      // end:host-layout
      for (String node : new String[] {"node-1", "node-2"}) {
        assertThat(cluster.awaitPublished(WidgetDriver.DRIVER, node, 2))
            .extracting(d -> d.name() + "=" + d.stringAttribute("model").orElseThrow())
            .containsExactly("widget0=w-100", "widget1=w-200");
      }
    }
  }

  @Test
  void layoutsRunInOrderAfterTheInstanceTypesFixture(@TempDir Path dir) throws IOException {
    WidgetDriver.write(dir, 0, "from-a-directory", "1Gi");
    Path productName = Path.of("sys/devices/virtual/dmi/id/product_name");
    try (DraCluster cluster =
        DraCluster.builder()
            .provider(WidgetDriver::new)
            .instanceType("trn2.48xlarge")
            .hostTree(HostTree.of(dir))
            .hostTree(root -> Files.writeString(root.resolve(productName), "custom.large"))
            .hostTree(root -> WidgetDriver.write(root, 1, "from-code", "2Gi"))
            .start()) {
      Path host = cluster.node("node-1").fixture().orElseThrow().root();
      assertThat(host.resolve(productName)).hasContent("custom.large");
      assertThat(host.resolve("sys/devices/virtual/neuron_device/neuron0")).isDirectory();
      assertThat(cluster.awaitPublished(WidgetDriver.DRIVER, "node-1", 2))
          .extracting(d -> d.stringAttribute("model").orElseThrow())
          .containsExactly("from-a-directory", "from-code");
    }
  }

  @Test
  void aFailingLayoutStopsTheStartNamingTheLayoutAndTheNode() {
    DraCluster.Builder builder =
        DraCluster.builder()
            .provider(WidgetDriver::new)
            .hostTree(
                root -> {
                  throw new IOException("disk full");
                });

    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "host tree layout (a lambda in io.dra4j.testkit.cluster.HostLayoutIT) failed on"
                + " node node-1 (host root /tmp/dra4j-")
        .hasMessageContaining("java.io.IOException: disk full")
        .hasMessageEndingWith("fix the layout so that it writes below the root it is given");
  }

  @Test
  void aLayoutThatRemovesTheRootIsRefused() {
    DraCluster.Builder builder =
        DraCluster.builder().provider(WidgetDriver::new).hostTree(Files::delete);

    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("removed the host root /tmp/dra4j-")
        .hasMessageEndingWith(
            "of node node-1: a layout adds files below the root and keeps the root itself");
  }

  @Test
  void aNullLayoutIsRefusedAtOnce() {
    assertThatThrownBy(() -> DraCluster.builder().hostTree(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("layout");
  }
}
