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

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.kubernetes.client.Discovery;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import io.kubernetes.client.openapi.models.V1APIResource;
import io.kubernetes.client.openapi.models.V1APIResourceList;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Any Kubernetes object as JSON, through one client: create from YAML or JSON manifests, get, list,
 * watch, delete. Resources are found through API discovery, so objects of every served group work,
 * and responses are read as plain JSON, so fields newer than the client's models are kept.
 */
public final class KubeObjects {
  private static final Logger LOG = LoggerFactory.getLogger(KubeObjects.class);
  private static final Gson GSON = new Gson();
  private static final String[] AUTH = {"BearerToken"};

  private final ApiClient client;
  private final Map<String, Discovery.APIResource> resources = new ConcurrentHashMap<>();

  private KubeObjects(ApiClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Objects read and written with {@code client}'s credentials. */
  public static KubeObjects of(ApiClient client) {
    return new KubeObjects(client);
  }

  /** Parses YAML (one or more {@code ---} separated documents, or JSON) into objects. */
  public static List<JsonObject> parse(String manifests) {
    List<JsonObject> objects = new ArrayList<>();
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    for (Object doc : yaml.loadAll(manifests)) {
      if (doc == null) {
        continue;
      }
      JsonElement json = GSON.toJsonTree(doc);
      if (!json.isJsonObject() || !json.getAsJsonObject().has("kind")) {
        throw new IllegalArgumentException(
            "manifest document is not a Kubernetes object (no 'kind'): " + abbreviate(json));
      }
      objects.add(json.getAsJsonObject());
    }
    return objects;
  }

  /** Creates every object of {@code manifests} in order and returns them as stored. */
  public List<JsonObject> apply(String manifests) {
    List<JsonObject> created = new ArrayList<>();
    for (JsonObject object : parse(manifests)) {
      created.add(create(object));
    }
    return created;
  }

  /** Creates {@code object} and returns it as stored. */
  public JsonObject create(JsonObject object) {
    String path = collectionPath(object);
    return call("POST", path, List.of(), object, "create " + describe(object));
  }

  /**
   * Replaces {@code object} (PUT); its {@code metadata.resourceVersion} makes the write
   * conditional, so a stale copy fails with 409 Conflict.
   */
  public JsonObject replace(JsonObject object) {
    return call("PUT", objectPath(object), List.of(), object, "replace " + describe(object));
  }

  /** Replaces the status of {@code object} (its {@code status} subresource). */
  public JsonObject replaceStatus(JsonObject object) {
    String path = objectPath(object) + "/status";
    return call("PUT", path, List.of(), object, "update the status of " + describe(object));
  }

  /** The object, or empty when it does not exist. */
  public Optional<JsonObject> find(String apiVersion, String kind, String namespace, String name) {
    JsonObject ref = reference(apiVersion, kind, namespace, name);
    try {
      return Optional.of(execute("GET", objectPath(ref), List.of(), null).getAsJsonObject());
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw new KubeObjectException("get " + describe(ref), e);
    }
  }

  /** The object; fails when it does not exist. */
  public JsonObject get(String apiVersion, String kind, String namespace, String name) {
    JsonObject ref = reference(apiVersion, kind, namespace, name);
    return call("GET", objectPath(ref), List.of(), null, "get " + describe(ref));
  }

  /**
   * The objects of a kind in {@code namespace} (empty for all namespaces or cluster-scoped kinds),
   * filtered by a field selector (empty for none).
   */
  public List<JsonObject> list(
      String apiVersion, String kind, String namespace, String fieldSelector) {
    JsonObject ref = reference(apiVersion, kind, namespace, "");
    List<Pair> query = new ArrayList<>();
    if (!fieldSelector.isEmpty()) {
      query.add(new Pair("fieldSelector", fieldSelector));
    }
    JsonObject list = call("GET", collectionPath(ref), query, null, "list " + kind);
    List<JsonObject> items = new ArrayList<>();
    // List items come without apiVersion and kind; add them so items can be written back.
    for (JsonObject item : JsonFields.objects(list, "items")) {
      if (!item.has("apiVersion")) {
        item.addProperty("apiVersion", apiVersion);
      }
      if (!item.has("kind")) {
        item.addProperty("kind", kind);
      }
      items.add(item);
    }
    return items;
  }

  /** A running watch; {@link #close} ends it. */
  public interface Watching extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Watches the objects of a kind in {@code namespace} from now on, on a thread of its own: {@code
   * events} gets each event's type ({@code ADDED}, {@code MODIFIED}, {@code DELETED}, {@code
   * ERROR}) and object in the API server's order, first {@code ADDED} for every object that exists.
   * When the server ends the watch before {@link Watching#close}, the last event is {@code CLOSED}
   * with an empty object.
   */
  public Watching watch(
      String apiVersion, String kind, String namespace, BiConsumer<String, JsonObject> events) {
    JsonObject ref = reference(apiVersion, kind, namespace, "");
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", "application/json");
    okhttp3.Call call;
    try {
      okhttp3.Request request =
          client.buildRequest(
              null,
              collectionPath(ref),
              "GET",
              new ArrayList<>(List.of(new Pair("watch", "true"))),
              new ArrayList<>(),
              null,
              headers,
              new HashMap<>(),
              new HashMap<>(),
              AUTH,
              null);
      call =
          client.getHttpClient().newBuilder().readTimeout(Duration.ZERO).build().newCall(request);
    } catch (ApiException e) {
      throw new KubeObjectException("watch " + kind, e);
    }
    Thread reader =
        new Thread(
            () -> {
              try (okhttp3.Response response = call.execute()) {
                okio.BufferedSource body = response.body().source();
                for (String line; (line = body.readUtf8Line()) != null; ) {
                  JsonObject event = GSON.fromJson(line, JsonObject.class);
                  events.accept(event.get("type").getAsString(), event.getAsJsonObject("object"));
                }
              } catch (IOException | RuntimeException e) {
                if (!call.isCanceled()) {
                  LOG.warn("watch of {} in {} failed: {}", kind, namespace, e.toString());
                }
              }
              if (!call.isCanceled()) {
                events.accept("CLOSED", new JsonObject());
              }
            },
            "watch-" + kind + "-" + namespace);
    reader.setDaemon(true);
    reader.start();
    return call::cancel;
  }

  /** Deletes the object; a missing object is not an error. */
  public void delete(String apiVersion, String kind, String namespace, String name) {
    delete(apiVersion, kind, namespace, name, List.of());
  }

  /**
   * Deletes the object at once (grace period 0), as a kubelet confirms a pod's end; a missing
   * object is not an error.
   */
  public void deleteNow(String apiVersion, String kind, String namespace, String name) {
    delete(apiVersion, kind, namespace, name, List.of(new Pair("gracePeriodSeconds", "0")));
  }

  private void delete(
      String apiVersion, String kind, String namespace, String name, List<Pair> query) {
    JsonObject ref = reference(apiVersion, kind, namespace, name);
    try {
      execute("DELETE", objectPath(ref), query, null);
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        throw new KubeObjectException("delete " + describe(ref), e);
      }
    }
  }

  private JsonObject call(
      String method, String path, List<Pair> query, JsonObject body, String what) {
    try {
      return execute(method, path, query, body).getAsJsonObject();
    } catch (ApiException e) {
      throw new KubeObjectException(what, e);
    }
  }

  private JsonElement execute(String method, String path, List<Pair> query, JsonObject body)
      throws ApiException {
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", "application/json");
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    okhttp3.Call call =
        client.buildCall(
            null,
            path,
            method,
            new ArrayList<>(query),
            new ArrayList<>(),
            body,
            headers,
            new HashMap<>(),
            new HashMap<>(),
            AUTH,
            null);
    return client.<JsonElement>execute(call, JsonElement.class).getData();
  }

  private String collectionPath(JsonObject object) {
    String apiVersion = string(object, "apiVersion");
    Discovery.APIResource resource = resource(apiVersion, string(object, "kind"));
    String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    String namespace = metadata(object, "namespace");
    if (Boolean.TRUE.equals(resource.getNamespaced())) {
      return namespace.isEmpty()
          ? prefix + "/" + resource.getResourcePlural()
          : prefix + "/namespaces/" + namespace + "/" + resource.getResourcePlural();
    }
    return prefix + "/" + resource.getResourcePlural();
  }

  private String objectPath(JsonObject object) {
    return collectionPath(object) + "/" + metadata(object, "name");
  }

  private Discovery.APIResource resource(String apiVersion, String kind) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String key = group + "/" + kind;
    Discovery.APIResource known = resources.get(key);
    if (known == null) {
      try {
        for (Discovery.APIResource r : new Discovery(client).findAll()) {
          resources.putIfAbsent(r.getGroup() + "/" + r.getKind(), r);
        }
      } catch (ApiException e) {
        throw new KubeObjectException("discover the API resources", e);
      }
      known = resources.get(key);
    }
    if (known != null && known.getVersions().contains(version(apiVersion))) {
      return known;
    }
    // Discovery lists the preferred version of each group; a kind served only in another version
    // (DeviceTaintRule in resource.k8s.io/v1beta2 while v1 is preferred) is looked up there.
    return resourceInVersion(apiVersion, kind)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the API server serves no kind "
                        + kind
                        + " in "
                        + apiVersion
                        + "; check the manifest"));
  }

  private Optional<Discovery.APIResource> resourceInVersion(String apiVersion, String kind) {
    String key = apiVersion + "/" + kind;
    Discovery.APIResource known = resources.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    String path = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    V1APIResourceList list;
    try {
      list = new Discovery(client).resourceDiscovery(path);
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw new KubeObjectException("discover the API resources of " + apiVersion, e);
    }
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    for (V1APIResource r : list.getResources()) {
      if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
        Discovery.APIResource found =
            new Discovery.APIResource(
                group,
                List.of(version(apiVersion)),
                version(apiVersion),
                kind,
                r.getNamespaced(),
                r.getName(),
                r.getSingularName());
        resources.putIfAbsent(key, found);
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  private static String version(String apiVersion) {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  private static JsonObject reference(
      String apiVersion, String kind, String namespace, String name) {
    JsonObject ref = new JsonObject();
    ref.addProperty("apiVersion", apiVersion);
    ref.addProperty("kind", kind);
    JsonObject meta = new JsonObject();
    meta.addProperty("name", name);
    if (!namespace.isEmpty()) {
      meta.addProperty("namespace", namespace);
    }
    ref.add("metadata", meta);
    return ref;
  }

  private static String string(JsonObject object, String field) {
    String value = JsonFields.string(object, field);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("object has no '" + field + "': " + abbreviate(object));
    }
    return value;
  }

  private static String metadata(JsonObject object, String field) {
    return JsonFields.string(object, "metadata", field);
  }

  private static String describe(JsonObject object) {
    String ns = metadata(object, "namespace");
    return JsonFields.string(object, "kind")
        + " "
        + (ns.isEmpty() ? "" : ns + "/")
        + metadata(object, "name");
  }

  private static String abbreviate(JsonElement json) {
    String text = json.toString();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
