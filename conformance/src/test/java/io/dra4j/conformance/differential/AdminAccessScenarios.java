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

import static io.dra4j.conformance.differential.Scenarios.claim;
import static io.dra4j.conformance.differential.Scenarios.deviceClass;
import static io.dra4j.conformance.differential.Scenarios.devices;
import static io.dra4j.conformance.differential.Scenarios.request;
import static io.dra4j.conformance.differential.Scenarios.slice;
import static io.dra4j.conformance.differential.Scenarios.template;

import io.dra4j.testkit.allocator.AllocatorFeatures;
import java.util.List;

/**
 * Admin access (DRAAdminAccess: beta and on in 1.34/1.35, GA from 1.36): the API server refuses
 * claims and templates asking for it outside a namespace labelled {@code
 * resource.kubernetes.io/admin-access: "true"}; inside, an admin request gets a device whether or
 * not it is in use and marks nothing as used. With the gate off (possible before 1.36) the field is
 * dropped and the request is an ordinary one.
 */
public final class AdminAccessScenarios {
  /** The namespace label that allows admin access. */
  static final String LABEL = "resource.kubernetes.io/admin-access";

  private AdminAccessScenarios() {}

  /** Every admin-access scenario. */
  public static List<Scenario> all() {
    return List.of(adminAccessRefused(), adminAccess());
  }

  /**
   * Templates and a claim with {@code adminAccess: true} in a namespace without the label; a pod
   * using such a template gets no claim. Gate off, they are stored as ordinary requests.
   */
  static Scenario adminAccessRefused() {
    String d = "noadmin.diff.dra4j.io";
    Expected<Boolean> refused =
        Expected.when("DRAAdminAccess", AllocatorFeatures::adminAccess, true, false);
    return Scenario.named("admin-access-unlabelled")
        .acrossGates()
        .objects(deviceClass("noadmin", d))
        .objects(slice("noadmin-node-1", d, "node-1", "node-1", devices(2)))
        .objects(template("admin", request("dev", "noadmin", "adminAccess: true")), refused)
        .objects(
            template(
                "second-admin",
                request("dev", "noadmin", "count: 1")
                    + ", "
                    + request("monitor", "noadmin", "adminAccess: true")),
            refused)
        .objects(claim("admin", request("dev", "noadmin", "adminAccess: true")), refused)
        .objects(template("one", request("dev", "noadmin", "count: 1")))
        .pod("a", true, "one")
        .pod(
            "b",
            Expected.when(
                "DRAAdminAccess",
                AllocatorFeatures::adminAccess,
                PodOutcome.State.REFUSED,
                PodOutcome.State.BOUND),
            "admin")
        .build();
  }

  /**
   * In a labelled namespace: an admin request takes a device another pod then gets too, takes a
   * device in use, and with {@code allocationMode: All} takes every device, in use or not; none of
   * this uses a device up. Gate off, each admin request holds its device like any other.
   */
  static Scenario adminAccess() {
    String d = "admin.diff.dra4j.io";
    Expected<PodOutcome.State> admin =
        Expected.boundWith("DRAAdminAccess", AllocatorFeatures::adminAccess);
    return Scenario.named("admin-access")
        .acrossGates()
        .namespaceLabel(LABEL, "true")
        .objects(deviceClass("admin", d))
        .objects(slice("admin-node-1", d, "node-1", "node-1", devices(2)))
        .objects(template("admin", request("dev", "admin", "adminAccess: true")))
        .objects(
            template(
                "admin-all", request("dev", "admin", "allocationMode: All, adminAccess: true")))
        .objects(template("one", request("dev", "admin", "count: 1")))
        .objects(claim("admin-shared", request("dev", "admin", "adminAccess: true")))
        // on: dev-0 (admin), dev-0, dev-1, dev-0 (admin), both (admin), -, dev-0 (admin)
        // off: dev-0, dev-1, then nothing is left
        .pod("a", true, "admin")
        .pod("b", true, "one")
        .pod("c", admin, "one")
        .pod("d", admin, "admin")
        .pod("e", admin, "admin-all")
        .pod("f", false, "one")
        .podSharing("g", admin, "admin-shared")
        .build();
  }
}
