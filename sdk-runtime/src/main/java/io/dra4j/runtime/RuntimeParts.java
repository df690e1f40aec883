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
package io.dra4j.runtime;

import io.dra4j.runtime.internal.health.HealthMonitor;
import io.dra4j.runtime.internal.metrics.MetricsServer;
import io.dra4j.runtime.internal.prepare.StartGate;
import io.dra4j.runtime.internal.registration.RegistrationService;
import io.dra4j.runtime.internal.sockets.SocketPaths;
import io.dra4j.runtime.internal.sockets.UnixGrpcServer;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a runtime has started so far. {@link StartSequence} fills it in step by step and {@link
 * ShutdownSequence} stops whatever is there, so a start that fails half-way is undone the same way
 * as a full stop. Written by the starting thread; the fields other threads read are volatile.
 */
final class RuntimeParts {
  /** Opens once the provider has started; kubelet calls wait for it. */
  final StartGate providerStart;

  volatile SocketPaths paths;
  volatile RegistrationService registration;
  volatile UnixGrpcServer registrationServer;
  volatile Optional<MetricsServer> metricsServer = Optional.empty();
  EventLoopGroup eventLoop;
  ExecutorService callExecutor;
  ExecutorService workers;
  ScheduledExecutorService scheduler;
  volatile Optional<HealthMonitor> health = Optional.empty();
  UnixGrpcServer serviceServer;
  boolean providerStarted;

  RuntimeParts(String driver) {
    this.providerStart = new StartGate(driver, StartGate.DEFAULT_WAIT);
  }
}
