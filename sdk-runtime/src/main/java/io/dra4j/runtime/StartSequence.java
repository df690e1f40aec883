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
import io.dra4j.api.health.HealthCheck;
import io.dra4j.runtime.internal.cdi.CdiSpecWriter;
import io.dra4j.runtime.internal.checkpoint.Checkpoint;
import io.dra4j.runtime.internal.claims.ClaimLookup;
import io.dra4j.runtime.internal.claimstatus.PreparedStatusReporter;
import io.dra4j.runtime.internal.config.OpaqueConfigDecoder;
import io.dra4j.runtime.internal.health.HealthMonitor;
import io.dra4j.runtime.internal.health.HealthServices;
import io.dra4j.runtime.internal.metadata.DeviceMetadataFiles;
import io.dra4j.runtime.internal.metadata.MetadataLayout;
import io.dra4j.runtime.internal.metrics.MetricsServer;
import io.dra4j.runtime.internal.metrics.RuntimeMetrics;
import io.dra4j.runtime.internal.prepare.ClaimBatches;
import io.dra4j.runtime.internal.prepare.ClaimPreparer;
import io.dra4j.runtime.internal.prepare.DraServices;
import io.dra4j.runtime.internal.prepare.StartGate;
import io.dra4j.runtime.internal.registration.RegistrationService;
import io.dra4j.runtime.internal.registration.RegistrationStatus;
import io.dra4j.runtime.internal.slices.PublishedDevices;
import io.dra4j.runtime.internal.slices.ResourcePublisher;
import io.dra4j.runtime.internal.sockets.EventLoops;
import io.dra4j.runtime.internal.sockets.SerializeLock;
import io.dra4j.runtime.internal.sockets.UnixGrpcServer;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a runtime, in order: the checks (driver name, config kinds, directories), the checkpoint,
 * the thread pools, metrics, the DRA and health services on the plugin socket, the registration
 * socket, and last the provider, which publishes its devices. The driver so registers before it
 * publishes: the scheduler cannot place a pod on its devices before the kubelet knows the driver.
 * Prepare and unprepare calls that arrive while the provider starts wait for it at the {@link
 * StartGate}; health streams get their first message once the health check has run. Each part goes
 * into {@link RuntimeParts} as soon as it runs.
 */
final class StartSequence {
  private static final Logger LOG = LoggerFactory.getLogger(StartSequence.class);

  private static final Duration ORPHAN_SWEEP_LOCK_TIMEOUT = Duration.ofSeconds(10);

  private final RuntimeSettings settings;
  private final DeviceProvider provider;
  private final String driver;
  private final RuntimeMetrics metrics;
  private final RuntimeParts parts;
  private final BooleanSupplier stopped;
  private final BooleanSupplier ready;

  /**
   * @param stopped whether the runtime is stopped, for the provider's context
   * @param ready whether the runtime is ready, for the readiness probe
   */
  StartSequence(
      RuntimeSettings settings,
      RuntimeMetrics metrics,
      RuntimeParts parts,
      BooleanSupplier stopped,
      BooleanSupplier ready) {
    this.settings = settings;
    this.provider = settings.provider();
    this.driver = provider.driverName();
    this.metrics = metrics;
    this.parts = parts;
    this.stopped = stopped;
    this.ready = ready;
  }

  void run() throws IOException {
    StartChecks.requireDriverName(driver);
    OpaqueConfigDecoder decoder = StartChecks.configDecoder(provider, driver);
    parts.paths = StartChecks.socketPaths(settings, driver);
    StartChecks.requireDirectories(settings, parts.paths);
    CdiSpecWriter cdi = StartChecks.cdiWriter(settings.cdiDir(), driver);
    Path checkpointFile = parts.paths.pluginDataDir().resolve("checkpoint.json");
    Optional<SerializeLock> serialize =
        settings
            .podUid()
            .map(uid -> new SerializeLock(parts.paths.pluginDataDir().resolve("serialize.lock")));
    removeOrphanTempFiles(cdi, checkpointFile, serialize);
    Checkpoint checkpoint =
        Checkpoint.open(checkpointFile, Checkpoint.readBootId(settings.hostPaths().proc()));

    parts.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("dra4j-scheduler"));
    parts.workers =
        Executors.newFixedThreadPool(settings.prepareParallelism(), daemon("dra4j-claim"));
    parts.callExecutor = Executors.newCachedThreadPool(daemon("dra4j-grpc"));
    parts.eventLoop = EventLoops.epoll(1, "dra4j-uds");

    ClaimLookup lookup = settings.kubernetes().claimLookup();
    ResourcePublisher publisher = settings.kubernetes().publisher();
    PublishedDevices published = new PublishedDevices();
    if (settings.deviceMetadata()) {
      LOG.info("driver {} writes device metadata for containers", driver);
    }
    // Present either way: unprepare removes the files of claims prepared while it was on.
    Optional<DeviceMetadataFiles> metadata =
        Optional.of(
            new DeviceMetadataFiles(
                driver,
                new MetadataLayout(driver, parts.paths.pluginDataDir(), settings.cdiDir()),
                published,
                settings.deviceMetadata()));
    PreparedStatusReporter status =
        settings
            .kubernetes()
            .claimStatus()
            .map(PreparedStatusReporter::of)
            .orElse(PreparedStatusReporter.none());
    ClaimPreparer preparer =
        new ClaimPreparer(
            provider,
            lookup,
            checkpoint,
            cdi,
            settings.cdiDir(),
            decoder,
            new ClaimPreparer.Steps(published, metadata, status));
    ClaimBatches batches = new ClaimBatches(driver, preparer, parts.workers, serialize, metrics);
    List<BindableService> services =
        new ArrayList<>(DraServices.of(batches, parts.providerStart, metrics));
    // Asked before start(): whether the health services exist is part of the registration.
    Optional<HealthCheck> check = provider.healthCheck();
    if (check.isPresent()) {
      HealthMonitor monitor =
          new HealthMonitor(
              driver,
              check.get(),
              parts.scheduler,
              settings.healthResendInterval(),
              settings.clock());
      parts.health = Optional.of(monitor);
      services.addAll(HealthServices.of(monitor));
    }
    RegistrationService registration =
        new RegistrationService(driver, parts.paths.serviceSocket(), check.isPresent());
    parts.registration = registration;
    metrics.registrationStatus(() -> statusLabel(registration.status()));
    metrics.preparedClaims(preparer::preparedClaims);
    if (settings.metricsPort() != 0) {
      parts.metricsServer = Optional.of(startMetrics(cdi, () -> notReady(registration.status())));
    }

    parts.serviceServer =
        UnixGrpcServer.start(
            parts.paths.serviceSocket(),
            definitions(services),
            parts.eventLoop,
            parts.callExecutor);
    // The kubelet may register the driver from here on; its calls wait for the provider's start.
    parts.registrationServer =
        UnixGrpcServer.start(
            parts.paths.registrationSocket(),
            definitions(List.of(registration)),
            parts.eventLoop,
            parts.callExecutor);
    LOG.info(
        "driver {} on node {} is serving: registration {}, service {}; starting the device"
            + " provider",
        driver,
        settings.nodeName(),
        parts.paths.registrationSocket(),
        parts.paths.serviceSocket());

    startProvider(new ProviderContext(settings, driver, publisher, stopped, published));
    parts.health.ifPresent(HealthMonitor::start);
    parts.providerStart.open();
    LOG.info("driver {} on node {} started its device provider", driver, settings.nodeName());
  }

  /**
   * Removes the temporary CDI spec and checkpoint files a crash of this driver left behind; they
   * hold claim data and nothing else removes them. During a rolling update the other instance may
   * be writing such a file, so the sweep runs under the lock that serializes their writes.
   */
  private void removeOrphanTempFiles(
      CdiSpecWriter cdi, Path checkpointFile, Optional<SerializeLock> serialize) {
    try (SerializeLock.Held held =
        serialize.isPresent() ? serialize.get().acquire(ORPHAN_SWEEP_LOCK_TIMEOUT) : null) {
      cdi.directory().removeOrphanTempFiles();
      Checkpoint.removeOrphanTempFiles(checkpointFile);
    } catch (IOException | TimeoutException e) {
      LOG.warn(
          "driver {} cannot remove temporary files left by a crash in {} and {}: {}; they are"
              + " never read, remove them by hand",
          driver,
          settings.cdiDir(),
          checkpointFile.getParent(),
          e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs the provider's {@code start}. When it throws, the kubelet calls that wait for it are
   * answered with the cause before the runtime stops.
   */
  private void startProvider(ProviderContext context) {
    try {
      provider.start(context);
      parts.providerStarted = true;
    } catch (Exception | Error e) {
      String message =
          "device provider "
              + provider.getClass().getName()
              + " threw in start(): "
              + (e.getMessage() == null ? e.toString() : e.getMessage());
      parts.providerStart.fail(message);
      if (e instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(message, e);
    }
  }

  /**
   * Starts the metrics and probes server. Readiness also needs a usable CDI directory: one that was
   * deleted is created again by the probe, and one that cannot be is reported with its cause.
   */
  private MetricsServer startMetrics(CdiSpecWriter cdi, Supplier<String> notReadyReason) {
    BooleanSupplier cdiUsable = () -> cdi.directory().problem().isEmpty();
    Supplier<String> reason = () -> cdi.directory().problem().orElseGet(notReadyReason);
    try {
      return MetricsServer.start(
          settings.metricsBindAddress(),
          settings.metricsPort(),
          metrics::render,
          () -> ready.getAsBoolean() && cdiUsable.getAsBoolean(),
          reason);
    } catch (IOException e) {
      throw ConfigurationException.of("metricsPort", e.getMessage(), e);
    }
  }

  private static List<ServerServiceDefinition> definitions(List<BindableService> services) {
    return services.stream().map(BindableService::bindService).toList();
  }

  private static String statusLabel(RegistrationStatus status) {
    if (status instanceof RegistrationStatus.Registered) {
      return "registered";
    }
    if (status instanceof RegistrationStatus.Failed) {
      return "failed";
    }
    return "not_yet";
  }

  /** Why the driver is not ready: its provider still starts, or the kubelet's registration. */
  private String notReady(RegistrationStatus status) {
    if (!parts.providerStart.isOpen()) {
      return "the device provider of driver " + driver + " is still starting";
    }
    if (status instanceof RegistrationStatus.Failed failed) {
      return "failed: " + failed.message();
    }
    return "registration " + statusLabel(status);
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
