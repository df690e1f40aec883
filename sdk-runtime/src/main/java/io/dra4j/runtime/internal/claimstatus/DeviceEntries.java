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
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.status.DeviceCondition;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Changes to a claim's {@code status.devices} list made by one driver: each change touches only
 * that driver's entries, keeps every other entry as it was and in its place, and appends new
 * entries at the end. Pure functions of the list read from the API server.
 */
public final class DeviceEntries {

  /** A change of the list; returns a new list, the given one stays unchanged. */
  @FunctionalInterface
  public interface Change {
    /** Applies the change at time {@code now} (for new condition transition times). */
    JsonArray apply(JsonArray devices, Instant now);
  }

  private DeviceEntries() {}

  /**
   * Reports a prepared device: its conditions are merged by type into those already recorded (a
   * binding condition a controller set stays), its data and network data replace the recorded ones
   * when given. An empty status changes nothing.
   */
  public static Change merge(String driver, AllocatedDevice device, DeviceStatus status) {
    return (devices, now) -> {
      if (status.isEmpty()) {
        return devices.deepCopy();
      }
      return upsert(
          devices,
          driver,
          device,
          old -> Optional.of(withStatus(copyOrNew(old, driver, device), status, now)));
    };
  }

  /** Replaces the device's entry with {@code status}; an empty status removes the entry. */
  public static Change replace(String driver, AllocatedDevice device, DeviceStatus status) {
    return (devices, now) ->
        upsert(
            devices,
            driver,
            device,
            old -> {
              if (status.isEmpty()) {
                return Optional.empty();
              }
              JsonObject entry = key(driver, device);
              old.ifPresent(o -> copyConditions(o, entry));
              withStatus(entry, status, now);
              retainConditions(entry, status.conditions());
              return Optional.of(entry);
            });
  }

  /** Sets one condition of the device, keeping everything else of its entry. */
  public static Change condition(String driver, AllocatedDevice device, DeviceCondition condition) {
    return (devices, now) ->
        upsert(
            devices,
            driver,
            device,
            old -> {
              JsonObject entry = copyOrNew(old, driver, device);
              putCondition(entry, condition, now);
              return Optional.of(entry);
            });
  }

  /** Removes every entry of the driver. */
  public static Change clear(String driver) {
    return (devices, now) -> {
      JsonArray out = new JsonArray();
      for (JsonElement e : devices) {
        if (!e.isJsonObject() || !driver.equals(JsonFields.string(e.getAsJsonObject(), "driver"))) {
          out.add(e.deepCopy());
        }
      }
      return out;
    };
  }

  /** Whether the entry is the one of this driver's device (pool, device and share ID). */
  static boolean isEntryOf(JsonObject entry, String driver, AllocatedDevice device) {
    return driver.equals(JsonFields.string(entry, "driver"))
        && device.pool().equals(JsonFields.string(entry, "pool"))
        && device.device().equals(JsonFields.string(entry, "device"))
        && device.shareId().orElse("").equals(JsonFields.string(entry, "shareID"));
  }

  private interface EntryChange {
    Optional<JsonObject> apply(Optional<JsonObject> old);
  }

  private static JsonArray upsert(
      JsonArray devices, String driver, AllocatedDevice device, EntryChange change) {
    JsonArray out = new JsonArray();
    boolean found = false;
    for (JsonElement e : devices) {
      if (!found && e.isJsonObject() && isEntryOf(e.getAsJsonObject(), driver, device)) {
        found = true;
        change.apply(Optional.of(e.getAsJsonObject())).ifPresent(out::add);
      } else {
        out.add(e.deepCopy());
      }
    }
    if (!found) {
      change.apply(Optional.empty()).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Puts the status's conditions into the entry (merged by type), and its data and network data
   * when given; returns the entry.
   */
  private static JsonObject withStatus(JsonObject entry, DeviceStatus status, Instant now) {
    for (DeviceCondition c : status.conditions()) {
      putCondition(entry, c, now);
    }
    JsonObject fields = DeviceStatusJson.fields(status, now);
    for (String field : List.of("data", "networkData")) {
      if (fields.has(field)) {
        entry.add(field, fields.get(field));
      }
    }
    return entry;
  }

  /** A copy of the recorded entry, or a new one with only the device's key. */
  private static JsonObject copyOrNew(
      Optional<JsonObject> old, String driver, AllocatedDevice device) {
    return old.map(JsonObject::deepCopy).orElseGet(() -> key(driver, device));
  }

  private static JsonObject key(String driver, AllocatedDevice device) {
    JsonObject o = new JsonObject();
    o.addProperty("driver", driver);
    o.addProperty("pool", device.pool());
    o.addProperty("device", device.device());
    device.shareId().ifPresent(s -> o.addProperty("shareID", s));
    return o;
  }

  /**
   * Puts a condition into the entry, replacing the one of its type. An unset transition time keeps
   * the recorded one while the status is unchanged, else it is {@code now}.
   */
  private static void putCondition(JsonObject entry, DeviceCondition c, Instant now) {
    JsonArray conditions = JsonFields.optArray(entry, "conditions").orElseGet(JsonArray::new);
    JsonArray out = new JsonArray();
    Instant at = now;
    for (JsonElement e : conditions) {
      JsonObject old = e.getAsJsonObject();
      if (JsonFields.string(old, "type").equals(c.type())) {
        if (JsonFields.string(old, "status").equals(c.status().wire())) {
          at = parse(JsonFields.string(old, "lastTransitionTime")).orElse(now);
        }
      } else {
        out.add(old);
      }
    }
    out.add(DeviceStatusJson.condition(c, c.lastTransitionTime().orElse(at)));
    entry.add("conditions", out);
  }

  private static void copyConditions(JsonObject from, JsonObject to) {
    JsonFields.optArray(from, "conditions").ifPresent(a -> to.add("conditions", a.deepCopy()));
  }

  private static void retainConditions(JsonObject entry, List<DeviceCondition> keep) {
    JsonArray out = new JsonArray();
    for (JsonObject c : JsonFields.objects(entry, "conditions")) {
      String type = JsonFields.string(c, "type");
      if (keep.stream().anyMatch(k -> k.type().equals(type))) {
        out.add(c);
      }
    }
    entry.remove("conditions");
    if (!out.isEmpty()) {
      entry.add("conditions", out);
    }
  }

  private static Optional<Instant> parse(String time) {
    try {
      return time.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(time));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
