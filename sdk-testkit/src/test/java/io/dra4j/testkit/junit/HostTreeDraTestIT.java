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

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.sysfs.Sysfs;
import io.dra4j.testkit.cluster.DraCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A driver that finds its devices in the host tree that {@code @DraTest(hostTree)} copies. */
@DraTest(
    providers = HostTreeDraTestIT.WidgetDriver.class,
    nodes = 2,
    hostTree = "fixtures/two-widgets")
class HostTreeDraTestIT {

  /** Publishes one device per {@code sys/class/widget/*} directory, with its model. */
  public static final class WidgetDriver implements DeviceProvider {
    @Override
    public String driverName() {
      return "widget.example.com";
    }

    @Override
    public void start(DriverContext context) {
      Pool.Builder pool = Pool.builder(context.nodeName());
      for (Path dir : Sysfs.list(context.hostPaths().sys().resolve("class/widget"))) {
        pool.device(
            Device.builder(dir.getFileName().toString())
                .attribute("model", Sysfs.read(dir.resolve("model")).orElse("unknown"))
                .build());
      }
      context.publish(Resources.of(pool.build()));
    }

    @Override
    public Preparation prepare(PrepareRequest request) {
      return Preparation.builder().build();
    }
  }

  @Test
  void everyNodeGetsTheTreeAndTheDriverPublishesItsDevices(DraCluster cluster) {
    for (String node : new String[] {"node-1", "node-2"}) {
      assertThat(cluster.awaitPublished("widget.example.com", node, 2))
          .extracting(d -> d.name() + "=" + d.stringAttribute("model").orElseThrow())
          .containsExactly("widget0=Widget One", "widget1=Widget Two");
      assertThat(cluster.node(node).hostPaths().dev().resolve("widget1")).exists();
    }
  }
}
