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
import io.dra4j.api.DriverContext;
import io.dra4j.api.HostPaths;
import io.dra4j.api.device.Names;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.device.Resources;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.runtime.cdi.CdiSpecWriter;
import io.dra4j.runtime.checkpoint.Checkpoint;
import io.dra4j.runtime.claims.ClaimLookup;
import io.dra4j.runtime.config.OpaqueConfigDecoder;
import io.dra4j.runtime.health.HealthMonitor;
import io.dra4j.runtime.health.HealthServices;
import io.dra4j.runtime.lifecycle.Shutdown;
import io.dra4j.runtime.metrics.MetricsServer;
import io.dra4j.runtime.metrics.RuntimeMetrics;
import io.dra4j.runtime.prepare.ClaimBatches;
import io.dra4j.runtime.prepare.ClaimPreparer;
import io.dra4j.runtime.prepare.DraServices;
import io.dra4j.runtime.registration.RegistrationService;
import io.dra4j.runtime.registration.RegistrationStatus;
import io.dra4j.runtime.slices.ResourcePublisher;
import io.dra4j.runtime.sockets.EventLoops;
import io.dra4j.runtime.sockets.SerializeLock;
import io.dra4j.runtime.sockets.SocketPaths;
import io.dra4j.runtime.sockets.UnixGrpcServer;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link DeviceProvider} as a kubelet DRA plugin: validates the directories, starts the
 * provider, serves the DRA (v1 and v1beta1) and health services on the plugin socket, then the
 * registration service on the registry socket, and optionally metrics over HTTP.
 *
 * <p>Threading: kubelet calls run on a gRPC executor; the claims of one call run concurrently on a
 * pool of {@code prepareParallelism} threads, which is where the provider's {@code prepare} and
 * {@code unprepare} are called. {@link #close()} is graceful and never deletes ResourceSlices. The
 * caller owns the {@link ClaimLookup} and {@link ResourcePublisher} and closes them after the
 * runtime.
 */
public final class DriverRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DriverRuntime.class);

  /** The kubelet's plugin registry directory. */
  public static final Path DEFAULT_REGISTRAR_DIR = Path.of("/var/lib/kubelet/plugins_registry");

  /** The kubelet's plugins directory; the driver's sockets and data live below it. */
  public static final Path DEFAULT_PLUGINS_DIR = Path.of("/var/lib/kubelet/plugins");

  /** Where container runtimes look for CDI specs by default. */
  public static final Path DEFAULT_CDI_DIR = Path.of("/var/run/cdi");

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final Builder config;
  private final DeviceProvider provider;
  private final String driver;
  private final RuntimeMetrics metrics;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private State state = State.NEW;
  // Set while start() runs: a close() meanwhile leaves the clean-up to start(), which would
  // otherwise go on to open sockets after everything was closed.
  private boolean starting;

  // Written by start(), read by callers and the metrics HTTP thread.
  private volatile SocketPaths paths;
  private EventLoopGroup eventLoop;
  private ExecutorService callExecutor;
  private ExecutorService workers;
  private ScheduledExecutorService scheduler;
  private Optional<HealthMonitor> health = Optional.empty();
  private ClaimPreparer preparer;
  private volatile RegistrationService registration;
  private UnixGrpcServer serviceServer;
  private volatile UnixGrpcServer registrationServer;
  private volatile Optional<MetricsServer> metricsServer = Optional.empty();
  private boolean providerStarted;

  private DriverRuntime(Builder config) {
    this.config = config;
    this.provider = config.provider;
    this.driver = provider.driverName();
    this.metrics = new RuntimeMetrics(driver);
  }

  /** Starts configuring a runtime for the given provider. */
  public static Builder builder(DeviceProvider provider) {
    return new Builder(provider);
  }

  /**
   * Validates the configuration, starts the provider and serves the kubelet sockets. Returns once
   * the registration socket listens.
   *
   * @throws ConfigurationException when a setting or directory cannot work; the message names the
   *     flag and the fix
   * @throws IOException when a socket or file cannot be created
   * @throws IllegalStateException when the provider fails to start, the runtime was started before,
   *     or it was closed while starting (everything it opened is closed again)
   */
  public DriverRuntime start() throws IOException {
    synchronized (lifecycle) {
      if (state != State.NEW) {
        throw new IllegalStateException("runtime of driver " + driver + " was already started");
      }
      state = State.RUNNING;
      starting = true;
    }
    try {
      doStart();
    } catch (IOException | RuntimeException | Error e) {
      LOG.error("driver {} failed to start: {}", driver, e.getMessage());
      if (startEnded()) {
        release(); // close() was called meanwhile and left the clean-up to this thread
      } else {
        close();
      }
      throw e;
    }
    if (startEnded()) {
      release();
      throw new IllegalStateException(
          "runtime of driver " + driver + " was closed while it started; start a new runtime");
    }
    return this;
  }

  /** Marks the start as over; returns whether close() was called meanwhile. */
  private boolean startEnded() {
    synchronized (lifecycle) {
      starting = false;
      return state == State.CLOSED;
    }
  }

  private void doStart() throws IOException {
    requireDriverName(driver);
    paths = socketPaths();
    requireDirectory(
        config.registrarDir,
        "--registrar-dir (env KUBELET_REGISTRAR_DIRECTORY_PATH)",
        "mount the kubelet's plugins_registry directory (hostPath /var/lib/kubelet/plugins_registry)"
            + " into the pod at this path");
    try {
      Files.createDirectories(paths.pluginDataDir());
      requireWritable(paths.pluginDataDir(), "--plugins-dir (env KUBELET_PLUGINS_DIRECTORY_PATH)");
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot create the driver's plugin directory "
              + paths.pluginDataDir()
              + " below --plugins-dir (env KUBELET_PLUGINS_DIRECTORY_PATH): "
              + e
              + "; mount the kubelet's plugins directory (hostPath /var/lib/kubelet/plugins)"
              + " read-write into the pod",
          e);
    }
    CdiSpecWriter cdi = new CdiSpecWriter(config.cdiDir, driver);
    try {
      cdi.checkWritable();
    } catch (IOException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    Checkpoint checkpoint =
        Checkpoint.open(
            paths.pluginDataDir().resolve("checkpoint.json"),
            Checkpoint.readBootId(config.hostPaths.proc()));

    scheduler = Executors.newSingleThreadScheduledExecutor(daemon("dra4j-scheduler"));
    workers = Executors.newFixedThreadPool(config.prepareParallelism, daemon("dra4j-claim"));
    callExecutor = Executors.newCachedThreadPool(daemon("dra4j-grpc"));
    eventLoop = EventLoops.epoll(1, "dra4j-uds");

    try {
      provider.start(new Context());
      providerStarted = true;
    } catch (Exception e) {
      throw new IllegalStateException(
          "device provider of driver " + driver + " failed to start: " + e.getMessage(), e);
    }

    preparer =
        new ClaimPreparer(
            provider,
            config.claimLookup,
            checkpoint,
            cdi,
            config.cdiDir,
            new OpaqueConfigDecoder(driver, provider.configKinds()));
    Optional<SerializeLock> serialize =
        config.podUid.map(
            uid -> new SerializeLock(paths.pluginDataDir().resolve("serialize.lock")));
    ClaimBatches batches = new ClaimBatches(driver, preparer, workers, serialize, metrics);

    List<BindableService> services = new ArrayList<>(DraServices.of(batches, metrics));
    Optional<HealthCheck> check = provider.healthCheck();
    if (check.isPresent()) {
      HealthMonitor monitor =
          new HealthMonitor(
              driver, check.get(), scheduler, config.healthResendInterval, config.clock);
      monitor.start();
      health = Optional.of(monitor);
      services.addAll(HealthServices.of(monitor));
    }
    registration = new RegistrationService(driver, paths.serviceSocket(), check.isPresent());
    metrics.registrationStatus(() -> statusLabel(registration.status()));
    metrics.preparedClaims(preparer::preparedClaims);

    serviceServer =
        UnixGrpcServer.start(paths.serviceSocket(), definitions(services), eventLoop, callExecutor);
    if (config.metricsPort != 0) {
      metricsServer =
          Optional.of(
              MetricsServer.start(
                  config.metricsPort,
                  metrics::render,
                  this::ready,
                  () -> describe(registrationStatus())));
    }
    // Registration goes last: once the kubelet sees this socket, everything it may call is ready.
    registrationServer =
        UnixGrpcServer.start(
            paths.registrationSocket(),
            definitions(List.of(registration)),
            eventLoop,
            callExecutor);
    LOG.info(
        "driver {} on node {} is serving: registration {}, service {}",
        driver,
        config.nodeName.orElse(""),
        paths.registrationSocket(),
        paths.serviceSocket());
  }

  private SocketPaths socketPaths() {
    try {
      return SocketPaths.of(config.registrarDir, config.pluginsDir, driver, config.podUid);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  private static List<ServerServiceDefinition> definitions(List<BindableService> services) {
    return services.stream().map(BindableService::bindService).toList();
  }

  private boolean ready() {
    synchronized (lifecycle) {
      if (state != State.RUNNING || registrationServer == null) {
        return false;
      }
    }
    return registrationStatus().isRegistered();
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

  private static String describe(RegistrationStatus status) {
    if (status instanceof RegistrationStatus.Failed) {
      return "failed: " + ((RegistrationStatus.Failed) status).message();
    }
    return "registration " + statusLabel(status);
  }

  /** What the kubelet last reported about the registration. */
  public RegistrationStatus registrationStatus() {
    RegistrationService r = registration;
    return r == null ? RegistrationStatus.NOT_YET : r.status();
  }

  /** The socket serving the DRA and health services. */
  public Path serviceSocket() {
    return requireStarted().serviceSocket();
  }

  /** The socket the kubelet plugin watcher finds. */
  public Path registrationSocket() {
    return requireStarted().registrationSocket();
  }

  /** The metrics HTTP address, when metrics are on. */
  public Optional<InetSocketAddress> metricsAddress() {
    return metricsServer.map(MetricsServer::address);
  }

  /** The driver name. */
  public String driverName() {
    return driver;
  }

  private SocketPaths requireStarted() {
    if (paths == null) {
      throw new IllegalStateException("runtime of driver " + driver + " is not started");
    }
    return paths;
  }

  /** Blocks until the runtime is closed. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Blocks until the runtime is closed or the timeout passes; returns whether it is closed. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Stops gracefully: stops accepting calls, lets calls in flight finish within the shutdown
   * timeout, removes the sockets and closes the provider. ResourceSlices stay; the kubelet removes
   * them if the driver does not come back. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      if (starting) {
        LOG.info("driver {} is asked to stop while it starts; it stops once started", driver);
        return;
      }
    }
    release();
  }

  private void release() {
    LOG.info("driver {} is stopping", driver);
    if (registrationServer != null) {
      registrationServer.shutdown();
    }
    health.ifPresent(HealthMonitor::close);
    if (serviceServer != null) {
      serviceServer.shutdown();
    }
    try {
      if (serviceServer != null && !serviceServer.awaitTermination(config.shutdownTimeout)) {
        LOG.warn(
            "calls of driver {} still running after {} were cancelled",
            driver,
            config.shutdownTimeout);
      }
      if (registrationServer != null) {
        registrationServer.awaitTermination(Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(serviceServer);
      closeQuietly(registrationServer);
    }
    metricsServer.ifPresent(MetricsServer::close);
    shutdown(workers);
    shutdown(callExecutor);
    shutdown(scheduler);
    if (eventLoop != null) {
      EventLoops.shutdown(eventLoop, Duration.ofSeconds(2));
    }
    if (providerStarted) {
      try {
        provider.close();
      } catch (Exception e) {
        LOG.warn("device provider of driver {} failed to close: {}", driver, e.toString(), e);
      }
    }
    LOG.info("driver {} stopped", driver);
    terminated.countDown();
  }

  private static void closeQuietly(UnixGrpcServer server) {
    if (server != null) {
      server.close();
    }
  }

  private void shutdown(ExecutorService executor) {
    if (executor != null && !Shutdown.executor(executor, Duration.ofSeconds(5))) {
      LOG.warn("threads of driver {} still run 5 s after they were interrupted", driver);
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void requireDriverName(String name) {
    if (!Names.isDriverName(name)) {
      throw new ConfigurationException(
          "driver name '"
              + name
              + "' must be a DNS subdomain of at most "
              + Names.DRIVER_NAME_MAX_LENGTH
              + " characters (lowercase letters, digits,"
              + " '-' and '.', like neuron.aws.com); fix driverName() of the device provider");
    }
  }

  private static void requireDirectory(Path dir, String flag, String fix) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigurationException(
          "directory "
              + dir
              + " given by "
              + flag
              + (Files.exists(dir) ? " is not a directory" : " does not exist")
              + ": "
              + fix);
    }
    requireWritable(dir, flag);
  }

  private static void requireWritable(Path dir, String flag) {
    if (!Files.isWritable(dir)) {
      throw new ConfigurationException(
          "directory " + dir + " given by " + flag + " is not writable: mount it read-write");
    }
  }

  /** The context handed to the provider. */
  private final class Context implements DriverContext {
    private final System.Logger logger = System.getLogger("io.dra4j.driver." + driver);

    @Override
    public String nodeName() {
      return config.nodeName.orElseThrow();
    }

    @Override
    public HostPaths hostPaths() {
      return config.hostPaths;
    }

    @Override
    public void publish(Resources resources) {
      Objects.requireNonNull(resources, "resources");
      synchronized (lifecycle) {
        if (state == State.CLOSED) {
          throw new IllegalStateException(
              "driver " + driver + " is stopped; publish is only possible while it runs");
        }
      }
      LOG.info(
          "driver {} publishes {} pool(s) with {} device(s)",
          driver,
          resources.pools().size(),
          resources.pools().stream().mapToInt(p -> p.devices().size()).sum());
      config.publisher.publish(resources);
    }

    @Override
    public Map<String, Quantity> nodeAllocatable() {
      try {
        return Map.copyOf(config.nodeAllocatable.get());
      } catch (RuntimeException e) {
        LOG.warn("cannot read the allocatable resources of node {}: {}", nodeName(), e.toString());
        return Map.of();
      }
    }

    @Override
    public Map<String, String> settings() {
      return config.settings;
    }

    @Override
    public Clock clock() {
      return config.clock;
    }

    @Override
    public System.Logger logger() {
      return logger;
    }
  }

  /**
   * Configures a {@link DriverRuntime}. Directories default to the kubelet's; the node name, the
   * claim lookup and the publisher are required.
   */
  public static final class Builder {
    private final DeviceProvider provider;
    private Optional<String> nodeName = Optional.empty();
    private Path registrarDir = DEFAULT_REGISTRAR_DIR;
    private Path pluginsDir = DEFAULT_PLUGINS_DIR;
    private Path cdiDir = DEFAULT_CDI_DIR;
    private HostPaths hostPaths = HostPaths.host();
    private ClaimLookup claimLookup;
    private ResourcePublisher publisher;
    private Supplier<Map<String, Quantity>> nodeAllocatable = Map::of;
    private Map<String, String> settings = Map.of();
    private Optional<String> podUid = Optional.empty();
    private int metricsPort;
    private Clock clock = Clock.systemUTC();
    private int prepareParallelism = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Duration healthResendInterval = HealthMonitor.KUBELET_TIMEOUT.dividedBy(2);

    private Builder(DeviceProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** The node this instance serves (required). */
    public Builder nodeName(String nodeName) {
      this.nodeName = Optional.of(nodeName).filter(n -> !n.isBlank());
      return this;
    }

    /** The kubelet plugin registry directory; default {@code /var/lib/kubelet/plugins_registry}. */
    public Builder registrarDir(Path dir) {
      this.registrarDir = Objects.requireNonNull(dir, "registrarDir");
      return this;
    }

    /** The kubelet plugins directory; default {@code /var/lib/kubelet/plugins}. */
    public Builder pluginsDir(Path dir) {
      this.pluginsDir = Objects.requireNonNull(dir, "pluginsDir");
      return this;
    }

    /** The CDI spec directory; default {@code /var/run/cdi}. */
    public Builder cdiDir(Path dir) {
      this.cdiDir = Objects.requireNonNull(dir, "cdiDir");
      return this;
    }

    /** The host trees the provider reads and the boot ID comes from; default the real host. */
    public Builder hostPaths(HostPaths hostPaths) {
      this.hostPaths = Objects.requireNonNull(hostPaths, "hostPaths");
      return this;
    }

    /** Finds allocated claims (required). */
    public Builder claimLookup(ClaimLookup lookup) {
      this.claimLookup = Objects.requireNonNull(lookup, "claimLookup");
      return this;
    }

    /** Publishes ResourceSlices (required). */
    public Builder publisher(ResourcePublisher publisher) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
      return this;
    }

    /** The node's allocatable resources, for {@link DriverContext#nodeAllocatable()}. */
    public Builder nodeAllocatable(Supplier<Map<String, Quantity>> allocatable) {
      this.nodeAllocatable = Objects.requireNonNull(allocatable, "nodeAllocatable");
      return this;
    }

    /** Driver settings, for {@link DriverContext#settings()}. */
    public Builder settings(Map<String, String> settings) {
      this.settings = Map.copyOf(settings);
      return this;
    }

    /**
     * Runs side by side with another instance during a DaemonSet rolling update: socket names carry
     * the pod UID and prepare/unprepare are serialized across instances with a file lock.
     */
    public Builder rollingUpdate(String podUid) {
      this.podUid = Optional.of(podUid).filter(u -> !u.isBlank());
      return this;
    }

    /** The metrics HTTP port; 0 (the default) turns metrics off. */
    public Builder metricsPort(int port) {
      if (port < 0 || port > 65535) {
        throw new ConfigurationException(
            "metrics port " + port + " (--metrics-port, env METRICS_PORT) must be 0 to 65535");
      }
      this.metricsPort = port;
      return this;
    }

    /** The clock for the provider and health timestamps. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How many claims are prepared at once. */
    public Builder prepareParallelism(int threads) {
      if (threads < 1) {
        throw new ConfigurationException("prepare parallelism " + threads + " must be at least 1");
      }
      this.prepareParallelism = threads;
      return this;
    }

    /** How long {@link DriverRuntime#close()} waits for calls in flight; default 30 s. */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = Objects.requireNonNull(timeout, "shutdownTimeout");
      return this;
    }

    /**
     * The longest time between two health messages to the kubelet; default 15 s, half the kubelet's
     * staleness timeout.
     */
    public Builder healthResendInterval(Duration interval) {
      if (interval.isZero()
          || interval.isNegative()
          || interval.compareTo(Duration.ofSeconds(15)) > 0) {
        throw new ConfigurationException(
            "health re-send interval " + interval + " must be positive and at most 15 s");
      }
      this.healthResendInterval = interval;
      return this;
    }

    /**
     * Builds the runtime; nothing starts before {@link DriverRuntime#start()}.
     *
     * @throws ConfigurationException when a required setting is missing
     */
    public DriverRuntime build() {
      if (nodeName.isEmpty()) {
        throw new ConfigurationException(
            "the node name is required: pass --node-name or set NODE_NAME (in a DaemonSet, from"
                + " the downward API spec.nodeName)");
      }
      if (claimLookup == null) {
        throw new ConfigurationException(
            "a claim lookup is required: call claimLookup(..) with the Kubernetes-backed lookup");
      }
      if (publisher == null) {
        throw new ConfigurationException(
            "a resource publisher is required: call publisher(..) with the ResourceSlice"
                + " publisher");
      }
      return new DriverRuntime(this);
    }
  }
}
