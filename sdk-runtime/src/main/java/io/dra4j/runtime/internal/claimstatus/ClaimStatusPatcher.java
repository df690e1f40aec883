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
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.status.ClaimStatusException;
import io.dra4j.api.status.ClaimStatusWriter;
import io.dra4j.api.status.DeviceCondition;
import io.dra4j.api.status.DeviceStatus;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.kube.JsonInformer;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.kubernetes.client.openapi.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one driver's entries in ResourceClaims' {@code status.devices} through the status
 * subresource: reads the claim, applies a {@link DeviceEntries.Change}, and sends a JSON merge
 * patch that carries the claim's UID and resourceVersion, so a claim changed in between is answered
 * with 409 Conflict; then it reads again and re-applies, up to {@link #MAX_ATTEMPTS} times. Nothing
 * is sent when the change leaves the list as it is. Thread-safe.
 *
 * <p>RBAC, also in {@link #REQUIRED_ACCESS}: {@code get} on {@code resourceclaims}, {@code patch}
 * on {@code resourceclaims/status}, and from Kubernetes 1.36 on also {@code associated-node:patch}
 * on {@code resourceclaims/driver} for {@code resourceNames: [<driver>]}.
 */
public final class ClaimStatusPatcher implements ClaimStatusWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimStatusPatcher.class);

  /** The most read-modify-write rounds one change gets before a conflict is reported. */
  public static final int MAX_ATTEMPTS = 8;

  /**
   * The access this writer uses, as {@code verb resource[/subresource]} in group {@code
   * resource.k8s.io}; the last entry is checked by Kubernetes 1.36 and newer only, with the driver
   * name as the resource name.
   */
  public static final List<String> REQUIRED_ACCESS =
      List.of(
          "get resourceclaims",
          "patch resourceclaims/status",
          "associated-node:patch resourceclaims/driver");

  private final KubeClient client;
  private final String driver;
  private final Clock clock;
  // Claims this process may have written status to (by uid), so that unprepare skips the others.
  private final Set<String> written = ConcurrentHashMap.newKeySet();

  public ClaimStatusPatcher(KubeClient client, String driver, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.driver = Objects.requireNonNull(driver, "driver");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Whether this patcher has tried to write the status of the claim with {@code uid} since the
   * process started.
   */
  public boolean wrote(String uid) {
    return written.contains(uid);
  }

  /** Forgets the claim with {@code uid} (after its entries were removed). */
  public void forget(String uid) {
    written.remove(uid);
  }

  /** The driver whose entries this patcher writes. */
  public String driver() {
    return driver;
  }

  @Override
  public void setCondition(ClaimRef claim, AllocatedDevice device, DeviceCondition condition)
      throws ClaimStatusException {
    Objects.requireNonNull(condition, "condition");
    wrap(claim, List.of(device), DeviceEntries.condition(driver, device, condition));
  }

  @Override
  public void setStatus(ClaimRef claim, AllocatedDevice device, DeviceStatus status)
      throws ClaimStatusException {
    Objects.requireNonNull(status, "status");
    wrap(claim, List.of(device), DeviceEntries.replace(driver, device, status));
  }

  private void wrap(ClaimRef claim, List<AllocatedDevice> devices, DeviceEntries.Change change)
      throws ClaimStatusException {
    try {
      apply(claim, devices, change);
    } catch (ApiException e) {
      throw new ClaimStatusException(describe(claim, e), e);
    }
  }

  /**
   * Applies a change to the claim's {@code status.devices}.
   *
   * @param devices devices that must be allocated to this driver in the claim (the API refuses an
   *     entry for any other device)
   * @return whether the claim was written (false when the change left it unchanged or the claim is
   *     gone and nothing was to be removed)
   * @throws ApiException when the API server refuses (code 409 after {@link #MAX_ATTEMPTS}
   *     conflicts; code 0 when unreachable)
   * @throws ClaimStatusException when the claim is gone, was replaced, or does not allocate a
   *     device to this driver
   */
  public boolean apply(ClaimRef claim, List<AllocatedDevice> devices, DeviceEntries.Change change)
      throws ApiException, ClaimStatusException {
    written.add(claim.uid());
    ApiException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      JsonObject current = read(claim);
      checkAllocated(claim, current, devices);
      JsonArray before = JsonFields.array(current, "status", "devices");
      JsonArray after = change.apply(before, clock.instant());
      if (after.equals(before)) {
        return false;
      }
      try {
        patch(claim, current, after);
        return true;
      } catch (ApiException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        last = e;
        LOG.debug(
            "status of claim {} changed while driver {} wrote it (attempt {}); reading again",
            claim,
            driver,
            attempt);
      }
    }
    throw last;
  }

  private JsonObject read(ClaimRef claim) throws ApiException, ClaimStatusException {
    try {
      JsonObject current = client.execute(client.get(path(claim)));
      String uid = JsonFields.string(current, "metadata", "uid");
      if (!uid.equals(claim.uid())) {
        throw new ClaimStatusException(
            claim
                + ": the claim was replaced (it now has UID "
                + uid
                + "); its status is not"
                + " written");
      }
      return current;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        throw new ClaimStatusException(claim + ": the claim no longer exists", e);
      }
      throw e;
    }
  }

  private void checkAllocated(ClaimRef claim, JsonObject current, List<AllocatedDevice> devices)
      throws ClaimStatusException {
    List<JsonObject> results =
        JsonFields.objects(current, "status", "allocation", "devices", "results");
    for (AllocatedDevice d : devices) {
      boolean allocated = results.stream().anyMatch(r -> DeviceEntries.isEntryOf(r, driver, d));
      if (!allocated) {
        throw new ClaimStatusException(
            claim
                + ": device "
                + d.pool()
                + "/"
                + d.device()
                + d.shareId().map(s -> " (share " + s + ")").orElse("")
                + " is not allocated to driver "
                + driver
                + " in this claim; the API accepts status only for allocated devices: check"
                + " status.allocation of the claim");
      }
    }
  }

  private void patch(ClaimRef claim, JsonObject current, JsonArray devices) throws ApiException {
    JsonObject meta = new JsonObject();
    meta.addProperty("uid", claim.uid());
    meta.addProperty("resourceVersion", JsonFields.string(current, "metadata", "resourceVersion"));
    JsonObject status = new JsonObject();
    status.add("devices", devices.isEmpty() ? JsonNull.INSTANCE : devices);
    JsonObject body = new JsonObject();
    body.add("metadata", meta);
    body.add("status", status);
    client.execute(
        client.send("PATCH", path(claim) + "/status", body.toString(), KubeClient.MERGE_PATCH));
  }

  private static String path(ClaimRef claim) {
    return "/apis/resource.k8s.io/v1/namespaces/"
        + claim.namespace()
        + "/resourceclaims/"
        + claim.name();
  }

  /** A failed write described with the claim, the API's answer and the fix. */
  String describe(ClaimRef claim, ApiException e) {
    String answer = JsonInformer.describe(e);
    String fix =
        switch (e.getCode()) {
          case 403, 422 ->
              answer.contains("status.devices") || e.getCode() == 403
                  ? "; grant driver "
                      + driver
                      + "'s service account patch on resourceclaims/status and, on Kubernetes"
                      + " 1.36 or newer, associated-node:patch and associated-node:update on"
                      + " resourceclaims/driver with resourceNames ["
                      + driver
                      + "]"
                  : "";
          case 409 -> "; the claim kept changing during " + MAX_ATTEMPTS + " attempts";
          case 0 -> "; the API server cannot be reached";
          default -> "";
        };
    return claim + ": driver " + driver + " cannot write status.devices: " + answer + fix;
  }
}
