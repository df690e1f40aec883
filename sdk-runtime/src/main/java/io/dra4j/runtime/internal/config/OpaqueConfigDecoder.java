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
package io.dra4j.runtime.internal.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.config.AppliedConfig;
import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.config.ValidatedConfig;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.claims.RawConfig;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes opaque configuration strictly into the provider's record types. Thread-safe.
 *
 * <p>The parameters must be a JSON object with {@code apiVersion} and {@code kind} naming one of
 * the driver's {@link ConfigKind}s; every other field maps to a record component of the same name.
 * Supported component types: {@code String}, {@code boolean}, {@code int}, {@code long}, {@code
 * double} (and their boxes), enums, {@link Quantity} (from {@code "1.5Gi"} or a number), {@link
 * Duration} (Go style {@code "1m30s"} or ISO-8601 {@code "PT90S"}), {@code Optional<T>}, {@code
 * List<T>}, {@code Map<String, T>} and nested records. Unsupported types are rejected when the
 * decoder is built, so a driver cannot ship a config type that can never be decoded.
 *
 * <p>Rules: a component that is not {@code Optional} is required; unknown and duplicate fields are
 * errors; JSON types must match (no string-to-number coercion); integers must be whole and in
 * range. An enum value matches a constant by its name ignoring case, or by its lowerCamel or
 * PascalCase spelling ({@code timeSlicing} and {@code TimeSlicing} both match {@code
 * TIME_SLICING}). Every decoded record that implements {@link ValidatedConfig} is validated, and an
 * {@link IllegalArgumentException} it throws becomes a decoding error.
 *
 * <p>The work is split: {@code StrictJsonReader} parses, {@code RecordBinder} binds records and
 * containers, {@code ScalarValues} converts scalars (with {@code DurationParser} and {@code
 * EnumSpelling}), and {@code BindableTypes} checks the record types up front; this class picks the
 * kind and names the claim and entry in every error.
 */
public final class OpaqueConfigDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(OpaqueConfigDecoder.class);

  private final String driverName;
  private final List<ConfigKind<?>> kinds;

  /**
   * @param driverName entries whose {@code driver} differs are skipped
   * @param kinds the configuration kinds the driver accepts
   * @throws IllegalArgumentException when two kinds share an apiVersion and kind, or a record uses
   *     a component type the decoder cannot decode
   */
  public OpaqueConfigDecoder(String driverName, List<ConfigKind<?>> kinds) {
    this.driverName = Objects.requireNonNull(driverName, "driverName");
    this.kinds = List.copyOf(kinds);
    Set<String> seen = new HashSet<>();
    for (ConfigKind<?> k : this.kinds) {
      if (!seen.add(k.apiVersion() + " " + k.kind())) {
        throw new IllegalArgumentException(
            "config kind apiVersion="
                + k.apiVersion()
                + ", kind="
                + k.kind()
                + " is declared twice; declare each kind once");
      }
      BindableTypes.check(k.type());
    }
  }

  /**
   * Keeps the entries whose driver is this driver, in order, and decodes each. The caller passes
   * the allocation's entries in order (class entries first, then claim entries); the error of the
   * first entry that fails is thrown.
   *
   * @throws ConfigDecodingException naming the claim, the entry, the field and the fix
   */
  public List<AppliedConfig> decode(ClaimRef claim, List<RawConfig> configs)
      throws ConfigDecodingException {
    Objects.requireNonNull(claim, "claim");
    List<AppliedConfig> out = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      RawConfig raw = configs.get(i);
      if (!driverName.equals(raw.driver())) {
        continue;
      }
      Record record = decodeOne(claim, i, raw);
      out.add(new AppliedConfig(raw.source(), raw.requests(), record));
      LOG.debug(
          "Decoded opaque config #{} of claim {} (uid {}) as {}",
          i,
          claim.namespace() + "/" + claim.name(),
          claim.uid(),
          record.getClass().getSimpleName());
    }
    return Collections.unmodifiableList(out);
  }

  private Record decodeOne(ClaimRef claim, int index, RawConfig raw)
      throws ConfigDecodingException {
    try {
      return decodeParameters(raw.parametersJson());
    } catch (DecodingFailure f) {
      throw new ConfigDecodingException(
          claim, index, raw.source(), f.configType(), f.path(), f.getMessage(), f.getCause());
    }
  }

  private Record decodeParameters(String json) {
    JsonElement root = StrictJsonReader.parse(json);
    if (!root.isJsonObject()) {
      throw new DecodingFailure(
          "",
          "the parameters must be a JSON object with apiVersion and kind, got "
              + JsonFields.describe(root)
              + "; "
              + acceptedKinds());
    }
    JsonObject obj = root.getAsJsonObject();
    String apiVersion = typeField(obj, "apiVersion");
    String kindName = typeField(obj, "kind");
    try {
      ConfigKind<?> kind =
          kinds.stream()
              .filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kindName))
              .findFirst()
              .orElseThrow(
                  () ->
                      new DecodingFailure(
                          "",
                          "driver " + driverName + " does not know this kind; " + acceptedKinds()));
      JsonObject fields = obj.deepCopy();
      fields.remove("apiVersion");
      fields.remove("kind");
      return RecordBinder.bind(kind.type(), fields, "");
    } catch (DecodingFailure f) {
      throw f.withConfigType("apiVersion=" + apiVersion + ", kind=" + kindName);
    }
  }

  private String typeField(JsonObject obj, String name) {
    JsonElement e = obj.get(name);
    if (e == null || !ScalarValues.isString(e) || e.getAsString().isEmpty()) {
      throw new DecodingFailure(
          name,
          (e == null ? "is required" : "must be a non-empty string, got " + JsonFields.describe(e))
              + "; "
              + acceptedKinds());
    }
    return e.getAsString();
  }

  private String acceptedKinds() {
    if (kinds.isEmpty()) {
      return "driver " + driverName + " accepts no opaque configuration; remove the entry";
    }
    return "driver "
        + driverName
        + " accepts "
        + kinds.stream()
            .map(k -> "apiVersion=" + k.apiVersion() + ", kind=" + k.kind())
            .collect(Collectors.joining("; "));
  }
}
