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
package io.dra4j.testkit.claimstatus;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.status.ClaimStatusException;
import io.dra4j.api.status.DeviceCondition;
import io.dra4j.api.status.DeviceCondition.Status;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A provider writes a condition through {@link DriverContext#claimStatus()} while it prepares, and
 * returns a status with its preparation: the claim shows both, in the driver's one entry.
 */
class DriverContextClaimStatusIT {
  private static final String DRIVER = "status.example.com";

  /** Publishes two devices; prepare sets an attached condition itself and reports Ready. */
  static final class ReportingDriver implements DeviceProvider {
    private volatile DriverContext context;

    @Override
    public String driverName() {
      return DRIVER;
    }

    @Override
    public void start(DriverContext context) {
      this.context = context;
      context.publish(
          Resources.of(
              Pool.builder(context.nodeName())
                  .device(Device.builder("dev-0").build())
                  .device(Device.builder("dev-1").build())
                  .build()));
    }

    @Override
    public Preparation prepare(PrepareRequest request) throws PrepareException {
      Preparation.Builder out = Preparation.builder();
      for (AllocatedDevice d : request.devices()) {
        try {
          context
              .claimStatus()
              .setCondition(
                  request.claim(),
                  d,
                  DeviceCondition.of(DRIVER + "/attached", Status.TRUE, "Attached", ""));
        } catch (ClaimStatusException e) {
          throw new PrepareException(e.getMessage());
        }
        out.device(
            d,
            ContainerEdits.none(),
            DeviceStatus.builder()
                .condition(DeviceCondition.of("Ready", Status.TRUE, "Prepared", ""))
                .data("index", d.device())
                .build());
      }
      return out.build();
    }
  }

  @Test
  void conditionsFromTheContextAndFromThePreparationEndUpInOneEntry() {
    try (DraCluster cluster = DraCluster.builder().provider(ReportingDriver::new).start()) {
      cluster.applyDeviceClass(DRIVER);
      cluster.applyClaimTemplate("one", "dev", DRIVER, 1);

      PodRun run = cluster.runPod(PodSpec.pod("p").claimFromTemplate("c", "one").build());

      assertThat(run.running()).as(run.toString()).isTrue();
      ClaimRef claim = run.claim("c").claim();
      Map<String, DeviceStatus> status = cluster.deviceStatus(claim, DRIVER);
      assertThat(status).hasSize(1);
      DeviceStatus only = status.values().iterator().next();
      assertThat(only.conditions())
          .extracting(DeviceCondition::type)
          .containsExactly(DRIVER + "/attached", "Ready");
      assertThat(only.data()).containsKey("index");
    }
  }
}
