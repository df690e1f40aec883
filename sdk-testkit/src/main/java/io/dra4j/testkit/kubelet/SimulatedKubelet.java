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
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.internal.lifecycle.Shutdown;
import io.dra4j.testkit.cdi.CdiInjectionException;
import io.dra4j.testkit.cdi.ContainerView;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A kubelet for tests that drives DRA plugins over real unix sockets, with the kubelet's rules.
 *
 * <p>It watches the registration directory and registers plugins ({@code GetInfo} within 1 s,
 * version chosen in the plugin's order, {@code NotifyRegistrationStatus}, per-socket backoff),
 * keeps every instance of a driver and calls the newest connected one, wipes a driver's
 * ResourceSlices through the configured wiper when no instance has been connected for the wiping
 * delay, prepares and unprepares pods' claims in one call per driver with the kubelet's error
 * rules, resolves the returned CDI IDs against the CDI spec directories, and consumes the health
 * stream.
 *
 * <pre>{@code
 * try (SimulatedKubelet kubelet = SimulatedKubelet.builder()
 *     .nodeName("node-1").registrarDir(dir.resolve("plugins_registry")).build().start()) {
 *   kubelet.awaitRegistered("gpu.example.com", Duration.ofSeconds(10));
 *   PodPrepareResult result = kubelet.preparePod(pod);
 * }
 * }</pre>
 *
 * <p>Methods are thread-safe. {@link #preparePod} and {@link #unpreparePod} block for the gRPC
 * calls (at most the call timeout each); registration, health streams and wiping run on background
 * daemon threads.
 */
public final class SimulatedKubelet implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final String nodeName;
  private final Path registrarDir;
  private final Path pluginsDir;
  private final Clock clock;
  private final EventLog events;
  private final HealthCache health = new HealthCache();
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final ExecutorService workers;
  private final UnixChannels channels = new UnixChannels();
  private final DraPlugins plugins;
  private final PluginWatcher watcher;
  private final DraManager draManager;
  private final ContainerViews containerViews;
  private boolean started;

  private SimulatedKubelet(Builder b) {
    this.nodeName = b.nodeName;
    this.registrarDir = b.registrarDir;
    this.pluginsDir = b.pluginsDir;
    this.clock = b.clock;
    this.events = new EventLog(clock);
    this.ownScheduler = b.scheduler == null;
    this.scheduler =
        ownScheduler
            ? Executors.newScheduledThreadPool(1, daemonThreads("kubelet-scheduler"))
            : b.scheduler;
    this.workers = Executors.newCachedThreadPool(daemonThreads("kubelet-plugin-op"));
    this.plugins =
        new DraPlugins(
            channels,
            nodeName,
            clock,
            events,
            scheduler,
            b.sliceWiper,
            b.wipingDelay,
            health,
            b.healthRetryDelay);
    this.watcher =
        new PluginWatcher(
            registrarDir,
            channels,
            events,
            plugins,
            scheduler,
            workers,
            new PluginWatcher.Timeouts(
                b.dialTimeout,
                b.getInfoTimeout,
                b.notifyTimeout,
                b.reconcileInterval,
                b.initialBackoff,
                b.maxBackoff));
    this.draManager = new DraManager(plugins, events, b.callTimeout);
    draManager.restore(b.checkpoint);
    this.containerViews = new ContainerViews(draManager, b.cdiDirs);
  }

  /** Starts configuring a kubelet; defaults are the kubelet's. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates the registration and plugin directories and starts watching for plugins.
   *
   * @throws UncheckedIOException when a directory cannot be created or watched
   */
  public synchronized SimulatedKubelet start() {
    if (started) {
      throw new IllegalStateException("the simulated kubelet is already started");
    }
    started = true;
    try {
      Files.createDirectories(pluginsDir);
      watcher.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot watch the registration directory " + registrarDir + ": " + e.getMessage(), e);
    }
    events.record("kubelet", "started on node " + nodeName + ", watching " + registrarDir);
    return this;
  }

  /** The node this kubelet runs on. */
  public String nodeName() {
    return nodeName;
  }

  /** The directory watched for registration sockets. */
  public Path registrarDir() {
    return registrarDir;
  }

  /** The directory where plugins put their service sockets. */
  public Path pluginsDir() {
    return pluginsDir;
  }

  /** Drivers with at least one registered instance. */
  public Set<String> registeredDrivers() {
    return plugins.drivers();
  }

  /** The instance calls for this driver go to (newest connected, else newest), if any. */
  public Optional<PluginRegistration> registration(String driver) {
    return plugins.pick(driver).map(DraPlugins.Instance::view);
  }

  /** Every registered instance of the driver, oldest first. */
  public List<PluginRegistration> registrations(String driver) {
    return plugins.registrations(driver);
  }

  /** What the kubelet did and saw, oldest first. */
  public List<KubeletEvent> events() {
    return events.snapshot();
  }

  /**
   * The kubelet's view for a test failure message: registered instances, cached claims and every
   * event so far.
   */
  public String describe() {
    StringBuilder text = new StringBuilder("simulated kubelet on node ").append(nodeName);
    text.append("\nregistered plugins:");
    Set<String> drivers = registeredDrivers();
    if (drivers.isEmpty()) {
      text.append(" (none)");
    }
    for (String driver : drivers) {
      for (PluginRegistration r : registrations(driver)) {
        text.append("\n  ").append(r);
      }
    }
    text.append("\nclaims:");
    List<ClaimInfo> claims = claimInfos();
    if (claims.isEmpty()) {
      text.append(" (none)");
    }
    for (ClaimInfo c : claims) {
      text.append("\n  ").append(c);
    }
    return text.append("\nevents:").append(events.describe()).toString();
  }

  /**
   * Waits until the driver has a registered and connected instance.
   *
   * @throws AssertionError with the kubelet's events when it does not happen in time
   */
  public PluginRegistration awaitRegistered(String driver, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<PluginRegistration> registration = registration(driver);
      if (registration.isPresent() && registration.get().connected()) {
        return registration.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "DRA driver "
                + driver
                + " did not register with a connected instance within "
                + timeout.toMillis()
                + " ms (registered drivers: "
                + registeredDrivers()
                + ").\n"
                + describe());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for driver " + driver, e);
      }
    }
  }

  /** Prepares the pod's claims like the kubelet before it starts the pod's sandbox. */
  public PodPrepareResult preparePod(PodClaims pod) {
    return draManager.prepare(pod);
  }

  /**
   * Prepares the pod's claims from client-java objects; see {@link PodClaims#from}.
   *
   * @throws IllegalArgumentException when the pod or a claim lacks namespace, name or UID
   */
  public PodPrepareResult preparePod(V1Pod pod, List<ResourceV1ResourceClaim> claims) {
    return preparePod(PodClaims.from(pod, claims));
  }

  /** Unprepares the pod's claims like the kubelet when the pod terminates. */
  public PodUnprepareResult unpreparePod(PodRef pod) {
    return draManager.unprepare(pod);
  }

  /** The kubelet's cached state of a claim, if it knows the claim. */
  public Optional<ClaimInfo> claimInfo(String claimUid) {
    return draManager.claimInfo(claimUid);
  }

  /** Every claim in the kubelet's cache. */
  public List<ClaimInfo> claimInfos() {
    return draManager.claimInfos();
  }

  /**
   * What a container of the pod that uses all of the pod's claims gets from CDI.
   *
   * @throws CdiInjectionException when a CDI ID is not defined by a valid spec, like the runtime's
   *     container creation error
   * @throws IllegalStateException when a claim of the pod is not prepared
   */
  public ContainerView containerView(PodRef pod) throws CdiInjectionException {
    return containerViews.allClaims(pod);
  }

  /**
   * What a container that uses the given claims (or single requests of them) gets from CDI. A
   * device with no request names applies to every request.
   *
   * @throws CdiInjectionException when a CDI ID is not defined by a valid spec
   * @throws IllegalStateException when a used claim is unknown or not prepared for the pod
   */
  public ContainerView containerView(PodRef pod, List<ContainerClaimUse> uses)
      throws CdiInjectionException {
    return containerViews.of(pod, uses);
  }

  /**
   * The device's health as the kubelet reports it in pod status: {@code UNKNOWN} when never
   * reported, when the stream ended, or when not re-reported within its timeout.
   */
  public HealthStatus deviceHealth(String driver, String pool, String device) {
    return health.status(driver, pool, device, clock.instant());
  }

  /**
   * Stops watching, closes every connection and health stream and waits for the kubelet's threads
   * to end; leaves sockets and files. A scheduler given to the builder stays running.
   */
  @Override
  public synchronized void close() {
    watcher.close();
    plugins.close();
    Shutdown.executor(workers, STOP_TIMEOUT);
    channels.close();
    if (ownScheduler) {
      Shutdown.executor(scheduler, STOP_TIMEOUT);
    }
    events.record("kubelet", "stopped");
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Builds a {@link SimulatedKubelet}; defaults are the kubelet's. */
  public static final class Builder {
    private String nodeName = "node-1";
    private Path registrarDir;
    private Path pluginsDir;
    private List<Path> cdiDirs = List.of(Path.of("/etc/cdi"), Path.of("/var/run/cdi"));
    private BiConsumer<String, String> sliceWiper = (driver, node) -> {};
    private Duration wipingDelay = Duration.ofSeconds(30);
    private Duration dialTimeout = Duration.ofSeconds(10);
    private Duration getInfoTimeout = Duration.ofSeconds(1);
    private Duration notifyTimeout = Duration.ofSeconds(5);
    private Duration callTimeout = Duration.ofSeconds(45);
    private Duration reconcileInterval = Duration.ofSeconds(1);
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofMinutes(2);
    private Duration healthRetryDelay = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private List<ClaimInfo> checkpoint = List.of();

    private Builder() {}

    /** The node name passed to the slice wiper; default {@code node-1}. */
    public Builder nodeName(String nodeName) {
      this.nodeName = requireText(nodeName, "nodeName");
      return this;
    }

    /** The registration directory to watch (the kubelet's {@code plugins_registry}); required. */
    public Builder registrarDir(Path registrarDir) {
      this.registrarDir = Objects.requireNonNull(registrarDir, "registrarDir");
      return this;
    }

    /**
     * The plugin directory (the kubelet's {@code plugins}); default: a sibling of the registrar.
     */
    public Builder pluginsDir(Path pluginsDir) {
      this.pluginsDir = Objects.requireNonNull(pluginsDir, "pluginsDir");
      return this;
    }

    /**
     * CDI spec directories in increasing priority; default {@code /etc/cdi}, {@code /var/run/cdi}.
     */
    public Builder cdiDirs(List<Path> cdiDirs) {
      this.cdiDirs = List.copyOf(cdiDirs);
      return this;
    }

    /** Called with (driver, node) when a driver's slices are to be wiped; default does nothing. */
    public Builder sliceWiper(BiConsumer<String, String> sliceWiper) {
      this.sliceWiper = Objects.requireNonNull(sliceWiper, "sliceWiper");
      return this;
    }

    /** How long a driver may have no connected instance before its slices are wiped; 30 s. */
    public Builder wipingDelay(Duration wipingDelay) {
      this.wipingDelay = positive(wipingDelay, "wipingDelay");
      return this;
    }

    /** Timeout for connecting to a registration socket; 10 s. */
    public Builder dialTimeout(Duration dialTimeout) {
      this.dialTimeout = positive(dialTimeout, "dialTimeout");
      return this;
    }

    /** Timeout of the {@code GetInfo} call; 1 s. */
    public Builder getInfoTimeout(Duration getInfoTimeout) {
      this.getInfoTimeout = positive(getInfoTimeout, "getInfoTimeout");
      return this;
    }

    /** Deadline of NodePrepareResources and NodeUnprepareResources; 45 s. */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = positive(callTimeout, "callTimeout");
      return this;
    }

    /** Period of the registration reconcile loop; 1 s. */
    public Builder reconcileInterval(Duration reconcileInterval) {
      this.reconcileInterval = positive(reconcileInterval, "reconcileInterval");
      return this;
    }

    /** First retry delay after a failed registration, doubled per failure up to 2 min; 500 ms. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive(initialBackoff, "initialBackoff");
      return this;
    }

    /** Delay before a health stream that ended is opened again; 5 s. */
    public Builder healthRetryDelay(Duration healthRetryDelay) {
      this.healthRetryDelay = positive(healthRetryDelay, "healthRetryDelay");
      return this;
    }

    /** The clock for registration times and health staleness; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The scheduler for reconciles, wiping and health retries; the kubelet does not shut it down.
     * Default: its own single daemon thread.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * The claim infos of an earlier kubelet of this node ({@link SimulatedKubelet#claimInfos()}),
     * as a real kubelet restores them from its checkpoint when it restarts: claims of running pods
     * are not prepared again, and deleting a pod unprepares its claims. Without it, a new kubelet
     * knows no claim, as after a reboot.
     */
    public Builder checkpoint(List<ClaimInfo> checkpoint) {
      this.checkpoint = List.copyOf(checkpoint);
      return this;
    }

    /**
     * Builds the kubelet; call {@link SimulatedKubelet#start()} next.
     *
     * @throws IllegalStateException when the registration directory is not set
     */
    public SimulatedKubelet build() {
      if (registrarDir == null) {
        throw new IllegalStateException(
            "registrarDir is required: pass the directory the driver puts its registration"
                + " socket in, for example <tmp>/plugins_registry");
      }
      if (pluginsDir == null) {
        pluginsDir = registrarDir.toAbsolutePath().resolveSibling("plugins");
      }
      return new SimulatedKubelet(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }

    private static String requireText(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }
  }
}
