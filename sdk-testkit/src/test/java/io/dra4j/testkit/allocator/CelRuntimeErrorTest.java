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

import static io.dra4j.testkit.allocator.AllocatorTest.allocated;
import static io.dra4j.testkit.allocator.AllocatorTest.devices;
import static io.dra4j.testkit.allocator.AllocatorTest.reason;
import static io.dra4j.testkit.allocator.DraObjects.claim;
import static io.dra4j.testkit.allocator.DraObjects.device;
import static io.dra4j.testkit.allocator.DraObjects.deviceClass;
import static io.dra4j.testkit.allocator.DraObjects.node;
import static io.dra4j.testkit.allocator.DraObjects.request;
import static io.dra4j.testkit.allocator.DraObjects.requestAll;
import static io.dra4j.testkit.allocator.DraObjects.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.allocator.Explanation.NodeReport;
import io.dra4j.testkit.allocator.Explanation.Reason;
import io.dra4j.testkit.cel.DeviceCel;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A selector failing at runtime stops the allocation as in kube-scheduler, whose allocator
 * evaluates selectors lazily, device by device in its visiting order, skipping devices in use: only
 * a failure the search reaches before it finds an allocation counts.
 */
class CelRuntimeErrorTest {
  private static final String GPU = "gpu.example.com";
  private static final V1Node NODE = node("node-a");
  private static final V1DeviceClass GPU_CLASS =
      deviceClass("gpu", "device.driver == 'gpu.example.com'");
  private static final String CORES = "device.attributes['gpu.example.com'].cores >= 4";

  private static Allocator allocator(int minor, List<V1ResourceSlice> slices) {
    return Allocator.create(
        ClusterState.of(slices, List.of(GPU_CLASS)),
        DeviceCel.create(),
        Allocator.DEFAULT_MAX_STEPS,
        AllocatorFeatures.forRelease(minor, Map.of()));
  }

  private static V1ResourceSlice slice(String pool, String node, DraObjects.DeviceBuilder... d) {
    return DraObjects.slice(pool, GPU, pool).nodeName(node).devices(d).build();
  }

  private static ResourceV1ResourceClaim cores(String name, long count) {
    return claim("ns", name).request(request("g", "gpu", count, CORES)).build();
  }

  @Test
  void aFailureBeforeTheFirstFitStopsTheNodeAndExplainNamesDeviceAndExpression() {
    Allocator a =
        allocator(
            37,
            List.of(slice("p", "node-a", device("no-attr"), device("with-attr").attr("cores", 8))));

    AllocationOutcome outcome = a.allocate(NODE, List.of(cores("c", 1)));

    assertThat(outcome).isInstanceOf(AllocationOutcome.Unschedulable.class);
    NodeReport report = a.explain(NODE, List.of(cores("c", 1))).nodes().get(0);
    assertThat(report.fits()).isFalse();
    assertThat(report.reason()).isEqualTo(Reason.CEL_RUNTIME_ERROR);
    assertThat(report.summary())
        .contains("claim ns/c request g: selector #0 \"" + CORES + "\"")
        .contains("on device gpu.example.com/p/no-attr: CEL runtime error: ")
        .contains("cores");
    assertThat(reason(outcome)).contains("gpu.example.com/p/no-attr").contains(CORES);
  }

  @Test
  void aFailingDeviceAfterTheFirstFitIsNeverEvaluated() {
    Allocator a =
        allocator(
            37,
            List.of(slice("p", "node-a", device("with-attr").attr("cores", 8), device("no-attr"))));

    assertThat(devices(allocated(a.allocate(NODE, List.of(cores("c", 1))), 0)))
        .containsExactly("with-attr");
    assertThat(a.explain(NODE, List.of(cores("c", 1))).nodes().get(0).reason())
        .isEqualTo(Reason.FITS);
  }

  @Test
  void aFailingDeviceInUseIsSkippedBeforeItsSelectorsAreEvaluated() {
    V1ResourceSlice s =
        slice("p", "node-a", device("no-attr"), device("with-attr").attr("cores", 8));
    Allocator a = allocator(37, List.of(s));
    ResourceV1ResourceClaim holder =
        claim("ns", "holder")
            .request(request("g", "gpu", 1, "device.attributes.size() >= 0"))
            .build();
    a = AllocatorTest.apply(a, NODE, holder);

    assertThat(devices(allocated(a.allocate(NODE, List.of(cores("c", 1))), 0)))
        .containsExactly("with-attr");
  }

  @Test
  void aFailureTheExhaustiveSearchReachesStopsItEvenWhenNothingCouldFit() {
    // Two devices are asked, one usable device exists; the scheduler tries it, then goes on to the
    // failing one instead of giving up early.
    Allocator a =
        allocator(
            37,
            List.of(slice("p", "node-a", device("with-attr").attr("cores", 8), device("no-attr"))));

    NodeReport report = a.explain(NODE, List.of(cores("c", 2))).nodes().get(0);

    assertThat(report.reason()).isEqualTo(Reason.CEL_RUNTIME_ERROR);
  }

  @Test
  void anAllRequestEvaluatesEveryDeviceBeforeTheSearch() {
    Allocator a =
        allocator(
            37,
            List.of(slice("p", "node-a", device("with-attr").attr("cores", 8), device("no-attr"))));
    ResourceV1ResourceClaim all = claim("ns", "all").request(requestAll("g", "gpu", CORES)).build();

    NodeReport report = a.explain(NODE, List.of(all)).nodes().get(0);

    assertThat(report.reason()).isEqualTo(Reason.CEL_RUNTIME_ERROR);
    assertThat(report.summary()).contains("gpu.example.com/p/no-attr");
  }

  @Test
  void theVisitingOrderOfTheReleaseDecidesWhetherTheFailureIsMet() {
    // From 1.36 pools go by name: a failing pool named before the matching one is met first.
    V1ResourceSlice good = slice("b-good", "node-a", device("d").attr("cores", 8));
    Allocator failingFirst = allocator(36, List.of(good, slice("a-broken", "node-a", device("d"))));
    Allocator failingLast = allocator(36, List.of(good, slice("z-broken", "node-a", device("d"))));

    assertThat(failingFirst.allocate(NODE, List.of(cores("c", 1))))
        .isInstanceOf(AllocationOutcome.Unschedulable.class);
    assertThat(devices(allocated(failingLast.allocate(NODE, List.of(cores("c", 1))), 0)))
        .containsExactly("d");

    // Before 1.36 the order is the emulated map order: whichever pool it puts first decides.
    List<Boolean> stopped = new ArrayList<>();
    for (long seed = 0; seed < 16; seed++) {
      Allocator old =
          Allocator.create(
              ClusterState.of(
                  List.of(good, slice("a-broken", "node-a", device("d"))), List.of(GPU_CLASS)),
              DeviceCel.create(),
              Allocator.DEFAULT_MAX_STEPS,
              AllocatorFeatures.forRelease(35, Map.of()).withOrderSeed(seed));
      stopped.add(
          old.allocate(NODE, List.of(cores("c", 1))) instanceof AllocationOutcome.Unschedulable);
    }
    assertThat(stopped).contains(true, false);
  }

  @Test
  void aFailureOnAnyNodeStopsThePodAsKubeSchedulerFiltersEveryNode() {
    Allocator a =
        allocator(
            37,
            List.of(
                slice("node-1", "node-1", device("d").attr("cores", 8)),
                slice("node-2", "node-2", device("d"))));
    List<V1Node> nodes = List.of(node("node-1"), node("node-2"));

    AllocationOutcome outcome = a.allocateOnAnyNode(nodes, List.of(cores("c", 1)));

    assertThat(reason(outcome)).contains("node-2").contains("CEL runtime error");
    Explanation e = a.explain(nodes, List.of(cores("c", 1)));
    assertThat(e.nodes())
        .extracting(NodeReport::reason)
        .containsExactly(Reason.FITS, Reason.CEL_RUNTIME_ERROR);
    assertThat(e.reason()).isEqualTo(Reason.CEL_RUNTIME_ERROR);
    assertThat(e.text()).contains("stops at the CEL runtime error on node node-2");
  }

  @Test
  void selectorsThatFailNowhereKeepTheFirstFit() {
    Allocator a =
        allocator(
            37,
            List.of(
                slice("node-1", "node-1", device("d").attr("cores", 8)),
                slice("node-2", "node-2", device("d").attr("cores", 2))));

    AllocationOutcome outcome =
        a.allocateOnAnyNode(List.of(node("node-1"), node("node-2")), List.of(cores("c", 1)));

    assertThat(outcome.node()).isEqualTo("node-1");
  }
}
