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

import static io.dra4j.testkit.allocator.NodeMatch.nullToEmpty;

import io.dra4j.testkit.allocator.Explanation.Reason;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1AllocatedDeviceStatus;
import io.kubernetes.client.openapi.models.V1Condition;
import io.kubernetes.client.openapi.models.V1DeviceRequestAllocationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the binding of a pod's allocated claims stands under {@code DRADeviceBindingConditions}, as
 * kube-scheduler's PreBind sees it: a pod whose claims hold a device with {@code bindingConditions}
 * is bound only once each of them is {@code True} in the claim's {@code status.devices} entry of
 * that device; a {@code True} {@code bindingFailureCondition} fails the binding, and the scheduler
 * releases the claims and schedules the pod again.
 *
 * @param reason {@link Reason#FITS} when every binding condition holds (or no device has any),
 *     {@link Reason#WAITING_FOR_BINDING_CONDITIONS} or {@link Reason#BINDING_FAILED}
 * @param detail while waiting, per device the conditions not {@code True} yet ({@code claim c,
 *     device driver/pool/device: [conditions]}, separated by {@code ; }); after a failure, the
 *     device and its failure condition that is {@code True}; empty when ready
 */
public record BindingState(Reason reason, String detail) {

  /** Checks the components. */
  public BindingState {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** The state of a pod with these claims, as stored (allocated ones carry the conditions). */
  public static BindingState of(List<ResourceV1ResourceClaim> claims) {
    List<String> waiting = new ArrayList<>();
    for (ResourceV1ResourceClaim claim : claims) {
      if (claim.getStatus() == null
          || claim.getStatus().getAllocation() == null
          || claim.getStatus().getAllocation().getDevices() == null) {
        continue;
      }
      String claimName = claim.getMetadata() == null ? "" : claim.getMetadata().getName();
      for (V1DeviceRequestAllocationResult r :
          nullToEmpty(claim.getStatus().getAllocation().getDevices().getResults())) {
        List<String> conditions = nullToEmpty(r.getBindingConditions());
        if (conditions.isEmpty()) {
          continue;
        }
        String device = r.getDriver() + "/" + r.getPool() + "/" + r.getDevice();
        Set<String> trueOnes = trueConditions(claim, r);
        for (String failure : nullToEmpty(r.getBindingFailureConditions())) {
          if (trueOnes.contains(failure)) {
            return new BindingState(
                Reason.BINDING_FAILED,
                "claim " + claimName + ", device " + device + ": " + failure);
          }
        }
        List<String> missing = conditions.stream().filter(c -> !trueOnes.contains(c)).toList();
        if (!missing.isEmpty()) {
          waiting.add("claim " + claimName + ", device " + device + ": " + missing);
        }
      }
    }
    return waiting.isEmpty()
        ? new BindingState(Reason.FITS, "")
        : new BindingState(Reason.WAITING_FOR_BINDING_CONDITIONS, String.join("; ", waiting));
  }

  /** Whether the pod may be bound now. */
  public boolean ready() {
    return reason == Reason.FITS;
  }

  /**
   * This state as explain reports it for {@code node}, the node the claims are allocated for:
   * waiting (the claims fit there) or a failed binding.
   */
  public Explanation.NodeReport report(String node) {
    return switch (reason) {
      case WAITING_FOR_BINDING_CONDITIONS ->
          new Explanation.NodeReport(
              node,
              true,
              reason,
              "waiting for binding conditions: "
                  + detail
                  + " (the claims are allocated and reserved; the scheduler binds the pod once a"
                  + " controller sets every binding condition True in the claim's status.devices)",
              List.of());
      case BINDING_FAILED ->
          new Explanation.NodeReport(
              node,
              false,
              reason,
              "binding failed: "
                  + detail
                  + " is True (a binding failure condition): the scheduler releases the claims"
                  + " and schedules the pod again",
              List.of());
      default -> new Explanation.NodeReport(node, true, reason, "fits", List.of());
    };
  }

  /** The condition types that are {@code True} in the claim's status entry of a result. */
  private static Set<String> trueConditions(
      ResourceV1ResourceClaim claim, V1DeviceRequestAllocationResult result) {
    Set<String> out = new TreeSet<>();
    for (V1AllocatedDeviceStatus d : nullToEmpty(claim.getStatus().getDevices())) {
      if (Objects.equals(d.getDriver(), result.getDriver())
          && Objects.equals(d.getPool(), result.getPool())
          && Objects.equals(d.getDevice(), result.getDevice())) {
        for (V1Condition c : nullToEmpty(d.getConditions())) {
          if ("True".equals(c.getStatus())) {
            out.add(c.getType());
          }
        }
      }
    }
    return out;
  }
}
