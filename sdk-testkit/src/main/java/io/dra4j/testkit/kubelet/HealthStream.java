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
package io.dra4j.testkit.kubelet;

import io.dra4j.api.health.HealthStatus;
import io.dra4j.runtime.internal.proto.health.v1.DRAResourceHealthGrpc;
import io.dra4j.runtime.internal.proto.health.v1.NodeWatchResourcesRequest;
import io.dra4j.runtime.internal.proto.health.v1.NodeWatchResourcesResponse;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's NodeWatchResources consumer for one plugin instance: every message updates the
 * driver's health cache; when the stream ends the driver's cache is cleared and the stream is
 * opened again after the retry delay. {@code Unimplemented} is final, as in Kubernetes 1.37. The
 * v1alpha1 and v1 messages are identical, so both versions use the v1 types and differ only in the
 * service name of the method.
 */
final class HealthStream {
  private final String driver;
  private final HealthServiceVersion version;
  private final ManagedChannel channel;
  private final MethodDescriptor<NodeWatchResourcesRequest, NodeWatchResourcesResponse> method;
  private final HealthCache cache;
  private final EventLog events;
  private final ScheduledExecutorService scheduler;
  private final Duration retryDelay;
  private final Clock clock;
  private ClientCallStreamObserver<?> call;
  private boolean stopped;

  HealthStream(
      String driver,
      HealthServiceVersion version,
      ManagedChannel channel,
      HealthCache cache,
      EventLog events,
      ScheduledExecutorService scheduler,
      Duration retryDelay,
      Clock clock) {
    this.driver = driver;
    this.version = version;
    this.channel = channel;
    String service =
        version == HealthServiceVersion.V1
            ? DRAResourceHealthGrpc.SERVICE_NAME
            : io.dra4j.runtime.internal.proto.health.v1alpha1.DRAResourceHealthGrpc.SERVICE_NAME;
    this.method =
        DraClient.forService(DRAResourceHealthGrpc.getNodeWatchResourcesMethod(), service);
    this.cache = cache;
    this.events = events;
    this.scheduler = scheduler;
    this.retryDelay = retryDelay;
    this.clock = clock;
  }

  synchronized void start() {
    if (stopped) {
      return;
    }
    ClientCalls.asyncServerStreamingCall(
        channel.newCall(method, CallOptions.DEFAULT),
        NodeWatchResourcesRequest.getDefaultInstance(),
        new Observer());
  }

  synchronized void stop() {
    stopped = true;
    if (call != null) {
      call.cancel("plugin instance deregistered", null);
    }
  }

  private static HealthStatus status(int wire) {
    switch (wire) {
      case 1:
        return HealthStatus.HEALTHY;
      case 2:
        return HealthStatus.UNHEALTHY;
      default:
        return HealthStatus.UNKNOWN;
    }
  }

  private synchronized void ended(Status status) {
    cache.clear(driver);
    if (stopped) {
      return;
    }
    if (status.getCode() == Status.Code.UNIMPLEMENTED) {
      events.record(
          driver,
          "health stream "
              + version.advertised()
              + " is not implemented although advertised; not retrying");
      return;
    }
    events.record(
        driver,
        "health stream ended ("
            + status.getCode()
            + (status.getDescription() == null ? "" : ": " + status.getDescription())
            + "); health cache cleared, reconnecting in "
            + retryDelay.toMillis()
            + " ms");
    scheduler.schedule(this::start, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private final class Observer
      implements ClientResponseObserver<NodeWatchResourcesRequest, NodeWatchResourcesResponse> {

    @Override
    public void beforeStart(ClientCallStreamObserver<NodeWatchResourcesRequest> requestStream) {
      synchronized (HealthStream.this) {
        call = requestStream;
      }
    }

    @Override
    public void onNext(NodeWatchResourcesResponse message) {
      List<HealthCache.Report> reports =
          message.getDevicesList().stream()
              .map(
                  d ->
                      new HealthCache.Report(
                          d.getDevice().getPoolName(),
                          d.getDevice().getDeviceName(),
                          status(d.getHealthValue()),
                          d.getHealthCheckTimeoutSeconds(),
                          d.getMessage()))
              .toList();
      cache.update(driver, reports, clock.instant());
    }

    @Override
    public void onError(Throwable t) {
      ended(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      ended(Status.OK.withDescription("the plugin closed the stream"));
    }
  }
}
