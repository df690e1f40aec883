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
package io.dra4j.runtime.internal.kube;

import com.google.gson.JsonObject;
import io.dra4j.api.device.Quantity;
import io.dra4j.runtime.KubernetesConnection;
import io.dra4j.runtime.internal.claims.ClaimCache;
import io.dra4j.runtime.internal.claimstatus.ClaimStatusPatcher;
import io.dra4j.runtime.internal.rbac.PermissionCheck;
import io.dra4j.runtime.internal.rbac.RuntimePermissions;
import io.dra4j.runtime.internal.slices.CounterLayout;
import io.dra4j.runtime.internal.slices.ServerVersion;
import io.dra4j.runtime.internal.slices.SlicePublisher;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's connection to the Kubernetes API for one driver on one node: it picks the served
 * version of resource.k8s.io ({@code v1}, else {@code v1beta2}, else {@code v1beta1}), makes the
 * client send only the JSON the API validates, and hands out the ResourceSlice publisher and the
 * claim cache. This is the {@link KubernetesConnection} a driver process hands its runtime. Every
 * object it reads is read as JSON, never through client-java's typed models, which reject fields a
 * newer API server adds.
 *
 * <pre>{@code
 * try (KubeBackend kube =
 *     KubeBackend.connectOwned(KubeBackend.client(Optional.empty()), driver, node)) {
 *   kube.publisher().publish(resources);
 *   AllocatedClaim claim = kube.claimLookup().lookup(ref);
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the publisher and the claim cache (their threads and watches end before
 * it returns). The client's connections are released only when the backend owns the client ({@link
 * #connectOwned}); a client given to {@link #connect} stays the caller's, who releases it with
 * {@link ApiClients#release(ApiClient)} once nothing uses it.
 */
public final class KubeBackend implements KubernetesConnection {
  private static final Logger LOG = LoggerFactory.getLogger(KubeBackend.class);

  private final KubeClient client;
  private final String driverName;
  private final String nodeName;
  private final ResourceVersionTranslator translator;
  private final boolean ownsClient;
  private final ServerVersions versions;
  private SlicePublisher publisher;
  private ClaimCache claims;
  private ClaimStatusPatcher statusPatcher;

  private KubeBackend(
      KubeClient client,
      String driverName,
      String nodeName,
      ResourceVersionTranslator translator,
      ServerVersions versions,
      boolean ownsClient) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.versions = versions;
    this.translator = translator;
    this.driverName = driverName;
    this.nodeName = nodeName;
  }

  /**
   * A client from, in this order: the given kubeconfig file; the in-cluster service account; the
   * first file of {@code $KUBECONFIG}; {@code ~/.kube/config} ({@link KubeConfigLoader}).
   *
   * @throws IllegalStateException naming every place tried when none works
   */
  public static KubeClient client(Optional<Path> kubeconfig) {
    return KubeConfigLoader.client(kubeconfig);
  }

  /**
   * Prepares a client for the runtime and picks the version of resource.k8s.io it talks: {@code v1}
   * when served (Kubernetes 1.34 or newer), else {@code v1beta2} (1.33 with that version enabled),
   * else {@code v1beta1} (1.32 and 1.33). The client is changed in place: its HTTP client gains an
   * interceptor that removes empty collections from request bodies and lifts the read timeout of
   * watches, and one that translates the runtime's v1 requests and responses to the served version.
   * When the server cannot be reached yet, the version is discovered on the first request to the
   * group.
   *
   * <p>The client stays the caller's: {@link #close()} leaves its connections open. Use {@link
   * #connectOwned} to hand it over.
   *
   * <p>It then checks the driver's RBAC permissions ({@link PermissionCheck} over {@link
   * RuntimePermissions}).
   *
   * @throws IllegalStateException when no version of resource.k8s.io the runtime speaks is served
   *     (the message names the versions tried and the Kubernetes release needed) or RBAC forbids
   *     discovery
   * @throws io.dra4j.runtime.ConfigurationException when RBAC denies a permission the runtime needs
   *     (the message names each one and the ClusterRole rules to add)
   */
  public static KubeBackend connect(KubeClient client, String driverName, String nodeName) {
    return connect(client, driverName, nodeName, false);
  }

  /** {@link #connect(KubeClient, String, String)} over a caller's client-java client. */
  public static KubeBackend connect(ApiClient client, String driverName, String nodeName) {
    return connect(KubeClient.of(client), driverName, nodeName, false);
  }

  /**
   * Like {@link #connect}, but the backend takes the client over: {@link #close()} also releases
   * its connections and threads ({@link ApiClients#release(ApiClient)}), and so does a failure to
   * connect before the exception propagates. Give it a client nothing else uses, such as one from
   * {@link #client}.
   *
   * @throws IllegalStateException as {@link #connect}
   */
  public static KubeBackend connectOwned(KubeClient client, String driverName, String nodeName) {
    try {
      return connect(client, driverName, nodeName, true);
    } catch (RuntimeException | Error e) {
      client.release();
      throw e;
    }
  }

  /** {@link #connectOwned(KubeClient, String, String)} for a client-java client. */
  public static KubeBackend connectOwned(ApiClient client, String driverName, String nodeName) {
    return connectOwned(KubeClient.owning(client), driverName, nodeName);
  }

  private static KubeBackend connect(
      KubeClient given, String driverName, String nodeName, boolean ownsClient) {
    ResourceVersionTranslator translator = new ResourceVersionTranslator(driverName);
    KubeClient client = prepare(given, translator);
    try {
      JsonObject group = client.execute(client.get("/apis/resource.k8s.io/"));
      List<String> served = ResourceVersionTranslator.versionsOf(group);
      String version = ResourceVersionTranslator.choose(served, client.basePath(), driverName);
      translator.use(version);
      LOG.info(
          "driver {} uses resource.k8s.io/{} (the API server at {} serves {})",
          driverName,
          version,
          client.basePath(),
          served);
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        throw ResourceVersionTranslator.unsupported(List.of(), client.basePath(), driverName);
      }
      if (e.getCode() == 401 || e.getCode() == 403) {
        throw new IllegalStateException(
            "the API server at "
                + client.basePath()
                + " refused discovery of resource.k8s.io (HTTP "
                + e.getCode()
                + "): "
                + JsonInformer.statusMessage(e)
                + "; check the credentials of driver "
                + driverName);
      }
      LOG.warn(
          "cannot reach the API server at {} yet ({}); driver {} keeps retrying in the"
              + " background and picks the resource.k8s.io version once it answers",
          client.basePath(),
          JsonInformer.describe(e),
          driverName);
    }
    PermissionCheck.enforce(client, driverName, RuntimePermissions.of(nodeName));
    ServerVersions versions = ServerVersions.of(client);
    serverVersion(versions);
    return new KubeBackend(client, driverName, nodeName, translator, versions, ownsClient);
  }

  private static ServerVersion serverVersion(ServerVersions versions) {
    try {
      return versions.current();
    } catch (ApiException e) {
      return versions.lastKnown();
    }
  }

  /**
   * The Kubernetes version of the API server, read on first use and read again when the publisher
   * sees a sign that the server changed (see {@link ServerVersions}); {@link ServerVersion#UNKNOWN}
   * while it cannot be read.
   */
  public ServerVersion serverVersion() {
    return serverVersion(versions);
  }

  /**
   * Where the publisher puts counter sets on this server now: {@link CounterLayout#WITH_DEVICES} up
   * to Kubernetes 1.34, {@link CounterLayout#SEPARATE_SLICES} from 1.35 on and when the version is
   * unknown.
   */
  public CounterLayout counterLayout() {
    return serverVersion().counterLayout();
  }

  /**
   * The runtime's client over {@code client}: its HTTP client gains the watch timeout interceptor,
   * the version translator and an {@link ApiReachability}. Request bodies arrive compact already
   * ({@link ApiJson#toJson}); the translator may add empty objects a v1beta1 device needs.
   */
  static KubeClient prepare(KubeClient client, ResourceVersionTranslator translator) {
    OkHttpClient http =
        client
            .http()
            .newBuilder()
            .addInterceptor(ApiJson.interceptor())
            .addInterceptor(translator)
            .build();
    return ApiReachability.install(client.withHttp(http));
  }

  /**
   * The version of resource.k8s.io this backend talks to the API server ({@code v1}, {@code
   * v1beta2} or {@code v1beta1}), or empty while the server has not answered discovery yet. The
   * runtime's own code always sees v1 objects.
   */
  public Optional<String> resourceApiVersion() {
    return translator.served();
  }

  /** The client, prepared. */
  public KubeClient client() {
    return client;
  }

  /**
   * The ResourceSlice publisher of this driver on this node (created and started on first use). The
   * one place the runtime's publisher is built.
   */
  @Override
  public synchronized SlicePublisher publisher() {
    if (publisher == null) {
      ServerVersion version = serverVersion();
      LOG.info(
          "driver {} publishes for Kubernetes {} (counter sets: {}); it follows the server's"
              + " version when that changes",
          driverName,
          version,
          version.counterLayout());
      publisher =
          SlicePublisher.builder(client, driverName)
              .nodeName(nodeName)
              .serverVersions(versions)
              .build()
              .start();
    }
    return publisher;
  }

  /** The claim cache of this driver (created and started on first use). */
  @Override
  public synchronized ClaimCache claimLookup() {
    if (claims == null) {
      claims = ClaimCache.start(client, driverName);
    }
    return claims;
  }

  /** Writes this driver's entries in claims' {@code status.devices} (created on first use). */
  @Override
  public synchronized Optional<ClaimStatusPatcher> claimStatus() {
    if (statusPatcher == null) {
      statusPatcher = new ClaimStatusPatcher(client, driverName, Clock.systemUTC());
    }
    return Optional.of(statusPatcher);
  }

  /**
   * The Node's {@code status.allocatable}, read as JSON; empty when the Node does not exist.
   *
   * @throws io.dra4j.api.NodeUnreadableException when the Node cannot be read: at once when the
   *     server refuses (401, 403), else after {@value NodeAllocatable#ATTEMPTS} attempts with
   *     backoff
   */
  @Override
  public Map<String, Quantity> nodeAllocatable() {
    return new NodeAllocatable(client, nodeName, driverName, Duration.ofMillis(200)).read();
  }

  /**
   * Stops the publisher and the claim cache and waits for their threads; when the backend owns the
   * client ({@link #connectOwned}), releases its connections and threads too. Never deletes slices.
   */
  @Override
  public synchronized void close() {
    if (publisher != null) {
      publisher.close();
    }
    if (claims != null) {
      claims.close();
    }
    if (ownsClient) {
      client.release();
    }
  }
}
