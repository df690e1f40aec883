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
package io.dra4j.runtime.internal.metadata;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.kube.ApiJson;
import io.dra4j.runtime.internal.slices.SliceRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bytes of the two files per request: the metadata stream and the CDI spec that mounts it. Both
 * are pure functions of their input, so a rewrite after a restart produces the same bytes.
 *
 * <p>The metadata file is a JSON stream: one {@code DeviceMetadata} object per supported API
 * version, newest first, each followed by a newline. Today that is only {@code
 * metadata.resource.k8s.io/v1alpha1}:
 *
 * <pre>{@code
 * {"kind": "DeviceMetadata", "apiVersion": "metadata.resource.k8s.io/v1alpha1",
 *  "metadata": {"name": <claim>, "namespace": <ns>, "uid": <claim uid>, "generation": 1},
 *  "podClaimName": <name in the pod, only for claims made from a template>,
 *  "requests": [{"name": <request or request/subrequest>,
 *                "devices": [{"driver": .., "pool": .., "name": .., "attributes": {..}}]}]}
 * }</pre>
 *
 * Attributes have the ResourceSlice form ({@code {"string": "trn2"}}, {@code {"int": 3}}) and are
 * sorted by name.
 */
public final class MetadataJson {
  /** The API group and version of the one encoded version. */
  public static final String API_VERSION = "metadata.resource.k8s.io/v1alpha1";

  /** The object kind. */
  public static final String KIND = "DeviceMetadata";

  /** The CDI version of the mount spec: device names may start with a digit (claim UIDs do). */
  static final String CDI_VERSION = "0.5.0";

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private MetadataJson() {}

  /**
   * The metadata stream of one request.
   *
   * @param driver the driver name, repeated in every device
   * @param claim the claim's namespace, name and UID
   * @param podClaimName the claim's name in the pod, for claims made from a template
   * @param request the request as allocated ({@code gpu} or {@code gpu/large})
   * @param devices the request's devices, in prepare order
   */
  public static byte[] metadata(
      String driver,
      ClaimRef claim,
      Optional<String> podClaimName,
      String request,
      List<MetadataDevice> devices) {
    JsonObject meta = new JsonObject();
    meta.addProperty("name", claim.name());
    meta.addProperty("namespace", claim.namespace());
    meta.addProperty("uid", claim.uid());
    meta.addProperty("generation", 1);
    JsonArray jsonDevices = new JsonArray();
    for (MetadataDevice d : devices) {
      JsonObject jd = new JsonObject();
      jd.addProperty("driver", driver);
      jd.addProperty("pool", d.pool());
      jd.addProperty("name", d.device());
      if (!d.attributes().isEmpty()) {
        jd.add("attributes", attributes(d.attributes()));
      }
      jsonDevices.add(jd);
    }
    JsonObject jr = new JsonObject();
    jr.addProperty("name", request);
    if (!jsonDevices.isEmpty()) {
      jr.add("devices", jsonDevices);
    }
    JsonArray requests = new JsonArray();
    requests.add(jr);
    JsonObject o = new JsonObject();
    o.addProperty("kind", KIND);
    o.addProperty("apiVersion", API_VERSION);
    o.add("metadata", meta);
    podClaimName.ifPresent(n -> o.addProperty("podClaimName", n));
    o.add("requests", requests);
    return bytes(o);
  }

  /**
   * The CDI spec that bind-mounts one request's host file read-only into the container.
   *
   * @param kind the CDI kind, {@code <driver>/metadata}
   * @param deviceName the CDI device name
   * @param hostFile the metadata file on the host
   * @param containerFile where the container sees it
   */
  static byte[] cdiSpec(String kind, String deviceName, Path hostFile, String containerFile) {
    JsonObject mount = new JsonObject();
    mount.addProperty("hostPath", hostFile.toAbsolutePath().toString());
    mount.addProperty("containerPath", containerFile);
    JsonArray options = new JsonArray();
    options.add("ro");
    options.add("bind");
    mount.add("options", options);
    JsonArray mounts = new JsonArray();
    mounts.add(mount);
    JsonObject edits = new JsonObject();
    edits.add("mounts", mounts);
    JsonObject device = new JsonObject();
    device.addProperty("name", deviceName);
    device.add("containerEdits", edits);
    JsonArray devices = new JsonArray();
    devices.add(device);
    JsonObject spec = new JsonObject();
    spec.addProperty("cdiVersion", CDI_VERSION);
    spec.addProperty("kind", kind);
    spec.add("devices", devices);
    return bytes(spec);
  }

  private static JsonObject attributes(Map<QualifiedName, AttributeValue> attributes) {
    // Sorted by the name as written, as Go writes map keys.
    Map<String, AttributeValue> sorted = new TreeMap<>();
    attributes.forEach((k, v) -> sorted.put(k.toString(), v));
    JsonObject o = new JsonObject();
    sorted.forEach((k, v) -> o.add(k, ApiJson.toJson(SliceRenderer.attribute(v))));
    return o;
  }

  private static byte[] bytes(JsonObject o) {
    return (GSON.toJson(o) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
