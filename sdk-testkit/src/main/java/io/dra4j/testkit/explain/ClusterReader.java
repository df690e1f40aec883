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
package io.dra4j.testkit.explain;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.runtime.internal.kube.ApiClients;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.ResourceV1Api;
import io.kubernetes.client.util.Config;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import okhttp3.Call;

/**
 * Reads what {@code explain} needs from a cluster, as JSON, through a kubeconfig: one pod or
 * ResourceClaim, and all Nodes, ResourceSlices, DeviceClasses and ResourceClaims
 * (resource.k8s.io/v1). Every failure becomes a {@link ClusterReadException} that names the
 * request, the server and the fix. {@link #close()} releases the HTTP connections.
 */
final class ClusterReader implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 60_000;

  private final ApiClient client;
  private final Path kubeconfig;
  private final Optional<String> namespace;
  private final CoreV1Api core;
  private final ResourceV1Api resource;

  private ClusterReader(ApiClient client, Path kubeconfig, Optional<String> namespace) {
    this.client = client;
    this.kubeconfig = kubeconfig;
    this.namespace = namespace;
    this.core = new CoreV1Api(client);
    this.resource = new ResourceV1Api(client);
  }

  /** A reader for the cluster of the kubeconfig's current context. */
  static ClusterReader connect(Path kubeconfig) throws ClusterReadException {
    KubeConfig config;
    ApiClient client;
    try (Reader r = Files.newBufferedReader(kubeconfig)) {
      config = KubeConfig.loadKubeConfig(r);
      config.setFile(kubeconfig.toAbsolutePath().toFile());
      client = Config.fromConfig(config);
    } catch (IOException | RuntimeException e) {
      throw new ClusterReadException(
          "cannot use kubeconfig "
              + kubeconfig
              + ": "
              + e.getMessage()
              + "; fix the file (kubectl --kubeconfig "
              + kubeconfig
              + " get nodes should work) or pass another with --kubeconfig",
          e);
    }
    client.setConnectTimeout(CONNECT_TIMEOUT_MS);
    client.setReadTimeout(READ_TIMEOUT_MS);
    return new ClusterReader(
        client, kubeconfig, Optional.ofNullable(config.getNamespace()).filter(n -> !n.isBlank()));
  }

  /** The namespace of the kubeconfig's current context, if it sets one. */
  Optional<String> namespace() {
    return namespace;
  }

  /** The API server's URL. */
  String server() {
    return client.getBasePath();
  }

  /** One pod; empty when it does not exist. */
  Optional<JsonObject> pod(String ns, String name) throws ClusterReadException {
    return find("pod " + ns + "/" + name, () -> core.readNamespacedPod(name, ns).buildCall(null));
  }

  /** One ResourceClaim; empty when it does not exist. */
  Optional<JsonObject> claim(String ns, String name) throws ClusterReadException {
    return find(
        "ResourceClaim " + ns + "/" + name,
        () -> resource.readNamespacedResourceClaim(name, ns).buildCall(null));
  }

  List<JsonObject> nodes() throws ClusterReadException {
    return list("Nodes", () -> core.listNode().buildCall(null));
  }

  List<JsonObject> slices() throws ClusterReadException {
    return list("ResourceSlices", () -> resource.listResourceSlice().buildCall(null));
  }

  List<JsonObject> deviceClasses() throws ClusterReadException {
    return list("DeviceClasses", () -> resource.listDeviceClass().buildCall(null));
  }

  /** The ResourceClaims of all namespaces. */
  List<JsonObject> claims() throws ClusterReadException {
    return list(
        "ResourceClaims of all namespaces",
        () -> resource.listResourceClaimForAllNamespaces().buildCall(null));
  }

  @Override
  public void close() {
    ApiClients.release(client);
  }

  /** Builds the call of one request; building may throw like client-java's request builders. */
  @FunctionalInterface
  private interface Request {
    Call build() throws ApiException;
  }

  private Optional<JsonObject> find(String what, Request request) throws ClusterReadException {
    try {
      return Optional.of(execute(request));
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw failure("read " + what, e);
    }
  }

  private List<JsonObject> list(String what, Request request) throws ClusterReadException {
    try {
      return JsonFields.objects(execute(request), "items");
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        throw new ClusterReadException(
            "the API server at "
                + server()
                + " does not serve "
                + what
                + " (HTTP 404): explain reads resource.k8s.io/v1, which Kubernetes serves from"
                + " 1.34 on; upgrade the cluster or enable that API version");
      }
      throw failure("list " + what, e);
    }
  }

  private JsonObject execute(Request request) throws ApiException {
    return client.<JsonObject>execute(request.build(), JsonObject.class).getData();
  }

  private ClusterReadException failure(String what, ApiException e) {
    String who = "the API server at " + server();
    return switch (e.getCode()) {
      case 0 ->
          new ClusterReadException(
              "cannot reach "
                  + who
                  + " to "
                  + what
                  + " ("
                  + cause(e)
                  + "): check that the cluster is up and that kubeconfig "
                  + kubeconfig
                  + " names its address",
              e);
      case 401 ->
          new ClusterReadException(
              who
                  + " refused the credentials of kubeconfig "
                  + kubeconfig
                  + " to "
                  + what
                  + " (HTTP 401: "
                  + message(e)
                  + "): renew them, for example by logging in again",
              e);
      case 403 ->
          new ClusterReadException(
              "the user of kubeconfig "
                  + kubeconfig
                  + " may not "
                  + what
                  + " (HTTP 403: "
                  + message(e)
                  + "): explain needs get on pods and resourceclaims, and list on nodes,"
                  + " resourceslices, deviceclasses and resourceclaims in all namespaces",
              e);
      default ->
          new ClusterReadException(
              "cannot "
                  + what
                  + ": "
                  + who
                  + " answered HTTP "
                  + e.getCode()
                  + " ("
                  + message(e)
                  + "); retry, or check the API server's log",
              e);
    };
  }

  private static String cause(ApiException e) {
    Throwable c = e.getCause() == null ? e : e.getCause();
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }

  /** The {@code message} of the Status the server answered with, else the exception's. */
  private static String message(ApiException e) {
    String body = e.getResponseBody();
    if (body != null && !body.isBlank()) {
      try {
        String m = JsonFields.string(JsonParser.parseString(body).getAsJsonObject(), "message");
        if (!m.isEmpty()) {
          return m;
        }
      } catch (RuntimeException notStatus) {
        return body.strip();
      }
    }
    return String.valueOf(e.getMessage());
  }
}
