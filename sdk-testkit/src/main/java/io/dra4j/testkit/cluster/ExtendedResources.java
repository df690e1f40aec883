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
package io.dra4j.testkit.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.kubernetes.client.custom.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The scheduler's part of {@code DRAExtendedResource}: a container asking for an extended resource
 * that a DeviceClass maps (its {@code spec.extendedResourceName}, or the implicit {@code
 * deviceclass.resource.kubernetes.io/<class>}) gets a device request in one claim per pod, made by
 * the scheduler (named {@code <pod>-extended-resources-xxxxx}, owned by the pod, annotated {@code
 * resource.kubernetes.io/extended-resource-claim: "true"}) and recorded in the pod's {@code
 * status.extendedResourceClaimStatus}. Requests are named {@code container-<i>-request-<j>}: {@code
 * i} counts init containers, then containers; {@code j} is the resource's index among the
 * container's sorted request names. Extended resources no class maps (every one when the gate is
 * off) must be advertised in the node's {@code status.allocatable}, as for a device plugin.
 */
final class ExtendedResources {
  /** The prefix of the name every DeviceClass maps implicitly. */
  static final String IMPLICIT_PREFIX = "deviceclass.resource.kubernetes.io/";

  /** The annotation of the claim the scheduler makes. */
  static final String CLAIM_ANNOTATION = "resource.kubernetes.io/extended-resource-claim";

  /** The name a {@link PodRun} lists the scheduler-made claim under. */
  static final String POD_CLAIM_NAME = "extended-resources";

  private ExtendedResources() {}

  /**
   * One container's extended resource served by DRA.
   *
   * @param container the container's name
   * @param resource the resource name the container asks for
   * @param request the device request's name in the claim
   * @param deviceClass the DeviceClass that maps the name
   * @param count how many devices
   */
  record Request(
      String container, String resource, String request, String deviceClass, long count) {}

  /**
   * What a pod asks for beyond CPU and memory.
   *
   * @param mapped the requests DeviceClasses serve, by request name
   * @param unmapped per extended resource no class serves, the pod's total
   * @param whyUnmapped why these are not served through DRA, for explanations
   */
  record Demand(List<Request> mapped, Map<String, Long> unmapped, String whyUnmapped) {
    Demand {
      mapped = List.copyOf(mapped);
      unmapped = Map.copyOf(unmapped);
    }
  }

  /**
   * The extended resources of {@code pod}, mapped with {@code classes} when {@code enabled}.
   *
   * @param gateOff how the gate stands when off ("off in Kubernetes 1.35"), for explanations
   */
  static Demand of(JsonObject pod, List<JsonObject> classes, boolean enabled, String gateOff) {
    Map<String, String> classOf = new TreeMap<>();
    if (enabled) {
      for (JsonObject c : ModelJson.byName(classes)) {
        String name = JsonFields.string(c, "metadata", "name");
        classOf.put(IMPLICIT_PREFIX + name, name);
        String explicit = JsonFields.string(c, "spec", "extendedResourceName");
        if (!explicit.isEmpty()) {
          classOf.putIfAbsent(explicit, name);
        }
      }
    }
    List<Request> mapped = new ArrayList<>();
    Map<String, Long> unmapped = new TreeMap<>();
    List<JsonObject> containers =
        new ArrayList<>(JsonFields.objects(pod, "spec", "initContainers"));
    containers.addAll(JsonFields.objects(pod, "spec", "containers"));
    for (int i = 0; i < containers.size(); i++) {
      JsonObject c = containers.get(i);
      List<String> names = new ArrayList<>(requests(c).keySet());
      for (Map.Entry<String, Long> r : requests(c).entrySet()) {
        if (!isExtended(r.getKey()) || r.getValue() == 0) {
          continue;
        }
        String deviceClass = classOf.get(r.getKey());
        if (deviceClass == null) {
          unmapped.merge(r.getKey(), r.getValue(), Long::sum);
        } else {
          String request = "container-" + i + "-request-" + names.indexOf(r.getKey());
          mapped.add(
              new Request(
                  JsonFields.string(c, "name"), r.getKey(), request, deviceClass, r.getValue()));
        }
      }
    }
    mapped.sort((a, b) -> a.request().compareTo(b.request()));
    String why =
        enabled
            ? "no DeviceClass has it as spec.extendedResourceName"
            : "DRAExtendedResource is " + gateOff + ", so no DeviceClass serves it";
    return new Demand(mapped, unmapped, why);
  }

  /**
   * Why {@code node} cannot run a pod with these unmapped resources: the first one its {@code
   * status.allocatable} does not cover, as kube-scheduler's {@code Insufficient <name>}.
   */
  static Optional<String> insufficient(JsonObject node, Demand demand) {
    for (Map.Entry<String, Long> r : demand.unmapped().entrySet()) {
      Optional<JsonElement> have = JsonFields.at(node, "status", "allocatable", r.getKey());
      long available = have.map(h -> quantity(h.getAsString(), r.getKey())).orElse(0L);
      if (available < r.getValue()) {
        return Optional.of(
            "Insufficient "
                + r.getKey()
                + ": the pod asks for "
                + r.getValue()
                + ", the node's status.allocatable has "
                + available
                + ", and "
                + demand.whyUnmapped());
      }
    }
    return Optional.empty();
  }

  /** The claim the scheduler makes for the mapped requests, owned by the pod. */
  static JsonObject claim(PodRef pod, Demand demand) {
    JsonArray requests = new JsonArray();
    for (Request r : demand.mapped()) {
      JsonObject exactly = new JsonObject();
      exactly.addProperty("deviceClassName", r.deviceClass());
      exactly.addProperty("allocationMode", "ExactCount");
      exactly.addProperty("count", r.count());
      JsonObject request = new JsonObject();
      request.addProperty("name", r.request());
      request.add("exactly", exactly);
      requests.add(request);
    }
    JsonObject devices = new JsonObject();
    devices.add("requests", requests);
    JsonObject spec = new JsonObject();
    spec.add("devices", devices);
    JsonObject claim = new JsonObject();
    claim.addProperty("apiVersion", "resource.k8s.io/v1");
    claim.addProperty("kind", "ResourceClaim");
    JsonObject annotations = new JsonObject();
    annotations.addProperty(CLAIM_ANNOTATION, "true");
    JsonObject meta = ClaimController.ownedBy(pod, pod.name() + "-extended-resources-");
    meta.add("annotations", annotations);
    claim.add("metadata", meta);
    claim.add("spec", spec);
    return claim;
  }

  /** The pod's {@code status.extendedResourceClaimStatus} for the claim {@code claimName}. */
  static JsonObject status(String claimName, Demand demand) {
    JsonArray mappings = new JsonArray();
    for (Request r : demand.mapped()) {
      JsonObject m = new JsonObject();
      m.addProperty("containerName", r.container());
      m.addProperty("resourceName", r.resource());
      m.addProperty("requestName", r.request());
      mappings.add(m);
    }
    JsonObject status = new JsonObject();
    status.add("requestMappings", mappings);
    status.addProperty("resourceClaimName", claimName);
    return status;
  }

  /**
   * A container's requests as the API server defaults them: {@code resources.limits} overlaid by
   * {@code resources.requests}, sorted by name, whole numbers.
   */
  private static Map<String, Long> requests(JsonObject container) {
    Map<String, Long> out = new TreeMap<>();
    for (String field : List.of("limits", "requests")) {
      JsonFields.object(container, "resources", field)
          .ifPresent(
              m -> {
                for (Map.Entry<String, JsonElement> e : m.entrySet()) {
                  out.put(e.getKey(), quantity(e.getValue().getAsString(), e.getKey()));
                }
              });
    }
    return out;
  }

  /** Extended resources have a domain outside {@code kubernetes.io}; CPU, memory, hugepages not. */
  private static boolean isExtended(String name) {
    return name.contains("/")
        && !name.startsWith("kubernetes.io/")
        && !name.startsWith("requests.");
  }

  /** A quantity rounded up to a whole number (extended resources are counts). */
  private static long quantity(String text, String name) {
    try {
      return new Quantity(text).getNumber().setScale(0, java.math.RoundingMode.CEILING).longValue();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "resource " + name + " has the quantity \"" + text + "\", which is not a quantity", e);
    }
  }
}
