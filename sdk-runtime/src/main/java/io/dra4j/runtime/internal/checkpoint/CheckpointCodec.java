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
package io.dra4j.runtime.internal.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.api.prepare.Hook;
import io.dra4j.api.prepare.Mount;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PreparedClaim;
import io.dra4j.api.prepare.PreparedDevice;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The checkpoint's file format. The envelope {@code {kind, apiVersion, data, checksum}} carries the
 * payload as a JSON string. In {@code checkpoint.dra4j.io/v2} the checksum is the SHA-256 of the
 * file's raw bytes as written, with the 64 hex digits of the checksum itself replaced by zeros: a
 * changed byte anywhere (whitespace, an unknown field, the envelope, the digest) is detected, and
 * the checksum never depends on how a later version would re-serialise anything. Files of {@code
 * checkpoint.dra4j.io/v1}, whose checksum covers only the data string, are still read. Unknown
 * fields are ignored; anything missing, mistyped or mis-summed is {@link
 * CorruptCheckpointException}.
 */
final class CheckpointCodec {
  static final String KIND = "Dra4jCheckpoint";
  static final String API_VERSION = "checkpoint.dra4j.io/v2";
  static final String LEGACY_API_VERSION = "checkpoint.dra4j.io/v1";

  private static final String ZERO_SUM = "0".repeat(64);
  private static final Pattern SUM = Pattern.compile("[0-9a-f]{64}");

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  private static final Gson PRETTY =
      new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();
  private static final BigDecimal KI = BigDecimal.valueOf(1024);

  private CheckpointCodec() {}

  /** The file content is not a valid checkpoint of this schema. */
  static final class CorruptCheckpointException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptCheckpointException(String message) {
      super(message);
    }

    CorruptCheckpointException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static byte[] encode(List<CheckpointEntry> entries) {
    JsonArray arr = new JsonArray();
    for (CheckpointEntry e : entries) {
      JsonObject o = new JsonObject();
      o.add("claim", claim(e.claim()));
      o.addProperty("state", e.state().name());
      o.addProperty("bootId", e.bootId());
      e.prepared().ifPresent(p -> o.add("prepared", prepared(p)));
      arr.add(o);
    }
    JsonObject data = new JsonObject();
    data.add("entries", arr);
    String dataText = GSON.toJson(data);
    JsonObject envelope = new JsonObject();
    envelope.addProperty("kind", KIND);
    envelope.addProperty("apiVersion", API_VERSION);
    envelope.addProperty("data", dataText);
    // Last in the envelope, so the placeholder is the last run of 64 zeros in the file.
    envelope.addProperty("checksum", ZERO_SUM);
    byte[] bytes = (PRETTY.toJson(envelope) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] sum = sha256(bytes).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(
        sum,
        0,
        bytes,
        lastIndexOf(bytes, ZERO_SUM.getBytes(StandardCharsets.US_ASCII)),
        sum.length);
    return bytes;
  }

  /** Whether the content is a readable checkpoint of an older version, to be rewritten. */
  static boolean isLegacy(byte[] content) {
    try {
      JsonElement root = JsonParser.parseString(new String(content, StandardCharsets.UTF_8));
      return root.isJsonObject()
          && LEGACY_API_VERSION.equals(
              JsonFields.optString(root.getAsJsonObject(), "apiVersion").orElse(""));
    } catch (RuntimeException e) {
      return false;
    }
  }

  static List<CheckpointEntry> decode(byte[] content) throws CorruptCheckpointException {
    try {
      return decodeEnvelope(content);
    } catch (RuntimeException e) {
      // Wrong JSON types surface as IllegalStateException, NullPointerException and the like.
      throw new CorruptCheckpointException(
          "malformed content: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static List<CheckpointEntry> decodeEnvelope(byte[] content)
      throws CorruptCheckpointException {
    JsonObject envelope = object(parseStrict(new String(content, StandardCharsets.UTF_8)), "file");
    // Another file format is named as such, not as a missing field of this one.
    String kind = JsonFields.optString(envelope, "kind").orElse("(no kind)");
    String apiVersion = JsonFields.optString(envelope, "apiVersion").orElse("(no apiVersion)");
    boolean legacy = LEGACY_API_VERSION.equals(apiVersion);
    if (!KIND.equals(kind) || !(API_VERSION.equals(apiVersion) || legacy)) {
      throw new CorruptCheckpointException(
          "unknown schema "
              + apiVersion
              + " "
              + kind
              + ", this version reads "
              + API_VERSION
              + " "
              + KIND);
    }
    String dataText = JsonFields.requireString(envelope, "data");
    String checksum = JsonFields.requireString(envelope, "checksum");
    if (legacy) {
      String actual = sha256(dataText.getBytes(StandardCharsets.UTF_8));
      if (!actual.equalsIgnoreCase(checksum)) {
        throw new CorruptCheckpointException(
            "checksum mismatch: the file says " + checksum + " but the data hashes to " + actual);
      }
    } else {
      requireFileChecksum(content, checksum);
    }
    JsonObject data = object(parseStrict(dataText), "data");
    List<CheckpointEntry> entries = new ArrayList<>();
    JsonArray arr = JsonFields.requireArray(data, "entries");
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (int i = 0; i < arr.size(); i++) {
      String where = "entries[" + i + "]";
      JsonObject o = object(arr.get(i), where);
      CheckpointEntry entry;
      try {
        ClaimRef claim = claim(JsonFields.requireObject(o, "claim"));
        CheckpointEntry.State state =
            CheckpointEntry.State.valueOf(JsonFields.requireString(o, "state"));
        Optional<PreparedClaim> prepared =
            JsonFields.optObject(o, "prepared").map(CheckpointCodec::prepared);
        entry = new CheckpointEntry(claim, state, prepared, JsonFields.requireString(o, "bootId"));
      } catch (RuntimeException e) {
        throw new CorruptCheckpointException(where + ": " + e.getMessage(), e);
      }
      if (seen.put(entry.claim().uid(), Boolean.TRUE) != null) {
        throw new CorruptCheckpointException(
            where + ": claim uid " + entry.claim().uid() + " appears twice");
      }
      entries.add(entry);
    }
    return entries;
  }

  private static JsonElement parseStrict(String text) throws CorruptCheckpointException {
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      JsonElement root = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new CorruptCheckpointException("trailing content after the JSON document");
      }
      return root;
    } catch (JsonParseException | IOException | IllegalStateException e) {
      throw new CorruptCheckpointException("not valid JSON: " + e.getMessage(), e);
    }
  }

  // ---- writing ----

  private static JsonObject claim(ClaimRef c) {
    JsonObject o = new JsonObject();
    o.addProperty("namespace", c.namespace());
    o.addProperty("name", c.name());
    o.addProperty("uid", c.uid());
    return o;
  }

  private static JsonObject prepared(PreparedClaim p) {
    JsonObject o = new JsonObject();
    o.add("claim", claim(p.claim()));
    JsonObject prep = new JsonObject();
    JsonArray devices = new JsonArray();
    for (PreparedDevice d : p.preparation().devices()) {
      JsonObject jd = new JsonObject();
      jd.add("device", device(d.device()));
      jd.add("edits", edits(d.edits()));
      devices.add(jd);
    }
    prep.add("devices", devices);
    prep.add("common", edits(p.preparation().common()));
    o.add("preparation", prep);
    return o;
  }

  private static JsonObject device(AllocatedDevice d) {
    JsonObject o = new JsonObject();
    o.addProperty("request", d.request());
    o.addProperty("pool", d.pool());
    o.addProperty("device", d.device());
    o.addProperty("adminAccess", d.adminAccess());
    d.shareId().ifPresent(s -> o.addProperty("shareId", s));
    JsonObject cap = new JsonObject();
    d.consumedCapacity().forEach((k, v) -> cap.addProperty(k.toString(), quantityText(v)));
    o.add("consumedCapacity", cap);
    return o;
  }

  private static JsonObject edits(ContainerEdits e) {
    JsonObject o = new JsonObject();
    JsonObject env = new JsonObject();
    e.env().forEach(env::addProperty);
    o.add("env", env);
    JsonArray nodes = new JsonArray();
    for (DeviceNode n : e.deviceNodes()) {
      JsonObject j = new JsonObject();
      j.addProperty("path", n.path());
      n.hostPath().ifPresent(h -> j.addProperty("hostPath", h));
      n.permissions().ifPresent(p -> j.addProperty("permissions", p));
      nodes.add(j);
    }
    o.add("deviceNodes", nodes);
    JsonArray mounts = new JsonArray();
    for (Mount m : e.mounts()) {
      JsonObject j = new JsonObject();
      j.addProperty("hostPath", m.hostPath());
      j.addProperty("containerPath", m.containerPath());
      j.add("options", strings(m.options()));
      m.type().ifPresent(t -> j.addProperty("type", t));
      mounts.add(j);
    }
    o.add("mounts", mounts);
    JsonArray hooks = new JsonArray();
    for (Hook h : e.hooks()) {
      JsonObject j = new JsonObject();
      j.addProperty("stage", h.stage());
      j.addProperty("path", h.path());
      j.add("args", strings(h.args()));
      j.add("env", strings(h.env()));
      h.timeoutSeconds().ifPresent(t -> j.addProperty("timeoutSeconds", t));
      hooks.add(j);
    }
    o.add("hooks", hooks);
    return o;
  }

  private static JsonArray strings(List<String> list) {
    JsonArray a = new JsonArray();
    list.forEach(a::add);
    return a;
  }

  /**
   * A quantity as text that parses back to the same value and format: binary quantities keep a
   * binary suffix ({@code 1.5Ki} is exact because 1/1024 has a finite decimal expansion).
   */
  static String quantityText(Quantity q) {
    if (q.format() == Quantity.Format.BINARY_SI) {
      return q.value().divide(KI).stripTrailingZeros().toPlainString() + "Ki";
    }
    return q.toString();
  }

  // ---- reading ----

  private static ClaimRef claim(JsonObject o) {
    return new ClaimRef(
        JsonFields.requireString(o, "namespace"),
        JsonFields.requireString(o, "name"),
        JsonFields.requireString(o, "uid"));
  }

  private static PreparedClaim prepared(JsonObject o) {
    JsonObject prep = JsonFields.requireObject(o, "preparation");
    List<PreparedDevice> devices =
        list(
            prep,
            "devices",
            e -> {
              JsonObject jd = e.getAsJsonObject();
              return new PreparedDevice(
                  device(JsonFields.requireObject(jd, "device")),
                  edits(JsonFields.requireObject(jd, "edits")));
            });
    return new PreparedClaim(
        claim(JsonFields.requireObject(o, "claim")),
        new Preparation(devices, edits(JsonFields.requireObject(prep, "common"))));
  }

  private static AllocatedDevice device(JsonObject o) {
    Map<QualifiedName, Quantity> cap = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e :
        JsonFields.optObject(o, "consumedCapacity").map(JsonObject::entrySet).orElse(Set.of())) {
      cap.put(QualifiedName.of(e.getKey()), Quantity.parse(e.getValue().getAsString()));
    }
    return new AllocatedDevice(
        JsonFields.requireString(o, "request"),
        JsonFields.requireString(o, "pool"),
        JsonFields.requireString(o, "device"),
        JsonFields.optBoolean(o, "adminAccess").orElse(false),
        JsonFields.optString(o, "shareId"),
        cap);
  }

  private static ContainerEdits edits(JsonObject o) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonFields.optObject(o, "env")
        .ifPresent(j -> j.entrySet().forEach(e -> env.put(e.getKey(), e.getValue().getAsString())));
    List<DeviceNode> nodes =
        list(
            o,
            "deviceNodes",
            e -> {
              JsonObject j = e.getAsJsonObject();
              return new DeviceNode(
                  JsonFields.requireString(j, "path"),
                  JsonFields.optString(j, "hostPath"),
                  JsonFields.optString(j, "permissions"));
            });
    List<Mount> mounts =
        list(
            o,
            "mounts",
            e -> {
              JsonObject j = e.getAsJsonObject();
              return new Mount(
                  JsonFields.requireString(j, "hostPath"),
                  JsonFields.requireString(j, "containerPath"),
                  list(j, "options", JsonElement::getAsString),
                  JsonFields.optString(j, "type"));
            });
    List<Hook> hooks =
        list(
            o,
            "hooks",
            e -> {
              JsonObject j = e.getAsJsonObject();
              return new Hook(
                  JsonFields.requireString(j, "stage"),
                  JsonFields.requireString(j, "path"),
                  list(j, "args", JsonElement::getAsString),
                  list(j, "env", JsonElement::getAsString),
                  JsonFields.optInt(j, "timeoutSeconds"));
            });
    return new ContainerEdits(env, nodes, mounts, hooks);
  }

  private static <T> List<T> list(JsonObject o, String field, Function<JsonElement, T> item) {
    List<T> out = new ArrayList<>();
    for (JsonElement e : JsonFields.optArray(o, field).orElseGet(JsonArray::new)) {
      out.add(item.apply(e));
    }
    return out;
  }

  private static JsonObject object(JsonElement e, String where) throws CorruptCheckpointException {
    if (e == null || !e.isJsonObject()) {
      throw new CorruptCheckpointException(where + " must be a JSON object");
    }
    return e.getAsJsonObject();
  }

  /** Checks a v2 checksum: the SHA-256 of the raw bytes with the digest zeroed. */
  private static void requireFileChecksum(byte[] content, String checksum)
      throws CorruptCheckpointException {
    if (!SUM.matcher(checksum).matches()) {
      throw new CorruptCheckpointException(
          "checksum '" + checksum + "' is not 64 lower-case hex digits");
    }
    byte[] sum = checksum.getBytes(StandardCharsets.US_ASCII);
    int at = lastIndexOf(content, sum);
    if (at < 0) {
      throw new CorruptCheckpointException("checksum is not written as plain hex digits");
    }
    byte[] zeroed = content.clone();
    Arrays.fill(zeroed, at, at + sum.length, (byte) '0');
    String actual = sha256(zeroed);
    if (!actual.equals(checksum)) {
      throw new CorruptCheckpointException(
          "checksum mismatch: the file says " + checksum + " but its bytes hash to " + actual);
    }
  }

  /** Where {@code needle} last occurs in {@code bytes}, or -1. */
  private static int lastIndexOf(byte[] bytes, byte[] needle) {
    outer:
    for (int i = bytes.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String sha256(byte[] bytes) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
