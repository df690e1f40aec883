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
package io.dra4j.runtime.internal.slices;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Decides the {@code timeAdded} of each device taint so that it stays the same across republishes:
 * a time the driver set wins; else the time the cluster already shows for that taint (so a
 * restarted driver keeps it); else the first time this clock was asked about the taint. Times are
 * whole seconds, as the API stores them. Thread-safe.
 */
final class TaintClock {
  private final InstantSource clock;
  private final Map<String, Instant> remembered = new ConcurrentHashMap<>();

  TaintClock(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The taint times for one pass over {@code pool}, given the pool's slices as observed in the
   * cluster; the answer fits {@link SliceRenderer#render}.
   */
  BiFunction<Device, DeviceTaint, Instant> forPool(String pool, List<JsonObject> observedSlices) {
    Map<String, Instant> observed = observedTimes(observedSlices);
    return (device, taint) -> timeAdded(pool, device, taint, observed);
  }

  private Instant timeAdded(
      String pool, Device device, DeviceTaint taint, Map<String, Instant> observed) {
    if (taint.timeAdded().isPresent()) {
      return taint.timeAdded().get().truncatedTo(ChronoUnit.SECONDS);
    }
    String key =
        key(device.name(), taint.key(), taint.value().orElse(""), taint.effect().apiName());
    Instant seen = observed.get(key);
    String memoryKey = pool + "\0" + key;
    if (seen != null) {
      remembered.put(memoryKey, seen);
      return seen;
    }
    return remembered.computeIfAbsent(
        memoryKey, k -> clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  private static String key(String device, String key, String value, String effect) {
    return device + "\0" + key + "\0" + value + "\0" + effect;
  }

  private static Map<String, Instant> observedTimes(List<JsonObject> slices) {
    Map<String, Instant> out = new HashMap<>();
    for (JsonObject s : slices) {
      JsonObject spec = s.getAsJsonObject("spec");
      if (spec == null || !spec.has("devices")) {
        continue;
      }
      for (JsonElement d : spec.getAsJsonArray("devices")) {
        JsonObject dev = d.getAsJsonObject();
        if (!dev.has("taints")) {
          continue;
        }
        for (JsonElement t : dev.getAsJsonArray("taints")) {
          JsonObject taint = t.getAsJsonObject();
          String added = JsonFields.string(taint, "timeAdded");
          if (added.isEmpty()) {
            continue;
          }
          try {
            out.put(
                key(
                    JsonFields.string(dev, "name"),
                    JsonFields.string(taint, "key"),
                    JsonFields.string(taint, "value"),
                    JsonFields.string(taint, "effect")),
                OffsetDateTime.parse(added).toInstant().truncatedTo(ChronoUnit.SECONDS));
          } catch (RuntimeException unparsable) {
            // Stamp a new time instead.
          }
        }
      }
    }
    return out;
  }
}
