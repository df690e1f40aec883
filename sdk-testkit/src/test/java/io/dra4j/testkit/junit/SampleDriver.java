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
import io.dra4j.testkit.cluster.DraCluster;

/** A tiny driver for the extension's own tests: two devices per node, an env var and a node. */
public final class SampleDriver implements DeviceProvider {
  public static final String DRIVER = "sample.example.com";

  /** The driver's DeviceClass and templates for one and for three devices. */
  public static void applyClassAndTemplates(DraCluster cluster) {
    cluster.applyDeviceClass(DRIVER);
    cluster.applyClaimTemplate("one-device", "dev", DRIVER, 1);
    cluster.applyClaimTemplate("three-devices", "dev", DRIVER, 3);
  }

  @Override
  public String driverName() {
    return DRIVER;
  }

  @Override
  public void start(DriverContext context) {
    Pool.Builder pool = Pool.builder(context.nodeName());
    for (int i = 0; i < 2; i++) {
      pool.device(Device.builder("dev-" + i).attribute("index", i).build());
    }
    context.publish(Resources.of(pool.build()));
  }

  @Override
  public Preparation prepare(PrepareRequest request) {
    Preparation.Builder out = Preparation.builder();
    for (AllocatedDevice d : request.devices()) {
      out.device(
          d,
          ContainerEdits.builder()
              .env("SAMPLE_DEVICE", d.device())
              .deviceNode("/dev/sample-" + d.device())
              .build());
    }
    return out.build();
  }

  @Override
  public void unprepare(PreparedClaim claim) {
    // nothing is set up on the host
  }
}
