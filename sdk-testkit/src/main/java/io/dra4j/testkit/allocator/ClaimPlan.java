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

import io.dra4j.testkit.cel.DeviceSelector;
import io.dra4j.testkit.cel.SelectorCompileException;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1CapacityRequirements;
import io.kubernetes.client.openapi.models.V1DeviceClaim;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1DeviceConstraint;
import io.kubernetes.client.openapi.models.V1DeviceRequest;
import io.kubernetes.client.openapi.models.V1DeviceSelector;
import io.kubernetes.client.openapi.models.V1DeviceSubRequest;
import io.kubernetes.client.openapi.models.V1DeviceToleration;
import io.kubernetes.client.openapi.models.V1ExactDeviceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One claim resolved against the catalog: classes found, selectors compiled, limits checked. */
final class ClaimPlan {

  /** The API limit on devices per allocation result. */
  static final int MAX_DEVICES_PER_CLAIM = 32;

  static final int MAX_REQUESTS = 32;
  static final int MAX_SUBREQUESTS = 8;

  /** A claim that cannot be resolved; the message names claim, request and fix. */
  static final class PlanException extends Exception {
    private static final long serialVersionUID = 1L;

    PlanException(String message) {
      super(message);
    }
  }

  /** One way to satisfy a request: the request itself, or one of its subrequests. */
  static final class Alternative {
    final String requestName;
    final String resultName;
    final String className;
    final List<DeviceSelector> classSelectors;
    final List<DeviceSelector> requestSelectors;
    final boolean all;
    final long count;
    final boolean adminAccess;
    final List<V1DeviceToleration> tolerations;
    final V1DeviceClass deviceClass;

    /** Amounts per capacity name the request asks of a shared device; empty for none. */
    final Map<String, Quantity> capacityRequests;

    /** Identifies what the candidate list depends on: selectors, mode and tolerations. */
    final String candidateKey;

    /** Identifies the capacity amounts asked, which decide what a shared device gives. */
    final String capacityKey;

    Alternative(
        String requestName,
        String resultName,
        V1DeviceClass deviceClass,
        List<DeviceSelector> classSelectors,
        List<DeviceSelector> requestSelectors,
        boolean all,
        long count,
        boolean adminAccess,
        List<V1DeviceToleration> tolerations,
        Map<String, Quantity> capacityRequests) {
      this.capacityRequests = capacityRequests;
      this.requestName = requestName;
      this.resultName = resultName;
      this.deviceClass = deviceClass;
      this.className = deviceClass.getMetadata().getName();
      this.classSelectors = classSelectors;
      this.requestSelectors = requestSelectors;
      this.all = all;
      this.count = count;
      this.adminAccess = adminAccess;
      this.tolerations = tolerations;
      StringBuilder key = new StringBuilder(className).append('\u0000').append(all);
      classSelectors.forEach(s -> key.append('\u0000').append(s.expression()));
      key.append('\u0001');
      requestSelectors.forEach(s -> key.append('\u0000').append(s.expression()));
      for (V1DeviceToleration t : tolerations) {
        key.append('\u0002')
            .append(t.getKey())
            .append('|')
            .append(t.getOperator())
            .append('|')
            .append(t.getValue())
            .append('|')
            .append(t.getEffect());
      }
      this.candidateKey = key.toString();
      StringBuilder amounts = new StringBuilder();
      new java.util.TreeMap<>(capacityRequests)
          .forEach(
              (k, v) ->
                  amounts.append(k).append('=').append(v.getNumber().toPlainString()).append(';'));
      this.capacityKey = amounts.toString();
    }

    String mode() {
      return all ? "All" : "ExactCount " + count;
    }
  }

  /** A request and its alternatives in priority order. */
  record RequestPlan(String name, List<Alternative> alternatives) {}

  /** A matchAttribute or distinctAttribute constraint over some (or all) requests. */
  record ConstraintPlan(
      int index, Set<String> requests, String attribute, boolean match, List<String> scope) {
    boolean appliesTo(Alternative a) {
      return requests.isEmpty()
          || requests.contains(a.requestName)
          || requests.contains(a.resultName);
    }

    String describe() {
      return (match ? "matchAttribute " : "distinctAttribute ")
          + attribute
          + " over "
          + (requests.isEmpty() ? "all requests" : String.join(", ", scope));
    }
  }

  final ResourceV1ResourceClaim claim;
  final String ref;
  final List<RequestPlan> requests;
  final List<ConstraintPlan> constraints;

  private ClaimPlan(
      ResourceV1ResourceClaim claim,
      String ref,
      List<RequestPlan> requests,
      List<ConstraintPlan> constraints) {
    this.claim = claim;
    this.ref = ref;
    this.requests = requests;
    this.constraints = constraints;
  }

  static String ref(ResourceV1ResourceClaim claim) {
    if (claim.getMetadata() == null) {
      return "<unnamed claim>";
    }
    String ns = claim.getMetadata().getNamespace();
    return (ns == null ? "" : ns + "/") + claim.getMetadata().getName();
  }

  static ClaimPlan resolve(ResourceV1ResourceClaim claim, Catalog catalog) throws PlanException {
    String ref = ref(claim);
    V1DeviceClaim devices = claim.getSpec() == null ? null : claim.getSpec().getDevices();
    if (devices == null) {
      return new ClaimPlan(claim, ref, List.of(), List.of());
    }
    List<V1DeviceRequest> reqs = nullToEmpty(devices.getRequests());
    if (reqs.size() > MAX_REQUESTS) {
      throw new PlanException(
          "claim " + ref + " has " + reqs.size() + " requests; at most " + MAX_REQUESTS);
    }
    List<RequestPlan> plans = new ArrayList<>();
    for (V1DeviceRequest r : reqs) {
      plans.add(resolveRequest(ref, r, catalog));
    }
    List<ConstraintPlan> constraints = new ArrayList<>();
    List<V1DeviceConstraint> cs = nullToEmpty(devices.getConstraints());
    for (int i = 0; i < cs.size(); i++) {
      V1DeviceConstraint c = cs.get(i);
      boolean match = c.getMatchAttribute() != null;
      String attribute = match ? c.getMatchAttribute() : c.getDistinctAttribute();
      if (!match && attribute != null && !catalog.features.consumableCapacity()) {
        throw new PlanException(
            "claim "
                + ref
                + " constraint "
                + i
                + ": distinctAttribute needs the "
                + AllocatorFeatures.CONSUMABLE_CAPACITY
                + " feature gate (on from Kubernetes 1.36); this cluster drops the field");
      }
      if (attribute == null) {
        throw new PlanException(
            "claim "
                + ref
                + " constraint "
                + i
                + " sets neither matchAttribute nor "
                + "distinctAttribute; set exactly one");
      }
      if (!attribute.contains("/")) {
        throw new PlanException(
            "claim "
                + ref
                + " constraint "
                + i
                + ": attribute \""
                + attribute
                + "\" must be fully qualified (<domain>/<name>, e.g. resource.aws.com/"
                + attribute
                + ")");
      }
      List<String> scope = nullToEmpty(c.getRequests());
      constraints.add(new ConstraintPlan(i, Set.copyOf(scope), attribute, match, scope));
    }
    return new ClaimPlan(claim, ref, List.copyOf(plans), List.copyOf(constraints));
  }

  private static RequestPlan resolveRequest(String ref, V1DeviceRequest r, Catalog catalog)
      throws PlanException {
    String name = r.getName();
    if (name == null || name.isEmpty()) {
      throw new PlanException("claim " + ref + " has a request without a name");
    }
    V1ExactDeviceRequest exact = r.getExactly();
    List<V1DeviceSubRequest> subs = nullToEmpty(r.getFirstAvailable());
    if ((exact == null) == subs.isEmpty()) {
      throw new PlanException(
          "claim " + ref + " request " + name + ": set exactly one of exactly and firstAvailable");
    }
    if (exact != null) {
      return new RequestPlan(
          name,
          List.of(
              alternative(
                  ref,
                  name,
                  name,
                  exact.getDeviceClassName(),
                  exact.getSelectors(),
                  exact.getAllocationMode(),
                  exact.getCount(),
                  Boolean.TRUE.equals(exact.getAdminAccess()),
                  exact.getTolerations(),
                  exact.getCapacity(),
                  catalog)));
    }
    if (subs.size() > MAX_SUBREQUESTS) {
      throw new PlanException(
          "claim "
              + ref
              + " request "
              + name
              + " has "
              + subs.size()
              + " subrequests; at most "
              + MAX_SUBREQUESTS);
    }
    List<Alternative> alts = new ArrayList<>();
    for (V1DeviceSubRequest s : subs) {
      alts.add(
          alternative(
              ref,
              name,
              name + "/" + s.getName(),
              s.getDeviceClassName(),
              s.getSelectors(),
              s.getAllocationMode(),
              s.getCount(),
              false,
              s.getTolerations(),
              s.getCapacity(),
              catalog));
    }
    return new RequestPlan(name, List.copyOf(alts));
  }

  private static Alternative alternative(
      String ref,
      String requestName,
      String resultName,
      String className,
      List<V1DeviceSelector> selectors,
      String mode,
      Long count,
      boolean admin,
      List<V1DeviceToleration> tolerations,
      V1CapacityRequirements capacity,
      Catalog catalog)
      throws PlanException {
    String where = "claim " + ref + " request " + resultName;
    V1DeviceClass cls = className == null ? null : catalog.classes.get(className);
    if (cls == null) {
      throw new PlanException(
          where
              + ": device class \""
              + className
              + "\" does not exist; create the DeviceClass or fix deviceClassName");
    }
    List<DeviceSelector> classSelectors =
        compile(
            "device class " + className,
            cls.getSpec() == null ? List.of() : nullToEmpty(cls.getSpec().getSelectors()),
            catalog);
    List<DeviceSelector> requestSelectors = compile(where, nullToEmpty(selectors), catalog);
    boolean all = "All".equals(mode);
    if (mode != null && !all && !"ExactCount".equals(mode)) {
      throw new PlanException(
          where + ": allocationMode \"" + mode + "\" is not one of ExactCount, All");
    }
    long n = count == null ? 1 : count;
    if (!all && n < 1) {
      throw new PlanException(where + ": count must be at least 1, got " + n);
    }
    return new Alternative(
        requestName,
        resultName,
        cls,
        classSelectors,
        requestSelectors,
        all,
        n,
        admin && catalog.features.adminAccess(),
        nullToEmpty(tolerations),
        capacity == null || !catalog.features.consumableCapacity()
            ? Map.of()
            : Map.copyOf(nullToEmpty(capacity.getRequests())));
  }

  private static List<DeviceSelector> compile(
      String owner, List<V1DeviceSelector> selectors, Catalog catalog) throws PlanException {
    List<DeviceSelector> out = new ArrayList<>();
    for (V1DeviceSelector s : selectors) {
      if (s.getCel() == null || s.getCel().getExpression() == null) {
        throw new PlanException(owner + ": a selector has no cel.expression");
      }
      try {
        out.add(catalog.cel.compile(s.getCel().getExpression()));
      } catch (SelectorCompileException e) {
        throw new PlanException(owner + ": " + e.getMessage());
      }
    }
    return out;
  }

  Optional<RequestPlan> request(String name) {
    return requests.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
