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

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.sysfs.Sysfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A driver of made-up widgets for the testkit's own tests: one device per {@code
 * sys/class/widget/widget<N>} directory with its {@code model}, its index and, when there is a
 * {@code memory} file, a memory capacity; its health check reads each widget's {@code health} file
 * ({@code ok} is healthy) once an hour, so a test sees a change only when it polls.
 */
public final class WidgetDriver implements DeviceProvider {
  public static final String DRIVER = "widget.example.com";

  private volatile Path widgets = Path.of("/nonexistent");
  private volatile String pool = "";

  /** Writes widget {@code index} below a host root: its model, {@code memory} and health ok. */
  public static void write(Path root, int index, String model, String memory) throws IOException {
    Path dir = Files.createDirectories(root.resolve("sys/class/widget/widget" + index));
    Files.writeString(dir.resolve("model"), model + "\n");
    Files.writeString(dir.resolve("memory"), memory + "\n");
    Files.writeString(dir.resolve("health"), "ok\n");
  }

  @Override
  public String driverName() {
    return DRIVER;
  }

  @Override
  public void start(DriverContext context) {
    widgets = context.hostPaths().sys().resolve("class/widget");
    pool = context.nodeName();
    Pool.Builder p = Pool.builder(pool);
    for (Path dir : Sysfs.list(widgets)) {
      String name = dir.getFileName().toString();
      Device.Builder d =
          Device.builder(name)
              .attribute("model", Sysfs.read(dir.resolve("model")).orElse("unknown"))
              .attribute("index", Long.parseLong(name.substring("widget".length())))
              .attribute("resource.example.com/rack", "r1");
      Sysfs.read(dir.resolve("memory")).ifPresent(m -> d.capacity("memory", m));
      p.device(d.build());
    }
    context.publish(Resources.of(p.build()));
  }

  @Override
  public Optional<HealthCheck> healthCheck() {
    return Optional.of(
        new HealthCheck() {
          @Override
          public List<DeviceHealth> check() {
            List<DeviceHealth> out = new ArrayList<>();
            for (Path dir : Sysfs.list(widgets)) {
              String name = dir.getFileName().toString();
              String health = Sysfs.read(dir.resolve("health")).orElse("missing");
              out.add(
                  health.equals("ok")
                      ? DeviceHealth.healthy(pool, name)
                      : DeviceHealth.unhealthy(pool, name, "health file says " + health));
            }
            return out;
          }

          @Override
          public Duration interval() {
            return Duration.ofHours(1);
          }
        });
  }

  @Override
  public Preparation prepare(PrepareRequest request) {
    return Preparation.builder().build();
  }
}
