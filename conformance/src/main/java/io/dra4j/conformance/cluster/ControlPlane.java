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
package io.dra4j.conformance.cluster;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Kubernetes control plane on the loopback interface: etcd, kube-apiserver (DRA enabled,
 * {@code resource.k8s.io/v1} served, RBAC and Node authorization, service-account tokens signed
 * with a key generated here), kube-controller-manager (the resourceclaim, garbage-collector,
 * daemonset and root-CA publisher controllers, and those added with {@link Builder#controller}) and
 * kube-scheduler. Each component runs as a process whose log is kept in the work directory. {@link
 * #close} stops them all.
 *
 * <pre>{@code
 * try (ControlPlane cluster = ControlPlane.builder(binaries).workDir(dir).start()) {
 *   ApiClient admin = cluster.adminClient();
 * }
 * }</pre>
 */
public final class ControlPlane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

  /**
   * Alpha DRA features the SDK can publish, and {@code ResourceHealthStatus} (the API server keeps
   * {@code allocatedResourcesStatus} in pod status only with it, a real kubelet streams device
   * health only with it); enabled in every component by default.
   */
  public static final Map<String, Boolean> DEFAULT_FEATURE_GATES =
      Map.of(
          "DRAPartitionableDevices", true,
          "DRADeviceTaints", true,
          "DRAConsumableCapacity", true,
          "ResourceHealthStatus", true);

  private final KubeBinaries binaries;
  private final Path dir;
  private final String adminToken;
  private final int apiPort;
  private final List<ComponentProcess> components = new ArrayList<>();
  private final HealthProbe probe = new HealthProbe();
  private final List<String> apiServerCommand = new ArrayList<>();
  private Path kubeconfig;
  private Duration startupTime = Duration.ZERO;

  /** Configures and starts a {@link ControlPlane}. */
  public static final class Builder {
    private final KubeBinaries binaries;
    private Path workDir = Path.of("target", "e2e");
    private final Map<String, Boolean> featureGates = new LinkedHashMap<>(DEFAULT_FEATURE_GATES);
    private final List<String> apiServerFlags = new ArrayList<>();
    // DaemonSets run the drivers' charts on a real node; kube-root-ca.crt is what a pod's
    // projected service-account volume takes the API server's CA from.
    private final List<String> controllers =
        new ArrayList<>(
            List.of(
                "resourceclaim-controller",
                "garbage-collector-controller",
                "daemonset-controller",
                "root-ca-certificate-publisher-controller"));
    private Duration startTimeout = Duration.ofSeconds(90);

    private Builder(KubeBinaries binaries) {
      this.binaries = Objects.requireNonNull(binaries, "binaries");
    }

    /** The parent of this cluster's directory (data, keys, kubeconfig, logs). */
    public Builder workDir(Path workDir) {
      this.workDir = Objects.requireNonNull(workDir, "workDir");
      return this;
    }

    /** Sets a feature gate in every component. */
    public Builder featureGate(String name, boolean enabled) {
      featureGates.put(Objects.requireNonNull(name, "name"), enabled);
      return this;
    }

    /**
     * Drops every feature gate set so far, {@link #DEFAULT_FEATURE_GATES} included, so that each
     * component starts with its release's defaults except for the gates set afterwards.
     */
    public Builder releaseDefaultGates() {
      featureGates.clear();
      return this;
    }

    /**
     * Also runs the kube-controller-manager controller {@code name} (besides the resourceclaim,
     * garbage-collector, daemonset and root-CA publisher controllers), e.g. {@code
     * device-taint-eviction-controller}; one whose feature gates are off does not start.
     */
    public Builder controller(String name) {
      controllers.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /** Adds a kube-apiserver flag, e.g. {@code --runtime-config=...}. */
    public Builder apiServerFlag(String flag) {
      apiServerFlags.add(Objects.requireNonNull(flag, "flag"));
      return this;
    }

    /** How long all components may take to become healthy; 90 s by default. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
      return this;
    }

    /**
     * Starts etcd, the API server, the controller manager and the scheduler, and returns once all
     * report healthy.
     *
     * @throws ControlPlaneException naming the component that failed, with the end of its log
     */
    public ControlPlane start() {
      ControlPlane plane = new ControlPlane(this);
      try {
        plane.startAll(this);
        return plane;
      } catch (RuntimeException e) {
        plane.close();
        throw e;
      }
    }
  }

  /** A builder for a control plane from {@code binaries}. */
  public static Builder builder(KubeBinaries binaries) {
    return new Builder(binaries);
  }

  private ControlPlane(Builder builder) {
    this.binaries = builder.binaries;
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.adminToken = HexFormat.of().formatHex(random);
    try {
      Files.createDirectories(builder.workDir);
      this.dir =
          Files.createTempDirectory(
                  builder.workDir.toAbsolutePath(), "k8s-" + binaries.kubernetesVersion() + "-")
              .toAbsolutePath();
    } catch (IOException e) {
      throw new ControlPlaneException("cannot create a work directory in " + builder.workDir, e);
    }
    this.apiPort = ComponentProcess.freePort();
  }

  private void startAll(Builder builder) {
    long started = System.nanoTime();
    Instant deadline = Instant.now().plus(builder.startTimeout);
    String gates =
        builder.featureGates.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
    SigningKeys keys;
    Path tokens = dir.resolve("tokens.csv");
    try {
      keys = SigningKeys.generate(dir);
      Files.writeString(tokens, adminToken + ",admin,admin-uid,system:masters\n");
    } catch (IOException e) {
      throw new ControlPlaneException("cannot write keys and tokens into " + dir, e);
    }

    int etcdPort = ComponentProcess.freePort();
    int peerPort = ComponentProcess.freePort();
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    ComponentProcess etcd =
        launch(
            "etcd",
            List.of(
                binaries.etcd().toString(),
                "--name=e2e",
                "--data-dir=" + dir.resolve("etcd-data"),
                "--listen-client-urls=" + etcdUrl,
                "--advertise-client-urls=" + etcdUrl,
                "--listen-peer-urls=" + peerUrl,
                "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=e2e=" + peerUrl,
                "--unsafe-no-fsync=true",
                "--log-level=warn"));
    etcd.await(deadline, () -> probe.healthy(etcdUrl + "/health", Optional.empty()));

    Path certDir = dir.resolve("apiserver-certs");
    List<String> api = new ArrayList<>();
    api.add(binaries.apiServer().toString());
    api.addAll(
        List.of(
            "--etcd-servers=" + etcdUrl,
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            "--secure-port=" + apiPort,
            "--cert-dir=" + certDir,
            "--token-auth-file=" + tokens,
            "--authorization-mode=Node,RBAC",
            "--service-account-issuer=https://kubernetes.default.svc",
            "--service-account-key-file=" + keys.publicKey(),
            "--service-account-signing-key-file=" + keys.privateKey(),
            "--service-cluster-ip-range=10.0.0.0/24",
            "--allow-privileged=true",
            // 1.37 refuses a loopback advertise address for the endpoints of the kubernetes
            // Service; nothing here reaches the API server through that Service.
            "--endpoint-reconciler-type=none",
            // No controller creates the default service account of new namespaces, and no node
            // lifecycle controller lifts the not-ready taint that TaintNodesByCondition adds.
            "--disable-admission-plugins=ServiceAccount,TaintNodesByCondition",
            // The scheduler watches DeviceTaintRules (v1alpha3) when DRADeviceTaints is on, and
            // does not schedule until that watch syncs.
            "--runtime-config=resource.k8s.io/v1=true,resource.k8s.io/v1alpha3=true",
            "--feature-gates=" + gates,
            "--v=1"));
    api.addAll(builder.apiServerFlags);
    apiServerCommand.addAll(api);
    ComponentProcess apiServer = launch("kube-apiserver", api);
    Path servingCert = certDir.resolve("apiserver.crt");
    apiServer.await(deadline, () -> Files.isRegularFile(servingCert));
    kubeconfig = writeKubeconfig(servingCert);
    apiServer.await(
        deadline, () -> probe.healthy(serverUrl() + "/readyz", Optional.of(adminToken)));

    int cmPort = ComponentProcess.freePort();
    ComponentProcess controllerManager =
        launchController(
            "kube-controller-manager",
            binaries.controllerManager(),
            cmPort,
            gates,
            List.of(
                "--controllers=" + String.join(",", builder.controllers),
                "--root-ca-file=" + servingCert,
                "--use-service-account-credentials=false",
                "--v=1"));
    int schedulerPort = ComponentProcess.freePort();
    ComponentProcess scheduler =
        launchController(
            "kube-scheduler", binaries.scheduler(), schedulerPort, gates, List.of("--v=2"));
    controllerManager.await(
        deadline,
        () -> probe.healthy("https://127.0.0.1:" + cmPort + "/healthz", Optional.empty()));
    scheduler.await(
        deadline,
        () -> probe.healthy("https://127.0.0.1:" + schedulerPort + "/healthz", Optional.empty()));
    startupTime = Duration.ofNanos(System.nanoTime() - started);
    LOG.info(
        "Kubernetes {} control plane ready at {} in {} ms (logs in {})",
        binaries.kubernetesVersion(),
        serverUrl(),
        startupTime.toMillis(),
        dir);
  }

  private Path writeKubeconfig(Path servingCert) {
    String text =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: e2e\n"
            + "  cluster:\n"
            + "    server: "
            + serverUrl()
            + "\n"
            + "    certificate-authority: "
            + servingCert
            + "\n"
            + "users:\n"
            + "- name: admin\n"
            + "  user:\n"
            + "    token: "
            + adminToken
            + "\n"
            + "contexts:\n"
            + "- name: e2e\n"
            + "  context:\n"
            + "    cluster: e2e\n"
            + "    user: admin\n"
            + "current-context: e2e\n";
    Path file = dir.resolve("kubeconfig");
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new ControlPlaneException("cannot write " + file, e);
    }
    return file;
  }

  /** The API server's base URL, {@code https://127.0.0.1:<port>}. */
  public String serverUrl() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** A kubeconfig file for the cluster administrator (group {@code system:masters}). */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The binaries this cluster runs. */
  public KubeBinaries binaries() {
    return binaries;
  }

  /** The directory with this cluster's data, keys, kubeconfig and one log per component. */
  public Path directory() {
    return dir;
  }

  /** From launching etcd until every component reported healthy. */
  public Duration startupTime() {
    return startupTime;
  }

  /** A new client authenticated as the cluster administrator, verifying the server certificate. */
  public ApiClient adminClient() {
    try (Reader reader = Files.newBufferedReader(kubeconfig)) {
      KubeConfig config = KubeConfig.loadKubeConfig(reader);
      config.setFile(kubeconfig.toFile());
      return ClientBuilder.kubeconfig(config).build();
    } catch (IOException e) {
      throw new ControlPlaneException("cannot read " + kubeconfig, e);
    }
  }

  /**
   * A new client that authenticates with {@code bearerToken} (for example a service-account token
   * from the TokenRequest API), verifying the server certificate.
   */
  public ApiClient client(String bearerToken) {
    Objects.requireNonNull(bearerToken, "bearerToken");
    try {
      String text =
          Files.readString(kubeconfig).replace("token: " + adminToken, "token: " + bearerToken);
      KubeConfig config = KubeConfig.loadKubeConfig(new StringReader(text));
      config.setFile(kubeconfig.toFile());
      return ClientBuilder.kubeconfig(config).build();
    } catch (IOException e) {
      throw new ControlPlaneException("cannot read " + kubeconfig, e);
    }
  }

  /** The end of every component's log, for failure messages. */
  public String diagnostics() {
    StringBuilder text = new StringBuilder();
    for (ComponentProcess c : components) {
      text.append(c.describe()).append('\n');
    }
    return text.toString();
  }

  /**
   * Stops the kube-apiserver process and starts it again on the same port, with the same etcd,
   * flags and serving certificate, and returns once it is ready. Clients see their connections and
   * watches dropped, as in an API server upgrade; the stored objects survive.
   *
   * @throws ControlPlaneException when the API server does not come back within {@code timeout}
   */
  public synchronized void restartApiServer(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    int index = -1;
    for (int i = 0; i < components.size(); i++) {
      if (components.get(i).name().equals("kube-apiserver")) {
        index = i;
      }
    }
    if (index < 0) {
      throw new ControlPlaneException("the control plane has no kube-apiserver to restart");
    }
    Instant deadline = Instant.now().plus(timeout);
    components.get(index).stop();
    ComponentProcess apiServer = ComponentProcess.spawn(dir, "kube-apiserver", apiServerCommand);
    components.set(index, apiServer);
    apiServer.await(
        deadline, () -> probe.healthy(serverUrl() + "/readyz", Optional.of(adminToken)));
    LOG.info("Kubernetes {} API server restarted at {}", binaries.kubernetesVersion(), serverUrl());
  }

  /** Stops the components in reverse start order; the work directory and logs are kept. */
  @Override
  public synchronized void close() {
    for (int i = components.size() - 1; i >= 0; i--) {
      components.get(i).stop();
    }
    components.clear();
    LOG.info("Kubernetes {} control plane stopped; logs in {}", binaries.kubernetesVersion(), dir);
  }

  /** Starts a component that reaches the API server through the admin kubeconfig. */
  private ComponentProcess launchController(
      String name, Path binary, int port, String gates, List<String> flags) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--kubeconfig=" + kubeconfig,
            "--leader-elect=false",
            // Tokens are the only authentication here: there is no client CA to look up.
            "--authentication-skip-lookup=true",
            "--bind-address=127.0.0.1",
            "--secure-port=" + port,
            "--cert-dir=" + dir.resolve(name + "-certs"),
            "--feature-gates=" + gates));
    command.addAll(flags);
    return launch(name, command);
  }

  private ComponentProcess launch(String name, List<String> command) {
    ComponentProcess component = ComponentProcess.spawn(dir, name, command);
    components.add(component);
    return component;
  }
}
