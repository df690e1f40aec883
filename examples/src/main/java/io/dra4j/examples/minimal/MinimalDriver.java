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
package io.dra4j.examples.minimal;

// snippet:minimal-driver
import com.google.auto.service.AutoService;
import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;

/**
 * The smallest useful driver: publishes four "counter" devices per node and gives a container an
 * environment variable naming the device it got.
 */
@AutoService(DeviceProvider.class)
public final class MinimalDriver implements DeviceProvider {

  @Override
  public String driverName() {
    return "minimal.example.com";
  }

  @Override
  public void start(DriverContext context) {
    Pool.Builder pool = Pool.builder(context.nodeName());
    for (int i = 0; i < 4; i++) {
      pool.device(Device.builder("counter-" + i).attribute("index", i).build());
    }
    context.publish(Resources.of(pool.build()));
  }

  @Override
  public Preparation prepare(PrepareRequest request) {
    Preparation.Builder result = Preparation.builder();
    for (AllocatedDevice device : request.devices()) {
      result.device(
          device, ContainerEdits.builder().env("MINIMAL_DEVICE", device.device()).build());
    }
    return result.build();
  }

  @Override
  public void unprepare(PreparedClaim claim) {
    // Nothing was set up on the host, so there is nothing to release.
  }
}
// end:minimal-driver
