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
import io.dra4j.runtime.internal.health.HealthMonitor;
import io.dra4j.runtime.internal.health.HealthPolls;
import io.dra4j.runtime.internal.metrics.ListenAddress;
import io.dra4j.runtime.internal.metrics.MetricsServer;
import io.dra4j.runtime.internal.metrics.RuntimeMetrics;
import io.dra4j.runtime.internal.prepare.ClaimError;
import io.dra4j.runtime.internal.registration.RegistrationService;
import io.dra4j.runtime.internal.registration.RegistrationStatus;
import io.dra4j.runtime.internal.sockets.SocketPaths;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link DeviceProvider} as a kubelet DRA plugin: checks the settings, serves the DRA (v1
 * and v1beta1) and health services on the plugin socket and the registration service on the
 * registry socket, optionally metrics over HTTP, and then starts the provider, which publishes its
 * devices. The driver so registers before it publishes, as the kubelet expects: kubelet calls that
 * arrive while the provider starts wait for it (at most 30 s), and fail with {@code UNAVAILABLE}
 * naming the cause when it fails to start.
 *
 * <pre>{@code
 * try (KubeBackend kube =
 *         KubeBackend.connectOwned(KubeBackend.client(Optional.empty()), driver, node);
 *     DriverRuntime runtime =
 *         DriverRuntime.builder(provider).nodeName(node).kubernetes(kube).build().start()) {
 *   runtime.awaitTermination();
 * }
 * }</pre>
 *
 * <p>Threading: kubelet calls run on a gRPC executor; the claims of one call run concurrently on a
 * pool of {@code prepareParallelism} threads, which is where the provider's {@code prepare} and
 * {@code unprepare} are called. {@link #close()} is graceful and never deletes ResourceSlices. The
 * caller owns the {@link KubernetesConnection} and closes it after the runtime.
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

  static {
    HealthPolls.install(runtime -> runtime.parts.health);
  }

  private final RuntimeSettings settings;
  private final DeviceProvider provider;
  private final String driver;
  private final RuntimeMetrics metrics;
  private final RuntimeParts parts;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private State state = State.NEW;
  // Set while start() runs: a close() meanwhile leaves the clean-up to start(), which would
  // otherwise go on to open sockets after everything was closed.
  private boolean starting;

  private DriverRuntime(RuntimeSettings settings) {
    this.settings = settings;
    this.provider = settings.provider();
    this.driver = provider.driverName();
    this.metrics = new RuntimeMetrics(driver, ClaimError.Reason.labels());
    this.parts = new RuntimeParts(driver);
  }

  /** Starts configuring a runtime for the given provider. */
  public static Builder builder(DeviceProvider provider) {
    return new Builder(provider);
  }

  /**
   * Checks the settings, serves the kubelet sockets and starts the provider. Returns once the
   * provider's {@code start} has returned; the sockets listen from before it is called, so the
   * kubelet may register the driver meanwhile. The provider's config kinds are checked before any
   * socket is served, so a driver with a config type the runtime cannot decode never registers or
   * publishes devices.
   *
   * <p>Exception messages do not repeat the driver name: a caller reports them as {@code driver
   * <name> failed to start: <message>}.
   *
   * @throws ConfigurationException when a setting, a directory or the provider's driver name or
   *     config kinds cannot work; the message names the setting (see {@link
   *     ConfigurationException#setting()}) and the fix
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
      new StartSequence(settings, metrics, parts, this::stopped, this::ready).run();
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

  private boolean stopped() {
    synchronized (lifecycle) {
      return state == State.CLOSED;
    }
  }

  /** Registered with the kubelet, and the provider has started (and published). */
  private boolean ready() {
    synchronized (lifecycle) {
      if (state != State.RUNNING || starting) {
        return false;
      }
    }
    return parts.providerStart.isOpen() && registrationStatus().isRegistered();
  }

  /** What the kubelet last reported about the registration. */
  public RegistrationStatus registrationStatus() {
    RegistrationService r = parts.registration;
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
    return parts.metricsServer.map(MetricsServer::address);
  }

  /** The driver name. */
  public String driverName() {
    return driver;
  }

  private SocketPaths requireStarted() {
    SocketPaths paths = parts.paths;
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
    ShutdownSequence.run(parts, provider, driver, settings.shutdownTimeout());
    terminated.countDown();
  }

  /**
   * Configures a {@link DriverRuntime}. Directories default to the kubelet's; the node name and the
   * Kubernetes connection are required. A setting with a bad value fails at once, a missing one at
   * {@link #build()}, each with a {@link ConfigurationException} that names the setting.
   */
  public static final class Builder {
    private final DeviceProvider provider;
    private Optional<String> nodeName = Optional.empty();
    private Path registrarDir = DEFAULT_REGISTRAR_DIR;
    private Path pluginsDir = DEFAULT_PLUGINS_DIR;
    private Path cdiDir = DEFAULT_CDI_DIR;
    private HostPaths hostPaths = HostPaths.host();
    private Optional<KubernetesConnection> kubernetes = Optional.empty();
    private Map<String, String> settings = Map.of();
    private Optional<String> podUid = Optional.empty();
    private int metricsPort;
    private InetAddress metricsBindAddress = ListenAddress.parse(ListenAddress.DEFAULT);
    private Clock clock = Clock.systemUTC();
    private int prepareParallelism = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Duration healthResendInterval = HealthMonitor.KUBELET_TIMEOUT.dividedBy(2);
    private boolean deviceMetadata;

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

    /**
     * The Kubernetes API (required): the runtime takes its claim lookup and its ResourceSlice
     * publisher from it when it starts, and the node's allocatable resources for {@link
     * DriverContext#nodeAllocatable()}. Usually a {@link
     * io.dra4j.runtime.internal.kube.KubeBackend}. The runtime never closes it; the caller closes
     * it after the runtime.
     */
    public Builder kubernetes(KubernetesConnection connection) {
      this.kubernetes = Optional.of(Objects.requireNonNull(connection, "kubernetes"));
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
        throw ConfigurationException.of(
            "metricsPort", port + " is not a port: use 1 to 65535, or 0 to turn metrics off");
      }
      this.metricsPort = port;
      return this;
    }

    /**
     * The address the metrics HTTP server listens on, an IP literal: {@code 127.0.0.1} (the
     * default, reachable only from inside the pod), the pod IP, or {@code 0.0.0.0} / {@code ::} for
     * every interface. Prometheus and the kubelet's probes reach a pod on its pod IP, so a
     * DaemonSet that scrapes or probes the endpoint sets the pod IP here.
     */
    public Builder metricsBindAddress(String address) {
      try {
        this.metricsBindAddress = ListenAddress.parse(address);
      } catch (IllegalArgumentException e) {
        throw ConfigurationException.of("metricsBindAddress", e.getMessage());
      }
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
        throw ConfigurationException.of("prepareParallelism", threads + " must be at least 1");
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
        throw ConfigurationException.of(
            "healthResendInterval", interval + " must be positive and at most 15 s");
      }
      this.healthResendInterval = interval;
      return this;
    }

    /**
     * Device metadata for containers (Kubernetes 1.36+, KEP-5304); default off. When on, every
     * prepared request also gets a read-only file {@code
     * /var/run/kubernetes.io/dra-device-attributes/resourceclaims/<claim>/<request>/<driver>-metadata.json}
     * (under {@code resourceclaimtemplates/<pod claim name>/} for a claim made from a template) in
     * each container that uses it, listing the request's devices with the attributes the driver
     * published ({@code metadata.resource.k8s.io/v1alpha1}). It reaches the container through a CDI
     * spec {@code <driver>_metadata_<claimUid>_<request>.json} in the CDI directory; the file
     * itself lives under the plugin data directory. Both go when the claim is unprepared.
     */
    public Builder deviceMetadata(boolean enabled) {
      this.deviceMetadata = enabled;
      return this;
    }

    /**
     * Builds the runtime; nothing starts before {@link DriverRuntime#start()}.
     *
     * @throws ConfigurationException when a required setting is missing
     */
    public DriverRuntime build() {
      return new DriverRuntime(
          new RuntimeSettings(
              provider,
              nodeName.orElseThrow(
                  () ->
                      ConfigurationException.of(
                          "nodeName",
                          "the node this driver serves is required (in a DaemonSet, from the"
                              + " downward API field spec.nodeName)")),
              registrarDir,
              pluginsDir,
              cdiDir,
              hostPaths,
              kubernetes.orElseThrow(
                  () ->
                      ConfigurationException.of(
                          "kubernetes",
                          "a connection to the Kubernetes API is required: pass"
                              + " KubeBackend.connectOwned(client, driverName, nodeName)")),
              settings,
              podUid,
              metricsPort,
              metricsBindAddress,
              clock,
              prepareParallelism,
              shutdownTimeout,
              healthResendInterval,
              deviceMetadata));
    }
  }
}
