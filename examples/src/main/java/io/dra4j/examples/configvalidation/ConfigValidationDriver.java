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
package io.dra4j.examples.configvalidation;

import com.google.auto.service.AutoService;
import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import java.util.List;

/**
 * A driver whose only point is its typed opaque configuration: it publishes two simulated
 * accelerators and turns each request's {@link AcceleratorConfig} into container environment. The
 * SDK rejects a malformed config for that claim alone, before {@link #prepare} runs.
 */
@AutoService(DeviceProvider.class)
public final class ConfigValidationDriver implements DeviceProvider {

  /** The driver name and the apiVersion group of its configuration. */
  public static final String DRIVER = "validation.example.com";

  @Override
  public String driverName() {
    return DRIVER;
  }

  @Override
  public List<ConfigKind<?>> configKinds() {
    return List.of(ConfigKind.of(DRIVER + "/v1", "AcceleratorConfig", AcceleratorConfig.class));
  }

  @Override
  public void start(DriverContext context) {
    Pool.Builder pool = Pool.builder(context.nodeName());
    for (int i = 0; i < 2; i++) {
      pool.device(Device.builder("accel-" + i).attribute("index", i).build());
    }
    context.publish(Resources.of(pool.build()));
  }

  @Override
  public Preparation prepare(PrepareRequest request) {
    Preparation.Builder out = Preparation.builder();
    for (AllocatedDevice device : request.devices()) {
      ContainerEdits.Builder edits = ContainerEdits.builder().env("ACCEL_DEVICE", device.device());
      request
          .config(AcceleratorConfig.class, device)
          .ifPresent(
              c -> {
                edits.env("ACCEL_MODE", c.mode().name());
                edits.env("ACCEL_QUEUE_DEPTH", Integer.toString(c.queueDepth()));
                c.memoryLimit().ifPresent(m -> edits.env("ACCEL_MEMORY_LIMIT", m.toString()));
              });
      out.device(device, edits.build());
    }
    return out.build();
  }

  @Override
  public void unprepare(PreparedClaim claim) {
    // Simulated accelerators hold no host state.
  }
}
