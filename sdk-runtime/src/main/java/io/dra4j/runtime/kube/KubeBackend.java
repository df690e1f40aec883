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
package io.dra4j.runtime.kube;

import io.dra4j.api.device.Quantity;
import io.dra4j.runtime.claims.ClaimCache;
import io.dra4j.runtime.slices.SlicePublisher;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.ResourceV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's connection to the Kubernetes API for one driver on one node: it checks that {@code
 * resource.k8s.io/v1} is served (Kubernetes 1.34 or newer), makes the client send only the JSON the
 * API validates, and hands out the ResourceSlice publisher and the claim cache.
 *
 * <pre>{@code
 * KubeBackend kube = KubeBackend.connect(KubeBackend.client(Optional.empty()), driver, node);
 * kube.publisher().publish(resources);
 * AllocatedClaim claim = kube.claimLookup().lookup(ref);
 * }</pre>
 */
public final class KubeBackend implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeBackend.class);
  static final Path SERVICE_ACCOUNT_TOKEN =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  private final ApiClient client;
  private final String driverName;
  private final String nodeName;
  private SlicePublisher publisher;
  private ClaimCache claims;

  private KubeBackend(ApiClient client, String driverName, String nodeName) {
    this.client = client;
    this.driverName = driverName;
    this.nodeName = nodeName;
  }

  /**
   * A client from, in this order: the given kubeconfig file; the in-cluster service account; the
   * first file of {@code $KUBECONFIG}; {@code ~/.kube/config}.
   *
   * @throws IllegalStateException naming every place tried when none works
   */
  public static ApiClient client(Optional<Path> kubeconfig) {
    List<String> tried = new ArrayList<>();
    if (kubeconfig.isPresent()) {
      return fromKubeconfig(kubeconfig.get(), "--kubeconfig");
    }
    tried.add("--kubeconfig (not given)");
    String host = System.getenv("KUBERNETES_SERVICE_HOST");
    if (host != null && Files.isReadable(SERVICE_ACCOUNT_TOKEN)) {
      try {
        return ClientBuilder.cluster().build();
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot use the in-cluster service account ("
                + SERVICE_ACCOUNT_TOKEN
                + "): "
                + e.getMessage(),
            e);
      }
    }
    tried.add(
        "in-cluster service account ("
            + (host == null ? "KUBERNETES_SERVICE_HOST unset" : SERVICE_ACCOUNT_TOKEN + " missing")
            + ")");
    String env = System.getenv("KUBECONFIG");
    if (env != null && !env.isBlank()) {
      Path first = Path.of(env.split(java.io.File.pathSeparator)[0]);
      if (Files.isReadable(first)) {
        return fromKubeconfig(first, "$KUBECONFIG");
      }
      tried.add("$KUBECONFIG (" + first + " not readable)");
    } else {
      tried.add("$KUBECONFIG (unset)");
    }
    Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
    if (Files.isReadable(home)) {
      return fromKubeconfig(home, "~/.kube/config");
    }
    tried.add(home + " (missing)");
    throw new IllegalStateException(
        "no Kubernetes API configuration found; tried "
            + String.join(", ", tried)
            + ". Run the driver in a pod with a service account, or pass --kubeconfig <file>.");
  }

  private static ApiClient fromKubeconfig(Path file, String source) {
    try (Reader r = Files.newBufferedReader(file)) {
      KubeConfig config = KubeConfig.loadKubeConfig(r);
      config.setFile(file.toFile());
      return ClientBuilder.kubeconfig(config).build();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot use kubeconfig " + file + " (from " + source + "): " + e.getMessage(), e);
    }
  }

  /**
   * Prepares a client for the runtime and checks that the cluster serves resource.k8s.io/v1. The
   * client is changed in place: its HTTP client gains an interceptor that removes empty collections
   * from request bodies and lifts the read timeout of watches.
   *
   * @throws IllegalStateException when resource.k8s.io/v1 is not served (Kubernetes older than
   *     1.34) or RBAC forbids reading it
   */
  public static KubeBackend connect(ApiClient client, String driverName, String nodeName) {
    prepare(client);
    try {
      new ResourceV1Api(client).getAPIResources().execute();
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        throw new IllegalStateException(
            "the API server at "
                + client.getBasePath()
                + " does not serve resource.k8s.io/v1: driver "
                + driverName
                + " needs Kubernetes 1.34 or newer (resource.k8s.io/v1beta1 and v1beta2 are not"
                + " supported)");
      }
      if (e.getCode() == 401 || e.getCode() == 403) {
        throw new IllegalStateException(
            "the API server at "
                + client.getBasePath()
                + " refused discovery of resource.k8s.io/v1 (HTTP "
                + e.getCode()
                + "): "
                + JsonInformer.statusMessage(e)
                + "; check the credentials of driver "
                + driverName);
      }
      LOG.warn(
          "cannot reach the API server at {} yet ({}); driver {} keeps retrying in the"
              + " background",
          client.getBasePath(),
          JsonInformer.describe(e),
          driverName);
    }
    return new KubeBackend(client, driverName, nodeName);
  }

  /** Installs the JSON compaction and watch timeout interceptor once. */
  static void prepare(ApiClient client) {
    boolean installed =
        client.getHttpClient().interceptors().stream()
            .anyMatch(i -> i.getClass().getEnclosingClass() == ApiJson.class);
    if (!installed) {
      client.setHttpClient(
          client.getHttpClient().newBuilder().addInterceptor(ApiJson.interceptor()).build());
    }
    client.setLenientOnJson(true);
  }

  /** The client, prepared. */
  public ApiClient apiClient() {
    return client;
  }

  /** The ResourceSlice publisher of this driver on this node (created on first use). */
  public synchronized SlicePublisher publisher() {
    if (publisher == null) {
      publisher = SlicePublisher.builder(client, driverName).nodeName(nodeName).build();
    }
    return publisher;
  }

  /** The claim cache of this driver (created and started on first use). */
  public synchronized ClaimCache claimLookup() {
    if (claims == null) {
      claims = ClaimCache.start(client, driverName);
    }
    return claims;
  }

  /**
   * The Node's {@code status.allocatable}, or an empty map when the Node does not exist (or cannot
   * be read; the reason is logged).
   */
  public Map<String, Quantity> nodeAllocatable() {
    try {
      V1Node node = new CoreV1Api(client).readNode(nodeName).execute();
      Map<String, Quantity> out = new TreeMap<>();
      if (node.getStatus() != null && node.getStatus().getAllocatable() != null) {
        node.getStatus()
            .getAllocatable()
            .forEach((k, v) -> out.put(k, Quantity.parse(v.getNumber().toPlainString())));
      }
      return out;
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        LOG.warn(
            "cannot read Node {} for driver {}: {}",
            nodeName,
            driverName,
            JsonInformer.describe(e));
      }
      return Map.of();
    }
  }

  /** Stops the publisher and the claim cache; never deletes slices. */
  @Override
  public synchronized void close() {
    if (publisher != null) {
      publisher.close();
    }
    if (claims != null) {
      claims.close();
    }
  }
}
