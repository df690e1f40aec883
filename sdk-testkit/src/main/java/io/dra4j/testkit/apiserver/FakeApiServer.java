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

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dra4j.runtime.kube.ApiJson;
import io.dra4j.runtime.kube.ResourceVersions;
import io.dra4j.runtime.lifecycle.Shutdown;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * An in-process Kubernetes API server for tests. It serves {@code resource.k8s.io/v1}
 * resourceslices, resourceclaims (with {@code /status}), resourceclaimtemplates and deviceclasses,
 * and core {@code v1} nodes, pods (with {@code /status}) and namespaces over real HTTP on
 * 127.0.0.1, with get/list/watch/create/update/patch/delete/deletecollection, a global
 * resourceVersion with conflicts, field and label selectors, ResourceSlice validation with the
 * API's limits, and fault injection. Unchanged client-java code and kubectl talk to it. It can
 * serve {@code resource.k8s.io/v1beta2} or {@code v1beta1} instead of (or besides) v1, as
 * Kubernetes 1.32 and 1.33 do; see {@link #servedResourceVersions(List)}.
 *
 * <pre>{@code
 * try (FakeApiServer api = FakeApiServer.start()) {
 *   api.apply("apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n");
 *   ApiClient client = api.client();
 * }
 * }</pre>
 */
public final class FakeApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeApiServer.class);
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // the body waits for the client's delayed ACK, about 40 ms per request. The property is read
    // once, when the first server of the JVM starts; an explicit setting wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private record Fault(String verb, String resource, int code, AtomicInteger remaining) {}

  /** A request's target; {@code version} is the version in the URL (the store keeps v1). */
  private record Route(
      ApiResource resource, String version, String namespace, String name, String subresource) {}

  /** The versions of resource.k8s.io the server can serve; objects are stored as v1. */
  public static final List<String> RESOURCE_VERSIONS = ResourceVersions.SUPPORTED;

  private volatile HttpServer http;
  private final ExecutorService executor;
  private final int port;
  private final ObjectStore store = new ObjectStore();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<RequestRecord> log = new CopyOnWriteArrayList<>();
  private volatile boolean down;
  private volatile List<String> resourceVersions = List.of("v1");
  private volatile int minorVersion = 35;
  private volatile boolean closed;

  private FakeApiServer(int port) throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    AtomicInteger threads = new AtomicInteger();
    // Idle request threads end after a second, so that the thread count follows the open requests.
    executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            1,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "fake-apiserver-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    listen(http);
    this.port = http.getAddress().getPort();
  }

  private void listen(HttpServer server) {
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server on an ephemeral port. */
  public static FakeApiServer start() {
    return start(0);
  }

  /** Starts a server on the given port (0 for an ephemeral one). */
  public static FakeApiServer start(int port) {
    try {
      return new FakeApiServer(port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake API server on port " + port, e);
    }
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
    for (String v : versions) {
      if (!RESOURCE_VERSIONS.contains(v)) {
        throw new IllegalArgumentException(
            "the fake API server cannot serve resource.k8s.io/"
                + v
                + "; choose among "
                + RESOURCE_VERSIONS);
      }
    }
    resourceVersions = List.copyOf(new java.util.LinkedHashSet<>(versions));
    return this;
  }

  /**
   * Emulates Kubernetes 1.{@code minor} from now on: {@code /version} reports it, and
   * ResourceSlices are validated with that release's counter rules. From 1.35 on (the default) a
   * slice carries devices or {@code sharedCounters}, never both; up to 1.34 a device may only
   * consume counter sets defined in its own slice, with at most 32 counters per slice across its
   * sets.
   *
   * @return this server
   * @throws IllegalArgumentException when {@code minor} is below 32 (no resource.k8s.io served)
   */
  public FakeApiServer emulateMinorVersion(int minor) {
    if (minor < 32) {
      throw new IllegalArgumentException(
          "the fake API server emulates Kubernetes 1.32 or later, not 1." + minor);
    }
    minorVersion = minor;
    return this;
  }

  /** The versions of {@code resource.k8s.io} served, preferred first. */
  public List<String> servedResourceVersions() {
    return resourceVersions;
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * A client-java client configured for this server. Each call returns a new client, with its own
   * connections; the caller releases them with {@link
   * io.dra4j.runtime.kube.ApiClients#release(ApiClient)} (or hands the client to {@code
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

  // ---- typed helpers -------------------------------------------------------------------------

  /**
   * Creates or replaces the objects of a YAML (multi-document) or JSON text. Unlike a create over
   * HTTP, the {@code status} given is stored too, so tests can apply allocated claims.
   *
   * @return the stored objects, with uid and resourceVersion
   */
  public List<JsonObject> apply(String yamlOrJson) {
    List<JsonObject> out = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(yamlOrJson)) {
      if (doc == null) {
        continue;
      }
      JsonObject o = GSON.toJsonTree(doc).getAsJsonObject();
      String kind = ObjectStore.str(o, "kind");
      if (kind.endsWith("List") && o.has("items")) {
        for (JsonElement item : o.getAsJsonArray("items")) {
          out.add(applyOne(item.getAsJsonObject()));
        }
      } else {
        out.add(applyOne(o));
      }
    }
    return out;
  }

  /** Creates or replaces one object given as JSON, keeping its status. */
  public JsonObject apply(JsonObject object) {
    return applyOne(object);
  }

  /**
   * Creates or replaces a client-java object (status kept), e.g. a {@code V1Node} or a {@code
   * ResourceV1ResourceClaim}. Missing {@code apiVersion} and {@code kind} are taken from the
   * model's class.
   */
  public JsonObject apply(KubernetesObject model) {
    JsonObject o = ApiJson.toJson(model);
    if (!o.has("kind")) {
      String kind = model.getClass().getSimpleName().replaceFirst("^(ResourceV1|CoreV1|V1)", "");
      ApiResource r =
          ApiResource.ALL.stream()
              .filter(x -> x.kind().equals(kind))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the fake API server does not serve "
                              + model.getClass().getSimpleName()));
      o.addProperty("kind", r.kind());
      o.addProperty("apiVersion", r.apiVersion());
    }
    return applyOne(o);
  }

  private JsonObject applyOne(JsonObject given) {
    JsonObject o = given;
    String givenVersion = ObjectStore.str(o, "apiVersion");
    if (givenVersion.startsWith(ApiResource.RESOURCE_GROUP + "/")) {
      String version = givenVersion.substring(ApiResource.RESOURCE_GROUP.length() + 1);
      String plural =
          ApiResource.byKind(givenVersion, ObjectStore.str(o, "kind"))
              .map(ApiResource::plural)
              .orElse("");
      o = ResourceVersions.toV1(o.deepCopy(), version, plural);
      o.addProperty("apiVersion", ApiResource.RESOURCE_GROUP + "/v1");
    }
    String apiVersion = ObjectStore.str(o, "apiVersion");
    String kind = ObjectStore.str(o, "kind");
    ApiResource r =
        ApiResource.byKind(apiVersion, kind)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the fake API server does not serve "
                            + apiVersion
                            + " "
                            + kind
                            + ": use one of "
                            + ApiResource.ALL.stream()
                                .map(x -> x.apiVersion() + " " + x.kind())
                                .toList()));
    String ns = r.namespaced() ? ObjectStore.namespaceOf(o) : "";
    if (r.namespaced() && ns.isEmpty()) {
      ns = "default";
    }
    String name = ObjectStore.nameOf(o);
    if (r.plural().equals("resourceslices")) {
      List<ApiError.Cause> causes = ResourceSliceValidator.validate(o, minorVersion);
      if (!causes.isEmpty()) {
        throw new IllegalArgumentException(ApiError.invalid(r, name, causes).getMessage());
      }
    }
    Optional<JsonObject> existing = name.isEmpty() ? Optional.empty() : store.get(r, ns, name);
    JsonObject copy = o.deepCopy();
    ObjectStore.metadata(copy).remove("resourceVersion");
    if (existing.isEmpty()) {
      return store.create(r, ns, copy);
    }
    return store.update(r, ns, name, copy, false, false);
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

  /** Replaces a stored object as another client would (status included). */
  public JsonObject update(String resource, JsonObject object) {
    ApiResource r = resource(resource);
    String ns = r.namespaced() ? ObjectStore.namespaceOf(object) : "";
    return store.update(r, ns, ObjectStore.nameOf(object), object, false, false);
  }

  private static ApiResource resource(String plural) {
    return ApiResource.byPlural(plural)
        .orElseThrow(() -> new IllegalArgumentException("unknown resource " + plural));
  }

  // ---- fault injection and observation -------------------------------------------------------

  /**
   * Makes the next {@code count} requests with this verb on this resource fail with the given HTTP
   * status (a proper {@code Status} body). {@code "*"} matches any verb or resource.
   */
  public void failNext(String verb, String resource, int code, int count) {
    faults.add(new Fault(verb, resource, code, new AtomicInteger(count)));
  }

  /** Drops all pending injected faults. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * While down, every request gets 503 Service Unavailable and open watches are closed; nothing
   * stored is lost.
   */
  public void setDown(boolean down) {
    this.down = down;
    if (down) {
      store.closeWatches();
    }
  }

  /**
   * While unreachable, the listening socket is closed: clients get "connection refused" and open
   * watches break. Reachable again, it listens on the same port; nothing stored is lost.
   */
  public synchronized void setReachable(boolean reachable) {
    boolean listening = http != null;
    if (!reachable && listening) {
      store.closeWatches();
      http.stop(0);
      http = null;
    } else if (reachable && !listening) {
      IOException last = null;
      for (int attempt = 0; attempt < 50; attempt++) {
        try {
          HttpServer server =
              HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
          listen(server);
          http = server;
          return;
        } catch (IOException e) {
          last = e;
          try {
            Thread.sleep(100);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      throw new IllegalStateException("cannot listen on port " + port + " again", last);
    }
  }

  /** Every request answered so far, oldest first. */
  public List<RequestRecord> requestLog() {
    return List.copyOf(log);
  }

  /** How many requests with this verb on this resource were answered (any outcome). */
  public int count(String verb, String resource) {
    int n = 0;
    for (RequestRecord r : log) {
      if (r.verb().equals(verb) && r.resource().equals(resource)) {
        n++;
      }
    }
    return n;
  }

  /** How many write requests (create, update, patch, delete, deletecollection) were answered. */
  public int writeCount(String resource) {
    int n = 0;
    for (RequestRecord r : log) {
      if (r.isWrite() && r.resource().equals(resource)) {
        n++;
      }
    }
    return n;
  }

  /** Forgets the request log (counters restart at zero). */
  public void clearRequestLog() {
    log.clear();
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
    closed = true;
    store.closeWatches();
    HttpServer server = http;
    if (server != null) {
      server.stop(0);
    }
    if (!Shutdown.executor(executor, Duration.ofSeconds(5))) {
      LOG.warn("request threads of the fake API server on port {} still run after 5 s", port);
    }
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private void handle(HttpExchange ex) {
    String verb = "discovery";
    Route route = null;
    int code = 500;
    try {
      String path = ex.getRequestURI().getRawPath();
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      if (down) {
        throw new ApiError(
            503, "ServiceUnavailable", "the server is currently unable to handle" + " the request");
      }
      Optional<JsonObject> discovery = Discovery.answer(path, resourceVersions, minorVersion);
      if (discovery.isPresent()) {
        discoveryFault();
        code = send(ex, 200, discovery.get());
        return;
      }
      route = route(path, resourceVersions);
      verb = verb(ex.getRequestMethod(), route, query);
      pending.set(new Pending(verb, route, query.getOrDefault("resourceVersion", "")));
      injectFault(verb, route);
      code = dispatch(ex, verb, route, query);
    } catch (IOException e) {
      LOG.debug("fake API server: client went away from {}", ex.getRequestURI(), e);
    } catch (ApiError e) {
      code = sendQuietly(ex, e.code, e.toStatus());
    } catch (RuntimeException e) {
      LOG.warn("fake API server failed a request to {}", ex.getRequestURI(), e);
      code = sendQuietly(ex, 500, new ApiError(500, "InternalError", String.valueOf(e)).toStatus());
    } finally {
      logRequest(ex, code);
      pending.remove();
      ex.close();
    }
  }

  /** The request the current handler thread is answering, until it is logged. */
  private final ThreadLocal<Pending> pending = new ThreadLocal<>();

  /** What a request was, until it is logged (just before its response is sent). */
  private record Pending(String verb, Route route, String resourceVersion) {}

  /** Logs the request once, before the client can see the response. */
  private void logRequest(HttpExchange ex, int code) {
    Pending p = pending.get();
    if (p != null) {
      pending.remove();
      Route route = p.route();
      log.add(
          new RequestRecord(
              p.verb(),
              route.resource.plural() + (route.subresource.isEmpty() ? "" : "/status"),
              route.namespace,
              route.name,
              code,
              p.resourceVersion()));
    }
  }

  private void injectFault(String verb, Route route) {
    String resource =
        route.resource.plural() + (route.subresource.isEmpty() ? "" : "/" + route.subresource);
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      boolean verbOk = f.verb.equals("*") || f.verb.equals(verb);
      boolean resOk =
          f.resource.equals("*")
              || f.resource.equals(resource)
              || f.resource.equals(route.resource.plural());
      if (verbOk && resOk && f.remaining.getAndDecrement() > 0) {
        throw injected(f.code, verb, route);
      }
    }
    faults.removeIf(f -> f.remaining.get() <= 0);
  }

  /** Faults registered for verb {@code get} (or *) on resource {@code discovery}. */
  private void discoveryFault() {
    for (Fault f : faults) {
      boolean match =
          (f.verb.equals("*") || f.verb.equals("get")) && f.resource.equals("discovery");
      if (match && f.remaining.getAndDecrement() > 0) {
        throw new ApiError(
            f.code,
            f.code == 403 ? "Forbidden" : "InternalError",
            f.code == 403
                ? "forbidden: User \"system:anonymous\" cannot get path \"/apis\""
                : "an injected error occurred (" + f.code + ")");
      }
    }
    faults.removeIf(f -> f.remaining.get() <= 0);
  }

  private static ApiError injected(int code, String verb, Route route) {
    ApiResource r = route.resource;
    String qualified = r.group().isEmpty() ? r.plural() : r.plural() + "." + r.group();
    return switch (code) {
      case 403 ->
          new ApiError(
              403,
              "Forbidden",
              qualified
                  + (route.name.isEmpty() ? "" : " \"" + route.name + "\"")
                  + " is forbidden: User \"system:serviceaccount:dra:driver\" cannot "
                  + verb
                  + " resource \""
                  + r.plural()
                  + "\" in API group \""
                  + r.group()
                  + "\""
                  + (route.namespace.isEmpty()
                      ? " at the cluster scope"
                      : " in the namespace \"" + route.namespace + "\""),
              r,
              route.name,
              List.of());
      case 409 ->
          ApiError.conflict(
              r,
              route.name,
              "the object has been modified; please apply your changes to the latest version and try"
                  + " again");
      case 404 -> ApiError.notFound(r, route.name);
      case 429 -> new ApiError(429, "TooManyRequests", "too many requests, please try again");
      case 503 ->
          new ApiError(
              503,
              "ServiceUnavailable",
              "the server is currently unable to" + " handle the request");
      default -> new ApiError(code, "InternalError", "an injected error occurred (" + code + ")");
    };
  }

  private static Route route(String path, List<String> resourceVersions) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    String group;
    String version;
    int i;
    if (parts.length >= 2 && parts[0].equals("api")) {
      group = "";
      version = parts[1];
      i = 2;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      version = parts[2];
      i = 3;
    } else {
      throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    }
    String namespace = "";
    if (parts.length - i >= 3 && parts[i].equals("namespaces")) {
      namespace = decode(parts[i + 1]);
      i += 2;
    }
    if (i >= parts.length) {
      throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    }
    String plural = parts[i];
    boolean resourceGroup = group.equals(ApiResource.RESOURCE_GROUP);
    if (resourceGroup && !resourceVersions.contains(version)) {
      throw new ApiError(
          404,
          "NotFound",
          "the server could not find the requested resource (" + group + "/" + version + ")");
    }
    ApiResource r =
        ApiResource.find(group, resourceGroup ? "v1" : version, plural)
            .orElseThrow(
                () ->
                    new ApiError(
                        404,
                        "NotFound",
                        "the server could not find the requested resource ("
                            + plural
                            + " in "
                            + (group.isEmpty() ? version : group + "/" + version)
                            + ")"));
    String name = parts.length > i + 1 ? decode(parts[i + 1]) : "";
    String sub = parts.length > i + 2 ? parts[i + 2] : "";
    if (!sub.isEmpty() && !(sub.equals("status") && r.hasStatus())) {
      throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    }
    if (!r.namespaced() && !namespace.isEmpty()) {
      throw new ApiError(404, "NotFound", r.plural() + " are not namespaced");
    }
    return new Route(r, version, namespace, name, sub);
  }

  private static String verb(String method, Route route, Map<String, String> query) {
    boolean named = !route.name.isEmpty();
    switch (method) {
      case "GET":
        if (named) {
          return "get";
        }
        String w = query.getOrDefault("watch", "");
        return w.equals("true") || w.equals("1") ? "watch" : "list";
      case "POST":
        return "create";
      case "PUT":
        return "update";
      case "PATCH":
        return "patch";
      case "DELETE":
        return named ? "delete" : "deletecollection";
      default:
        throw new ApiError(405, "MethodNotAllowed", "method " + method + " is not supported");
    }
  }

  private int dispatch(HttpExchange ex, String verb, Route route, Map<String, String> query)
      throws IOException {
    ApiResource r = route.resource;
    Predicate<JsonObject> filter =
        Selectors.fields(query.get("fieldSelector"))
            .and(Selectors.labels(query.get("labelSelector")));
    switch (verb) {
      case "get":
        return send(
            ex,
            200,
            wire(
                route,
                store
                    .get(r, route.namespace, route.name)
                    .orElseThrow(() -> ApiError.notFound(r, route.name))));
      case "list":
        return send(ex, 200, listOf(route, store.list(r, route.namespace, filter)));
      case "watch":
        return watch(ex, route, filter, query);
      case "create":
        {
          JsonObject body = body(ex);
          checkApiVersion(route, body);
          body = stored(route, body);
          checkNamespace(route, body);
          if (r.hasStatus()) {
            body.remove("status");
          }
          validate(r, body);
          return send(ex, 201, wire(route, store.create(r, route.namespace, body)));
        }
      case "update":
        {
          JsonObject body = body(ex);
          checkApiVersion(route, body);
          body = stored(route, body);
          checkName(route, body);
          return send(ex, 200, wire(route, update(route, body)));
        }
      case "patch":
        {
          String type =
              Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
          if (type.contains("json-patch") || type.contains("apply-patch")) {
            throw new ApiError(
                415,
                "UnsupportedMediaType",
                "the fake API server supports merge and strategic merge patches only, not " + type);
          }
          JsonElement patch = JsonParser.parseString(readBody(ex));
          JsonObject current =
              store
                  .get(r, route.namespace, route.name)
                  .orElseThrow(() -> ApiError.notFound(r, route.name));
          JsonObject merged =
              stored(route, mergePatch(wire(route, current), patch).getAsJsonObject());
          return send(ex, 200, wire(route, update(route, merged)));
        }
      case "delete":
        {
          String uid = "";
          String rv = "";
          String text = readBody(ex);
          if (!text.isBlank()) {
            JsonObject opts = JsonParser.parseString(text).getAsJsonObject();
            JsonObject pre = opts.getAsJsonObject("preconditions");
            uid = ObjectStore.str(pre, "uid");
            rv = ObjectStore.str(pre, "resourceVersion");
          }
          JsonObject gone = store.delete(r, route.namespace, route.name, uid, rv);
          if (r.group().isEmpty()) {
            JsonObject status = new JsonObject();
            status.addProperty("kind", "Status");
            status.addProperty("apiVersion", "v1");
            status.add("metadata", new JsonObject());
            status.addProperty("status", "Success");
            JsonObject details = new JsonObject();
            details.addProperty("name", route.name);
            details.addProperty("kind", r.plural());
            details.addProperty("uid", ObjectStore.str(gone.getAsJsonObject("metadata"), "uid"));
            status.add("details", details);
            return send(ex, 200, status);
          }
          return send(ex, 200, wire(route, gone));
        }
      case "deletecollection":
        {
          ObjectStore.ListResult items = store.list(r, route.namespace, filter);
          List<JsonObject> deleted = new ArrayList<>();
          for (JsonObject o : items.items()) {
            try {
              deleted.add(
                  store.delete(r, ObjectStore.namespaceOf(o), ObjectStore.nameOf(o), "", ""));
            } catch (ApiError e) {
              // Deleted concurrently: fine.
            }
          }
          return send(
              ex,
              200,
              listOf(route, new ObjectStore.ListResult(store.currentResourceVersion(), deleted)));
        }
      default:
        throw new ApiError(405, "MethodNotAllowed", verb + " is not supported");
    }
  }

  private JsonObject update(Route route, JsonObject body) {
    ApiResource r = route.resource;
    boolean statusOnly = route.subresource.equals("status");
    if (!statusOnly) {
      validate(r, body);
    }
    return store.update(
        r, route.namespace, route.name, body, statusOnly, r.hasStatus() && !statusOnly);
  }

  private void validate(ApiResource r, JsonObject body) {
    if (r.plural().equals("resourceslices")) {
      List<ApiError.Cause> causes = ResourceSliceValidator.validate(body, minorVersion);
      if (!causes.isEmpty()) {
        throw ApiError.invalid(r, ObjectStore.nameOf(body), causes);
      }
    }
  }

  /** The object as read through the route's version (a copy when it differs from v1). */
  private static JsonObject wire(Route route, JsonObject stored) {
    ApiResource r = route.resource;
    if (route.version.equals(r.version())) {
      return stored;
    }
    return ResourceVersions.toServed(stored.deepCopy(), route.version, r.plural());
  }

  /** A request body in the route's version, as stored (v1). */
  private static JsonObject stored(Route route, JsonObject wire) {
    ApiResource r = route.resource;
    if (route.version.equals(r.version())) {
      return wire;
    }
    return ResourceVersions.toV1(wire, route.version, r.plural());
  }

  private static void checkApiVersion(Route route, JsonObject body) {
    String sent = ObjectStore.str(body, "apiVersion");
    ApiResource r = route.resource;
    String expected = r.group().isEmpty() ? route.version : r.group() + "/" + route.version;
    if (!sent.isEmpty() && !sent.equals(expected)) {
      throw ApiError.badRequest(
          "the API version in the data ("
              + sent
              + ") does not match the expected API version ("
              + expected
              + ")");
    }
  }

  private static void checkNamespace(Route route, JsonObject body) {
    String ns = ObjectStore.namespaceOf(body);
    if (route.resource.namespaced() && !ns.isEmpty() && !ns.equals(route.namespace)) {
      throw ApiError.badRequest(
          "the namespace of the provided object ("
              + ns
              + ") does not match the namespace sent"
              + " on the request ("
              + route.namespace
              + ")");
    }
  }

  private static void checkName(Route route, JsonObject body) {
    String name = ObjectStore.nameOf(body);
    if (!name.isEmpty() && !name.equals(route.name)) {
      throw ApiError.badRequest(
          "the name of the object ("
              + name
              + ") does not match the name on the URL ("
              + route.name
              + ")");
    }
    ObjectStore.metadata(body).addProperty("name", route.name);
  }

  static JsonElement mergePatch(JsonElement target, JsonElement patch) {
    if (!patch.isJsonObject()) {
      return patch.deepCopy();
    }
    JsonObject result =
        target != null && target.isJsonObject()
            ? target.getAsJsonObject().deepCopy()
            : new JsonObject();
    for (Map.Entry<String, JsonElement> e : patch.getAsJsonObject().entrySet()) {
      if (e.getValue().isJsonNull()) {
        result.remove(e.getKey());
      } else {
        result.add(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  private int watch(
      HttpExchange ex, Route route, Predicate<JsonObject> filter, Map<String, String> query)
      throws IOException {
    ApiResource r = route.resource;
    String namespace = route.namespace;
    long from = parseLong(query.getOrDefault("resourceVersion", "0"));
    long timeoutSeconds = parseLong(query.getOrDefault("timeoutSeconds", "0"));
    long deadline =
        timeoutSeconds > 0
            ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds)
            : Long.MAX_VALUE;
    ObjectStore.Watcher w = store.watch(r, namespace, filter, from);
    IdleBookmarks bookmarks =
        new IdleBookmarks(
            store,
            w,
            r.kind(),
            r.group().isEmpty() ? route.version : r.group() + "/" + route.version,
            Boolean.parseBoolean(query.get("allowWatchBookmarks")));
    ex.getResponseHeaders().set("Content-Type", "application/json");
    logRequest(ex, 200);
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      out.flush();
      while (!w.closed && !closed && System.nanoTime() < deadline) {
        ObjectStore.Event e;
        try {
          e = w.queue.poll(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
        if (e == null) {
          bookmarks.idle(out);
          continue;
        }
        JsonObject line = new JsonObject();
        line.addProperty("type", e.type());
        line.add("object", wire(route, e.object()));
        out.write((GSON.toJson(line) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        bookmarks.sent();
      }
    } catch (IOException gone) {
      // The client went away.
    } finally {
      store.unwatch(w);
    }
    return 200;
  }

  private static JsonObject listOf(Route route, ObjectStore.ListResult result) {
    ApiResource r = route.resource;
    JsonObject list = new JsonObject();
    list.addProperty("kind", r.kind() + "List");
    list.addProperty(
        "apiVersion", r.group().isEmpty() ? route.version : r.group() + "/" + route.version);
    JsonObject meta = new JsonObject();
    meta.addProperty("resourceVersion", String.valueOf(result.resourceVersion()));
    list.add("metadata", meta);
    JsonArray items = new JsonArray();
    result.items().forEach(o -> items.add(wire(route, o)));
    list.add("items", items);
    return list;
  }

  private static JsonObject body(HttpExchange ex) throws IOException {
    String text = readBody(ex);
    try {
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        throw ApiError.badRequest("the request body must be a JSON object");
      }
      return e.getAsJsonObject();
    } catch (com.google.gson.JsonParseException e) {
      throw ApiError.badRequest("the request body is not valid JSON: " + e.getMessage());
    }
  }

  private static String readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private int send(HttpExchange ex, int code, JsonObject body) throws IOException {
    byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
    logRequest(ex, code);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    return code;
  }

  private int sendQuietly(HttpExchange ex, int code, JsonObject body) {
    try {
      return send(ex, code, body);
    } catch (IOException | RuntimeException e) {
      return code;
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        out.put(decode(pair), "");
      } else {
        out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static long parseLong(String s) {
    try {
      return s.isEmpty() ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("not a number: " + s);
    }
  }
}
