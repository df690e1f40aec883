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

/** A tiny driver for the extension's own tests: two devices per node, an env var and a node. */
public final class SampleDriver implements DeviceProvider {
  public static final String DRIVER = "sample.example.com";

  public static final String CLASSES_AND_TEMPLATES =
      """
      apiVersion: resource.k8s.io/v1
      kind: DeviceClass
      metadata: {name: sample.example.com}
      spec:
        selectors:
        - cel: {expression: 'device.driver == "sample.example.com"'}
      ---
      apiVersion: resource.k8s.io/v1
      kind: ResourceClaimTemplate
      metadata: {name: one-device, namespace: default}
      spec:
        spec:
          devices:
            requests:
            - name: dev
              exactly: {deviceClassName: sample.example.com, count: 1}
      ---
      apiVersion: resource.k8s.io/v1
      kind: ResourceClaimTemplate
      metadata: {name: three-devices, namespace: default}
      spec:
        spec:
          devices:
            requests:
            - name: dev
              exactly: {deviceClassName: sample.example.com, count: 3}
      """;

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
