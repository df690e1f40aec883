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
package io.dra4j.testkit.allocator;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.kubernetes.client.openapi.models.V1DeviceTaint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DeviceTaintRule: a taint the control plane adds to every device its selector names (a driver,
 * pool and device; an empty part matches any).
 *
 * @param name the rule's name, for explanations
 */
public record TaintRule(
    String name,
    Optional<String> driver,
    Optional<String> pool,
    Optional<String> device,
    V1DeviceTaint taint) {

  /**
   * The rules among DeviceTaintRule objects as the API server returns them (any served version: the
   * fields the allocator reads are the same in v1alpha3, v1beta2 and v1).
   *
   * @throws IllegalArgumentException naming the rule when it has no taint or no effect
   */
  public static List<TaintRule> fromApi(List<JsonObject> rules) {
    List<TaintRule> out = new ArrayList<>();
    for (JsonObject r : rules) {
      String name = JsonFields.string(r, "metadata", "name");
      JsonObject taint = JsonFields.object(r, "spec", "taint").orElse(new JsonObject());
      if (JsonFields.string(taint, "key").isEmpty()
          || JsonFields.string(taint, "effect").isEmpty()) {
        throw new IllegalArgumentException(
            "DeviceTaintRule "
                + name
                + ": spec.taint needs a key and an effect (NoSchedule, NoExecute or None)");
      }
      JsonObject selector = JsonFields.object(r, "spec", "deviceSelector").orElse(new JsonObject());
      out.add(
          new TaintRule(
              name,
              part(selector, "driver"),
              part(selector, "pool"),
              part(selector, "device"),
              ApiModels.model(taint, V1DeviceTaint.class)));
    }
    return List.copyOf(out);
  }

  private static Optional<String> part(JsonObject selector, String field) {
    String v = JsonFields.string(selector, field);
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** Whether the rule's selector names {@code id}. */
  public boolean selects(DeviceId id) {
    return driver.map(id.driver()::equals).orElse(true)
        && pool.map(id.pool()::equals).orElse(true)
        && device.map(id.device()::equals).orElse(true);
  }
}
