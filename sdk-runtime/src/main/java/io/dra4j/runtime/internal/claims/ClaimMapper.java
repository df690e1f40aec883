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
package io.dra4j.runtime.internal.claims;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.config.ConfigSource;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads a {@code resource.k8s.io/v1} ResourceClaim (raw JSON) as an {@link AllocatedClaim}. */
final class ClaimMapper {
  /** Set on claims made from a template: the claim's name in the pod's spec.resourceClaims. */
  static final String POD_CLAIM_NAME_ANNOTATION = "resource.kubernetes.io/pod-claim-name";

  private ClaimMapper() {}

  static AllocatedClaim map(ClaimRef ref, JsonObject claim, String driver)
      throws ClaimLookupException {
    if (JsonFields.object(claim, "status", "allocation").isEmpty()) {
      throw new ClaimLookupException(
          ClaimLookupException.Reason.NOT_ALLOCATED,
          ref,
          "is not allocated (status.allocation is empty): the scheduler has not allocated it yet,"
              + " or it was deallocated; the kubelet retries once it is allocated");
    }
    List<DeviceResult> devices = new ArrayList<>();
    TreeSet<String> drivers = new TreeSet<>();
    for (JsonObject r : JsonFields.objects(claim, "status", "allocation", "devices", "results")) {
      String d = JsonFields.string(r, "driver");
      drivers.add(d);
      Map<QualifiedName, Quantity> consumed = new TreeMap<>();
      for (Map.Entry<String, JsonElement> c :
          JsonFields.object(r, "consumedCapacity").map(JsonObject::entrySet).orElse(Set.of())) {
        consumed.put(QualifiedName.of(c.getKey()), quantity(c.getValue().getAsString()));
      }
      String shareId = JsonFields.string(r, "shareID");
      devices.add(
          new DeviceResult(
              d,
              new AllocatedDevice(
                  JsonFields.string(r, "request"),
                  JsonFields.string(r, "pool"),
                  JsonFields.string(r, "device"),
                  JsonFields.optBoolean(r, "adminAccess").orElse(false),
                  shareId.isEmpty() ? Optional.empty() : Optional.of(shareId),
                  consumed)));
    }
    if (!drivers.contains(driver)) {
      throw new ClaimLookupException(
          ClaimLookupException.Reason.NOT_ALLOCATED_TO_DRIVER,
          ref,
          "has no device of driver "
              + driver
              + " in its allocation (drivers allocated: "
              + (drivers.isEmpty() ? "none" : String.join(", ", drivers))
              + "): the kubelet sent it to the wrong driver, or the allocation changed");
    }
    List<RawConfig> configs = new ArrayList<>();
    for (JsonObject c : JsonFields.objects(claim, "status", "allocation", "devices", "config")) {
      Optional<JsonObject> opaque = JsonFields.object(c, "opaque");
      if (opaque.isEmpty()) {
        continue;
      }
      ConfigSource source =
          JsonFields.string(c, "source").equals("FromClass")
              ? ConfigSource.CLASS
              : ConfigSource.CLAIM;
      configs.add(
          new RawConfig(
              source,
              JsonFields.strings(c, "requests"),
              JsonFields.string(opaque.get(), "driver"),
              JsonFields.at(opaque.get(), "parameters").map(JsonElement::toString).orElse("{}")));
    }
    List<PodRef> pods = new ArrayList<>();
    for (JsonObject consumer : JsonFields.objects(claim, "status", "reservedFor")) {
      if (JsonFields.string(consumer, "resource").equals("pods")
          && JsonFields.string(consumer, "apiGroup").isEmpty()) {
        pods.add(
            new PodRef(
                ref.namespace(),
                JsonFields.string(consumer, "name"),
                JsonFields.string(consumer, "uid")));
      }
    }
    String podClaimName =
        JsonFields.string(claim, "metadata", "annotations", POD_CLAIM_NAME_ANNOTATION);
    return new AllocatedClaim(
        ref,
        devices,
        configs,
        pods,
        podClaimName.isEmpty() ? Optional.empty() : Optional.of(podClaimName));
  }

  /** The quantity as the API spells it ({@code 8Gi} stays {@code 8Gi}), else by its value. */
  private static Quantity quantity(String text) {
    try {
      return Quantity.parse(text);
    } catch (IllegalArgumentException notCanonical) {
      return Quantity.parse(
          io.kubernetes.client.custom.Quantity.fromString(text).getNumber().toPlainString());
    }
  }
}
