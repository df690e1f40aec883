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
package io.dra4j.runtime.internal.claimstatus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.dra4j.api.status.DeviceCondition;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.api.status.NetworkData;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SPI's {@link DeviceStatus} as the JSON of one {@code status.devices[]} entry, and back. Reads
 * check every value as the API server would, so the testkit's API server validates with it.
 */
public final class DeviceStatusJson {
  private DeviceStatusJson() {}

  /** The fields of a {@link DeviceStatus} in an entry (conditions, data, networkData). */
  public static JsonObject fields(DeviceStatus status, Instant now) {
    JsonObject out = new JsonObject();
    if (!status.conditions().isEmpty()) {
      JsonArray conditions = new JsonArray();
      status.conditions().forEach(c -> conditions.add(condition(c, now)));
      out.add("conditions", conditions);
    }
    if (!status.data().isEmpty()) {
      out.add("data", JsonParser.parseString(status.dataJson()));
    }
    status.networkData().ifPresent(n -> out.add("networkData", networkData(n)));
    return out;
  }

  /** One condition; an empty transition time becomes {@code now}, to the second. */
  public static JsonObject condition(DeviceCondition c, Instant now) {
    JsonObject o = new JsonObject();
    o.addProperty("type", c.type());
    o.addProperty("status", c.status().wire());
    if (c.observedGeneration() > 0) {
      o.addProperty("observedGeneration", c.observedGeneration());
    }
    Instant at = c.lastTransitionTime().orElse(now).truncatedTo(ChronoUnit.SECONDS);
    o.addProperty("lastTransitionTime", at.toString());
    o.addProperty("reason", c.reason());
    o.addProperty("message", c.message());
    return o;
  }

  private static JsonObject networkData(NetworkData n) {
    JsonObject o = new JsonObject();
    if (!n.interfaceName().isEmpty()) {
      o.addProperty("interfaceName", n.interfaceName());
    }
    if (!n.ips().isEmpty()) {
      JsonArray ips = new JsonArray();
      n.ips().forEach(ips::add);
      o.add("ips", ips);
    }
    if (!n.hardwareAddress().isEmpty()) {
      o.addProperty("hardwareAddress", n.hardwareAddress());
    }
    return o;
  }

  /**
   * Reads the status fields of an entry, checking them.
   *
   * @throws IllegalArgumentException naming the field and the rule when a value is invalid (a
   *     {@link io.dra4j.api.device.ValidationException} for a broken limit)
   */
  public static DeviceStatus read(JsonObject entry) {
    List<DeviceCondition> conditions = new ArrayList<>();
    for (JsonObject c : JsonFields.objects(entry, "conditions")) {
      conditions.add(readCondition(c));
    }
    Map<String, Object> data = Map.of();
    Optional<JsonElement> raw = JsonFields.at(entry, "data");
    if (raw.isPresent() && !raw.get().isJsonNull()) {
      if (!raw.get().isJsonObject()) {
        throw new IllegalArgumentException("data: must be a valid JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> read = (Map<String, Object>) value(raw.get());
      data = read;
    }
    Optional<NetworkData> network =
        JsonFields.object(entry, "networkData")
            .map(
                n ->
                    new NetworkData(
                        JsonFields.string(n, "interfaceName"),
                        JsonFields.strings(n, "ips"),
                        JsonFields.string(n, "hardwareAddress")));
    return new DeviceStatus(conditions, data, network);
  }

  private static DeviceCondition readCondition(JsonObject c) {
    String time = JsonFields.string(c, "lastTransitionTime");
    if (time.isEmpty()) {
      throw new IllegalArgumentException(
          "conditions[" + JsonFields.string(c, "type") + "].lastTransitionTime: must be set");
    }
    Instant at;
    try {
      at = Instant.parse(time);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "conditions["
              + JsonFields.string(c, "type")
              + "].lastTransitionTime: not RFC 3339: "
              + time);
    }
    return new DeviceCondition(
        JsonFields.string(c, "type"),
        DeviceCondition.Status.fromWire(JsonFields.string(c, "status")),
        JsonFields.string(c, "reason"),
        JsonFields.string(c, "message"),
        JsonFields.number(c, "observedGeneration"),
        Optional.of(at));
  }

  /** A JSON value as the maps, lists and scalars {@link DeviceStatus#data()} holds. */
  private static Object value(JsonElement e) {
    if (e.isJsonObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      e.getAsJsonObject().entrySet().forEach(en -> out.put(en.getKey(), value(en.getValue())));
      return out;
    }
    if (e.isJsonArray()) {
      List<Object> out = new ArrayList<>();
      e.getAsJsonArray().forEach(x -> out.add(value(x)));
      return out;
    }
    if (e.isJsonNull()) {
      throw new IllegalArgumentException("data: null values are not supported");
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return p.getAsBoolean();
    }
    if (p.isNumber()) {
      return new BigDecimal(p.getAsString());
    }
    return p.getAsString();
  }
}
