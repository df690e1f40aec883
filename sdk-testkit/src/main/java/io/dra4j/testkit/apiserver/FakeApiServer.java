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
package io.dra4j.testkit.apiserver;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.ResourceVersions;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An in-process Kubernetes API server for tests. It serves {@code resource.k8s.io/v1}
 * resourceslices, resourceclaims (with {@code /status}), resourceclaimtemplates and deviceclasses,
 * and core {@code v1} nodes, pods (with {@code /status}) and namespaces over real HTTP on
 * 127.0.0.1, with get/list/watch/create/update/patch/delete/deletecollection, a global
 * resourceVersion with conflicts, field and label selectors, and ResourceSlice validation with the
 * API's limits. Unchanged client-java code and kubectl talk to it. It can serve {@code
 * resource.k8s.io/v1beta2} or {@code v1beta1} instead of (or besides) v1, as Kubernetes 1.32 and
 * 1.33 do; see {@link #servedResourceVersions(List)}. Failures are injected through {@link
 * #faults()}; RBAC is emulated by {@link #authorization()} (which also answers
 * SelfSubjectAccessReviews); the requests it answered are in {@link #requests()}.
 *
 * <pre>{@code
 * try (FakeApiServer api = FakeApiServer.start()) {
 *   api.apply("apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n");
 *   ApiClient client = api.client();
 * }
 * }</pre>
 */
public final class FakeApiServer implements AutoCloseable {
  /** The versions of resource.k8s.io the server can serve; objects are stored as v1. */
  public static final List<String> RESOURCE_VERSIONS = ResourceVersions.SUPPORTED;

  private final ObjectStore store = new ObjectStore();
  private final Emulation emulation = new Emulation();
  private final Admission admission =
      new Admission(
          emulation,
          ns ->
              ns.isEmpty()
                  ? Optional.empty()
                  : store.get(ApiResource.byPlural("namespaces").orElseThrow(), "", ns),
          (r, o) ->
              ObjectStore.nameOf(o).isEmpty()
                  ? Optional.empty()
                  : store.get(
                      r, r.namespaced() ? ObjectStore.namespaceOf(o) : "", ObjectStore.nameOf(o)));
  private final RequestLog requests = new RequestLog();
  private final Listener listener;
  private final Faults faults;
  private final Authorization authorization = new Authorization();
  private final RestHandler handler;

  private FakeApiServer(int port) {
    listener = Listener.bind(port);
    faults = new Faults(store, listener);
    handler = new RestHandler(store, emulation, admission, faults, authorization, requests);
    listener.serve(handler);
  }

  /** Starts a server on an ephemeral port. */
  public static FakeApiServer start() {
    return start(0);
  }

  /**
   * Starts a server on the given port (0 for an ephemeral one).
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static FakeApiServer start(int port) {
    return new FakeApiServer(port);
  }

  /**
   * Chooses the versions of {@code resource.k8s.io} served from now on, in discovery order (the
   * first is the preferred version): any of {@link #RESOURCE_VERSIONS}, or none to serve the group
   * not at all. The default is {@code v1} only. Objects are stored once, as v1, and converted to
   * and from the version of each request; a request to a version not served gets 404, and a body
   * whose {@code apiVersion} differs from the URL's gets 400, as from kube-apiserver.
   *
   * @return this server
   * @throws IllegalArgumentException naming the supported versions when one is not supported
   */
  public FakeApiServer servedResourceVersions(List<String> versions) {
    emulation.resourceVersions(versions);
    return this;
  }

  /**
   * Emulates Kubernetes 1.{@code minor} from now on: {@code /version} reports it, and
   * ResourceSlices are validated with that release's counter rules. From 1.35 on (the default) a
   * slice carries devices or {@code sharedCounters}, never both; up to 1.34 a device may only
   * consume counter sets defined in its own slice, with at most 32 counters per slice across its
   * sets. From 1.36 on a device may carry list attributes while {@code DRAListTypeAttributes} is
   * on.
   *
   * @return this server
   * @throws IllegalArgumentException when {@code minor} is below 32 (no resource.k8s.io served)
   */
  public FakeApiServer emulateMinorVersion(int minor) {
    emulation.minor(minor);
    return this;
  }

  /**
   * Turns a feature gate on or off from now on. The server models {@code DRAListTypeAttributes}: on
   * (the default of this server, which serves every alpha DRA field of its release) a 1.36+ slice
   * may carry list attributes; off, a slice with one is refused. {@code DRAAdminAccess}: on, admin
   * access needs the namespace label; off, the field is dropped. And, as kube-apiserver drops the
   * fields of a gate that is off unless the stored object already uses them: {@code
   * DRADeviceTaints} (slice taints, request tolerations), {@code DRAConsumableCapacity} ({@code
   * allowMultipleAllocations}, request policies, capacity requests, {@code distinctAttribute}),
   * {@code DRADeviceBindingConditions} (binding conditions, {@code bindsToNode}) and {@code
   * DRAExtendedResource} (a DeviceClass's {@code extendedResourceName}); all on by default.
   *
   * @return this server
   * @throws IllegalArgumentException for any other gate
   */
  public FakeApiServer featureGate(String gate, boolean enabled) {
    emulation.featureGate(gate, enabled);
    return this;
  }

  /** The versions of {@code resource.k8s.io} served, preferred first. */
  public List<String> servedResourceVersions() {
    return emulation.resourceVersions();
  }

  /** The port it listens on (kept while {@link Outage#UNREACHABLE}). */
  public int port() {
    return listener.port();
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * A client-java client configured for this server. Each call returns a new client, with its own
   * connections; the caller releases them with {@link
   * io.dra4j.runtime.internal.kube.ApiClients#release(ApiClient)} (or hands the client to {@code
   * KubeBackend.connectOwned}).
   */
  public ApiClient client() {
    ApiClient c = new ApiClient();
    c.setBasePath(url());
    return c;
  }

  /** Writes a kubeconfig for this server (for kubectl or the driver's {@code --kubeconfig}). */
  public Path writeKubeconfig(Path file) {
    String yaml =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: fake\n"
            + "  cluster:\n"
            + "    server: "
            + url()
            + "\n"
            + "users:\n"
            + "- name: fake\n"
            + "  user:\n"
            + "    token: fake-token\n"
            + "contexts:\n"
            + "- name: fake\n"
            + "  context:\n"
            + "    cluster: fake\n"
            + "    user: fake\n"
            + "current-context: fake\n";
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("cannot write kubeconfig " + file, e);
    }
  }

  /** Fault injection: outages and failures of the next requests. */
  public Faults faults() {
    return faults;
  }

  /** What requests are allowed: everything, until a test denies some; see {@link Authorization}. */
  public Authorization authorization() {
    return authorization;
  }

  /** The requests answered so far, with counts by verb and resource. */
  public RequestLog requests() {
    return requests;
  }

  // ---- direct access to the stored objects ---------------------------------------------------

  /**
   * Creates or replaces the objects of a YAML (multi-document) or JSON text. Unlike a create over
   * HTTP, the {@code status} given is stored too, so tests can apply allocated claims. Objects are
   * validated as a create or update over HTTP would validate them; the objects before an invalid
   * one stay stored.
   *
   * @return the stored objects, with uid and resourceVersion
   * @throws IllegalArgumentException naming the object, the field and the rule when one is invalid,
   *     or when its kind is not served
   */
  public List<JsonObject> apply(String yamlOrJson) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject o : Manifests.parse(yamlOrJson)) {
      out.add(applyOne(o));
    }
    return out;
  }

  /**
   * Creates or replaces one object given as JSON, keeping its status.
   *
   * @throws IllegalArgumentException as {@link #apply(String)}
   */
  public JsonObject apply(JsonObject object) {
    return applyOne(object);
  }

  /**
   * Creates or replaces a client-java object (status kept), e.g. a {@code V1Node} or a {@code
   * ResourceV1ResourceClaim}. Missing {@code apiVersion} and {@code kind} are taken from the
   * model's class.
   *
   * @throws IllegalArgumentException as {@link #apply(String)}
   */
  public JsonObject apply(KubernetesObject model) {
    return applyOne(Manifests.fromModel(model));
  }

  private JsonObject applyOne(JsonObject given) {
    JsonObject o = Manifests.toV1(given);
    ApiResource r = Manifests.resourceOf(o);
    String ns = r.namespaced() ? ObjectStore.namespaceOf(o) : "";
    if (r.namespaced() && ns.isEmpty()) {
      ns = "default";
    }
    String name = ObjectStore.nameOf(o);
    JsonObject copy = o.deepCopy();
    ObjectStore.metadata(copy).remove("resourceVersion");
    try {
      if (r.namespaced()) {
        ObjectStore.metadata(copy).addProperty("namespace", ns);
      }
      admission.admit(r, copy);
      if (name.isEmpty() || store.get(r, ns, name).isEmpty()) {
        return store.create(r, ns, copy);
      }
      return store.update(r, ns, name, copy, false, false);
    } catch (ApiError e) {
      throw rejected("apply", e);
    }
  }

  /**
   * Reads an object.
   *
   * @param resource the plural, e.g. {@code resourceslices}
   * @param namespace the namespace; empty for cluster-scoped resources
   */
  public Optional<JsonObject> get(String resource, String namespace, String name) {
    return store.get(resource(resource), namespace, name);
  }

  /** All objects of a resource, in all namespaces, ordered by namespace and name. */
  public List<JsonObject> list(String resource) {
    return store.list(resource(resource), "", o -> true).items();
  }

  /** Deletes an object (and its dependents); returns whether it existed. */
  public boolean delete(String resource, String namespace, String name) {
    try {
      store.delete(resource(resource), namespace, name, "", "");
      return true;
    } catch (ApiError e) {
      return false;
    }
  }

  /**
   * Replaces a stored object as another client would (status included), validated as an update over
   * HTTP.
   *
   * @throws IllegalArgumentException when the object is invalid, missing, or carries a stale
   *     resourceVersion
   */
  public JsonObject update(String resource, JsonObject object) {
    ApiResource r = resource(resource);
    String ns = r.namespaced() ? ObjectStore.namespaceOf(object) : "";
    try {
      admission.admit(r, object);
      return store.update(r, ns, ObjectStore.nameOf(object), object, false, false);
    } catch (ApiError e) {
      throw rejected("update", e);
    }
  }

  private static IllegalArgumentException rejected(String action, ApiError e) {
    return new IllegalArgumentException(
        e.getMessage()
            + " (the fake API server rejects it on "
            + action
            + " as kube-apiserver does with "
            + e.code
            + " "
            + e.reason
            + "; fix the object)",
        e);
  }

  private static ApiResource resource(String plural) {
    return ApiResource.byPlural(plural)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the fake API server does not serve resource "
                        + plural
                        + "; use one of "
                        + ApiResource.ALL.stream().map(ApiResource::plural).toList()));
  }

  /**
   * Makes every resourceVersion before the current one too old to watch from, as etcd compaction
   * does: a watch from an older version gets {@code 410 Gone} ("too old resource version") and the
   * client has to list again. Open watches go on.
   */
  public void expireResourceVersions() {
    store.compact();
  }

  /**
   * Stops the server, ends open watches and closes every connection; its threads have ended when it
   * returns.
   */
  @Override
  public void close() {
    handler.close();
    listener.close();
  }
}
