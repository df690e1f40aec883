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

import io.dra4j.api.DeviceProvider;
import io.dra4j.runtime.internal.health.HealthMonitor;
import io.dra4j.runtime.internal.lifecycle.Shutdown;
import io.dra4j.runtime.internal.metrics.MetricsServer;
import io.dra4j.runtime.internal.sockets.EventLoops;
import io.dra4j.runtime.internal.sockets.UnixGrpcServer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what a runtime started, in order: the registration socket first (the kubelet stops
 * calling), calls still waiting for the provider's start are refused, then health, then the service
 * socket after the calls in flight finish within the shutdown timeout, then the metrics server, the
 * thread pools (waiting for their threads to end) and last the provider. Removes the sockets and
 * never deletes ResourceSlices.
 */
final class ShutdownSequence {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);
  private static final Duration EXECUTOR_STOP = Duration.ofSeconds(5);

  private ShutdownSequence() {}

  static void run(RuntimeParts parts, DeviceProvider provider, String driver, Duration timeout) {
    LOG.info("driver {} is stopping", driver);
    UnixGrpcServer registrationServer = parts.registrationServer;
    UnixGrpcServer serviceServer = parts.serviceServer;
    if (registrationServer != null) {
      registrationServer.shutdown();
    }
    parts.providerStart.fail("it stopped before its device provider started");
    parts.health.ifPresent(HealthMonitor::close);
    if (serviceServer != null) {
      serviceServer.shutdown();
    }
    try {
      if (serviceServer != null && !serviceServer.awaitTermination(timeout)) {
        LOG.warn("calls of driver {} still running after {} were cancelled", driver, timeout);
      }
      if (registrationServer != null) {
        registrationServer.awaitTermination(Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(serviceServer);
      closeQuietly(registrationServer);
    }
    parts.metricsServer.ifPresent(MetricsServer::close);
    shutdown(parts.workers, driver);
    shutdown(parts.callExecutor, driver);
    shutdown(parts.scheduler, driver);
    if (parts.eventLoop != null) {
      EventLoops.shutdown(parts.eventLoop, Duration.ofSeconds(2));
    }
    if (parts.providerStarted) {
      try {
        provider.close();
      } catch (Exception e) {
        LOG.warn("device provider of driver {} failed to close: {}", driver, e.toString(), e);
      }
    }
    LOG.info("driver {} stopped", driver);
  }

  private static void closeQuietly(UnixGrpcServer server) {
    if (server != null) {
      server.close();
    }
  }

  /** Interrupts the executor's tasks and waits for its threads, so none outlives close(). */
  private static void shutdown(ExecutorService executor, String driver) {
    if (executor != null && !Shutdown.executor(executor, EXECUTOR_STOP)) {
      LOG.warn(
          "threads of driver {} still run {} after they were interrupted", driver, EXECUTOR_STOP);
    }
  }
}
