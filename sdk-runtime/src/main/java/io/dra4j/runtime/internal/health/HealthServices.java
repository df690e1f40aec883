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
package io.dra4j.runtime.internal.health;

import io.dra4j.api.health.DeviceHealth;
import io.dra4j.runtime.internal.proto.health.v1.DRAResourceHealthGrpc;
import io.dra4j.runtime.internal.proto.health.v1.DeviceIdentifier;
import io.dra4j.runtime.internal.proto.health.v1.HealthStatus;
import io.dra4j.runtime.internal.proto.health.v1.NodeWatchResourcesRequest;
import io.dra4j.runtime.internal.proto.health.v1.NodeWatchResourcesResponse;
import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * The kubelet health services, {@code v1alpha1.DRAResourceHealth} and {@code v1.DRAResourceHealth},
 * both fed by one {@link HealthMonitor}.
 */
public final class HealthServices {
  private HealthServices() {}

  /** Both versions of the health service. */
  public static List<BindableService> of(HealthMonitor monitor) {
    return List.of(new V1(monitor), new V1alpha1(monitor));
  }

  private static long timeoutSeconds() {
    return HealthMonitor.KUBELET_TIMEOUT.toSeconds();
  }

  private static final class V1 extends DRAResourceHealthGrpc.DRAResourceHealthImplBase {
    private final HealthMonitor monitor;

    V1(HealthMonitor monitor) {
      this.monitor = monitor;
    }

    @Override
    public void nodeWatchResources(
        NodeWatchResourcesRequest request, StreamObserver<NodeWatchResourcesResponse> response) {
      monitor.stream(
          response,
          snapshot -> {
            NodeWatchResourcesResponse.Builder out = NodeWatchResourcesResponse.newBuilder();
            for (DeviceHealth d : snapshot.devices()) {
              out.addDevicesBuilder()
                  .setDevice(
                      DeviceIdentifier.newBuilder().setPoolName(d.pool()).setDeviceName(d.device()))
                  .setHealth(HealthStatus.forNumber(d.status().ordinal()))
                  .setLastUpdatedTime(snapshot.epochSeconds())
                  .setHealthCheckTimeoutSeconds(timeoutSeconds())
                  .setMessage(d.message());
            }
            return out.build();
          });
    }
  }

  private static final class V1alpha1
      extends io.dra4j.runtime.internal.proto.health.v1alpha1.DRAResourceHealthGrpc
          .DRAResourceHealthImplBase {
    private final HealthMonitor monitor;

    V1alpha1(HealthMonitor monitor) {
      this.monitor = monitor;
    }

    @Override
    public void nodeWatchResources(
        io.dra4j.runtime.internal.proto.health.v1alpha1.NodeWatchResourcesRequest request,
        StreamObserver<io.dra4j.runtime.internal.proto.health.v1alpha1.NodeWatchResourcesResponse>
            response) {
      monitor.stream(
          response,
          snapshot -> {
            var out =
                io.dra4j.runtime.internal.proto.health.v1alpha1.NodeWatchResourcesResponse
                    .newBuilder();
            for (DeviceHealth d : snapshot.devices()) {
              out.addDevicesBuilder()
                  .setDevice(
                      io.dra4j.runtime.internal.proto.health.v1alpha1.DeviceIdentifier.newBuilder()
                          .setPoolName(d.pool())
                          .setDeviceName(d.device()))
                  .setHealth(
                      io.dra4j.runtime.internal.proto.health.v1alpha1.HealthStatus.forNumber(
                          d.status().ordinal()))
                  .setLastUpdatedTime(snapshot.epochSeconds())
                  .setHealthCheckTimeoutSeconds(timeoutSeconds())
                  .setMessage(d.message());
            }
            return out.build();
          });
    }
  }
}
