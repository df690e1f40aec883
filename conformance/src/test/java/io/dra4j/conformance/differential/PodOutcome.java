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
package io.dra4j.conformance.differential;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.kubernetes.client.custom.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one side did with one pod: the node it was bound to and, per pod claim, the allocated
 * devices; the node its claims were allocated for while the scheduler waits for binding conditions;
 * or why it was refused.
 *
 * @param pod the pod's name
 * @param state bound, waiting for binding conditions, or refused
 * @param node the node it is bound to or waits for; empty when unschedulable
 * @param claims per pod claim name ({@code t0}, {@code c0}, ...), the devices in result order
 * @param refusal why no node fits; empty unless refused
 */
public record PodOutcome(
    String pod,
    State state,
    Optional<String> node,
    SortedMap<String, List<Device>> claims,
    Optional<Refusal> refusal)
    implements StepOutcome {

  /** Copies the map. */
  public PodOutcome {
    claims = new TreeMap<>(claims);
  }

  /** A scheduled pod. */
  static PodOutcome bound(String pod, String node, Map<String, List<Device>> claims) {
    return new PodOutcome(
        pod, State.BOUND, Optional.of(node), new TreeMap<>(claims), Optional.empty());
  }

  /** A pod whose claims are allocated for {@code node} while the scheduler waits to bind it. */
  static PodOutcome waiting(String pod, String node, Map<String, List<Device>> claims) {
    return new PodOutcome(
        pod, State.WAITING, Optional.of(node), new TreeMap<>(claims), Optional.empty());
  }

  /** An unschedulable pod. */
  static PodOutcome refused(String pod, Refusal refusal) {
    return new PodOutcome(
        pod, State.REFUSED, Optional.empty(), new TreeMap<>(), Optional.of(refusal));
  }

  /** Whether the pod was bound to a node. */
  public boolean scheduled() {
    return state == State.BOUND;
  }

  @Override
  public String toString() {
    return pod
        + ": "
        + switch (state) {
          case BOUND -> "on " + node.orElse("?") + " " + claims;
          case WAITING -> "waiting for binding conditions on " + node.orElse("?") + " " + claims;
          case REFUSED -> "unschedulable, " + refusal.map(Refusal::toString).orElse("?");
        };
  }

  /** What became of a pod. */
  public enum State {
    /** Bound to a node. */
    BOUND,
    /** Claims allocated and reserved, binding held until the devices' binding conditions hold. */
    WAITING,
    /** Unschedulable. */
    REFUSED;

    /** {@code BOUND} or {@code REFUSED} on every release. */
    static Expected<State> of(boolean fits) {
      return Expected.always(fits ? BOUND : REFUSED);
    }
  }

  /**
   * The node an allocation is for: the value of the {@code metadata.name} field selector of its
   * {@code nodeSelector}; empty when it has none.
   */
  static String allocationNode(JsonObject claim) {
    for (JsonObject term :
        JsonFields.objects(claim, "status", "allocation", "nodeSelector", "nodeSelectorTerms")) {
      for (JsonObject f : JsonFields.objects(term, "matchFields")) {
        if ("metadata.name".equals(JsonFields.string(f, "key"))) {
          List<String> values = JsonFields.strings(f, "values");
          return values.isEmpty() ? "" : values.get(0);
        }
      }
    }
    return "";
  }

  /**
   * One allocated device.
   *
   * @param request the request, or {@code request/subrequest}
   * @param consumed the capacity a shared device gives this claim, by name (numbers, so that {@code
   *     12Gi} and {@code 12884901888} compare equal)
   * @param adminAccess whether the result grants admin access
   */
  public record Device(
      String request,
      String driver,
      String pool,
      String device,
      Map<String, BigDecimal> consumed,
      boolean adminAccess) {
    /** Copies the map. */
    public Device {
      consumed = new TreeMap<>(consumed);
    }

    /** The devices of a claim's {@code status.allocation.devices.results}, in order. */
    static List<Device> of(JsonObject claim) {
      List<Device> out = new ArrayList<>();
      for (JsonObject r : JsonFields.objects(claim, "status", "allocation", "devices", "results")) {
        Map<String, BigDecimal> consumed = new TreeMap<>();
        JsonElement capacity = r.get("consumedCapacity");
        if (capacity != null && capacity.isJsonObject()) {
          for (Map.Entry<String, JsonElement> e : capacity.getAsJsonObject().entrySet()) {
            consumed.put(e.getKey(), new Quantity(e.getValue().getAsString()).getNumber());
          }
        }
        out.add(
            new Device(
                JsonFields.string(r, "request"),
                JsonFields.string(r, "driver"),
                JsonFields.string(r, "pool"),
                JsonFields.string(r, "device"),
                consumed,
                JsonFields.optBoolean(r, "adminAccess").orElse(false)));
      }
      return out;
    }

    @Override
    public String toString() {
      return request
          + "="
          + driver
          + "/"
          + pool
          + "/"
          + device
          + (consumed.isEmpty() ? "" : consumed.toString())
          + (adminAccess ? "(admin)" : "");
    }
  }

  /**
   * Why a pod is unschedulable, reduced to what both sides can say.
   *
   * @param category the kind of reason
   * @param nodes on how many nodes that reason was found
   * @param message the side's own words (scheduler condition message, or explain's summary)
   */
  public record Refusal(Category category, int nodes, String message) {
    private static final Pattern CANNOT_ALLOCATE =
        Pattern.compile("(\\d+) cannot allocate all claims");
    private static final Pattern INSUFFICIENT = Pattern.compile("(\\d+) Insufficient ");

    /**
     * The category of a {@code PodScheduled=False} message of kube-scheduler (reason Unschedulable
     * or SchedulerError), such as {@code 0/2 nodes are available: 2 cannot allocate all claims.
     * preemption: ...}.
     */
    static Refusal ofSchedulerMessage(String message) {
      Matcher m = CANNOT_ALLOCATE.matcher(message);
      if (m.find()) {
        return new Refusal(Category.DEVICES_DO_NOT_FIT, Integer.parseInt(m.group(1)), message);
      }
      Matcher insufficient = INSUFFICIENT.matcher(message);
      if (insufficient.find()) {
        return new Refusal(
            Category.INSUFFICIENT_NODE_RESOURCE, Integer.parseInt(insufficient.group(1)), message);
      }
      if (message.contains("CEL runtime error")) {
        return new Refusal(Category.CEL_RUNTIME_ERROR, 0, message);
      }
      if (message.contains("does not exist")) {
        return new Refusal(Category.DEVICE_CLASS_MISSING, 0, message);
      }
      return new Refusal(Category.OTHER, 0, message);
    }

    @Override
    public String toString() {
      return category + " on " + nodes + " node(s)";
    }
  }

  /** The kinds of reason a pod stays Pending that both kube-scheduler and explain name. */
  public enum Category {
    /** The scheduler's "cannot allocate all claims": devices, selectors or constraints. */
    DEVICES_DO_NOT_FIT,
    /**
     * A selector failed on a device (a missing attribute, say): kube-scheduler reports a
     * SchedulerError, explain lists the CEL errors.
     */
    CEL_RUNTIME_ERROR,
    /** A request names a DeviceClass that does not exist. */
    DEVICE_CLASS_MISSING,
    /**
     * The pod asks for an extended resource that the node does not advertise and no DeviceClass
     * serves: kube-scheduler's {@code Insufficient <name>}.
     */
    INSUFFICIENT_NODE_RESOURCE,
    /**
     * A claim of the pod cannot be made because its ResourceClaimTemplate does not exist (the API
     * server refused it): kube-controller-manager's {@code FailedResourceClaimCreation} (and
     * kube-scheduler never tries the pod), the testkit's refusal to run it.
     */
    CLAIM_NOT_CREATED,
    /** Anything else. */
    OTHER
  }
}
