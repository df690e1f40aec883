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
import static io.dra4j.testkit.allocator.DraObjects.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.testkit.cel.DeviceCel;
import io.dra4j.testkit.cel.SelectorCompileException;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** List attributes (DRAListTypeAttributes): set semantics of constraints, includes(), explain. */
class ListAttributesTest {
  private static final String GPU = "gpu.example.com";
  private static final V1Node NODE = node("node-a");

  /** Three GPUs whose NUMA node lists overlap pairwise along a chain: {0,1} {1,2} {2,3}. */
  private static Allocator chain(boolean lists) {
    return chain(lists, AllocatorFeatures.NEWEST);
  }

  /** The chain, plus gpu-3 with the scalar 3, as the scheduler of {@code features} sees it. */
  private static Allocator chain(boolean lists, AllocatorFeatures features) {
    return Allocator.create(
        ClusterState.of(
            List.of(
                slice("s", GPU, "node-a")
                    .nodeName("node-a")
                    .devices(
                        device("gpu-0").ints("numa", 0, 1),
                        device("gpu-1").ints("numa", 1, 2),
                        device("gpu-2").ints("numa", 2, 3),
                        device("gpu-3").attr("numa", 3))
                    .build()),
            List.of(deviceClass("gpu", "device.driver == 'gpu.example.com'"))),
        DeviceCel.create(lists),
        Allocator.DEFAULT_MAX_STEPS,
        features);
  }

  private static ResourceV1ResourceClaim matching(long count, String... selectors) {
    return claim("ns", "c")
        .request(request("g", "gpu", count, selectors))
        .matchAttribute(GPU + "/numa")
        .build();
  }

  @Test
  void matchAttributeNeedsAValueCommonToEveryDevicesList() {
    Allocator a = chain(true);

    assertThat(devices(allocated(a.allocate(NODE, List.of(matching(2))), 0)))
        .containsExactly("gpu-0", "gpu-1");
    // A scalar is a one-value set: 3 is in gpu-2's list.
    assertThat(
            devices(
                allocated(
                    a.allocate(
                        NODE,
                        List.of(matching(2, "device.attributes['" + GPU + "'].numa.includes(3)"))),
                    0)))
        .containsExactly("gpu-2", "gpu-3");
    assertThat(reason(a.allocate(NODE, List.of(matching(3))))).isNotEmpty();
  }

  @Test
  void distinctAttributeNeedsListsThatShareNoValue() {
    ResourceV1ResourceClaim claim =
        claim("ns", "c").request(request("g", "gpu", 2)).distinctAttribute(GPU + "/numa").build();

    assertThat(devices(allocated(chain(true).allocate(NODE, List.of(claim)), 0)))
        .containsExactly("gpu-0", "gpu-2");
  }

  @Test
  void includesFindsAValueInAListOrEqualsAScalar() {
    Allocator a = chain(true);
    String selector = "device.attributes['" + GPU + "'].numa.includes(1)";

    ResourceV1ResourceClaim claim =
        claim("ns", "c").request(request("g", "gpu", 2, selector)).build();

    assertThat(devices(allocated(a.allocate(NODE, List.of(claim)), 0)))
        .containsExactly("gpu-0", "gpu-1");
    DeviceCel cel = DeviceCel.create(true);
    assertThat(cel.compile("device.attributes['d'].v.includes(semver('1.2.0'))")).isNotNull();
  }

  @Test
  void withoutTheGateListsAreIgnoredAndIncludesIsUnknown() {
    Allocator a = chain(false);

    // Only gpu-3 (a scalar) has the attribute, so two matching devices cannot be found.
    String why = reason(a.allocate(NODE, List.of(matching(2))));
    assertThat(why).isNotEmpty();
    assertThat(a.explain(NODE, List.of(matching(2))).text())
        .contains("3 usable devices hold " + GPU + "/numa as a list attribute")
        .contains("DRAListTypeAttributes");
    assertThatThrownBy(
            () -> DeviceCel.create(false).compile("device.attributes['d'].numa.includes(1)"))
        .isInstanceOf(SelectorCompileException.class)
        .hasMessageContaining("includes() needs Kubernetes 1.36 or later")
        .hasMessageContaining("DRAListTypeAttributes");
  }

  @Test
  void explainNamesAListMismatch() {
    String text = chain(true).explain(NODE, List.of(matching(3))).text();

    assertThat(text)
        .contains("the attribute lists of the usable devices share no value")
        .contains("4 values seen");
  }

  @Test
  void kubernetes136ComparesAListAsOneValueInMatchAttribute() {
    Allocator a = chain(true, AllocatorFeatures.forRelease(36, Map.of()));

    // The first device is always taken; no device with a list matches it or anything after it.
    assertThat(devices(allocated(a.allocate(NODE, List.of(matching(1))), 0)))
        .containsExactly("gpu-0");
    assertThat(a.allocate(NODE, List.of(matching(2))))
        .isInstanceOf(AllocationOutcome.Unschedulable.class);
    Explanation why = a.explain(NODE, List.of(matching(2)));
    assertThat(why.nodes().get(0).reason()).isEqualTo(Explanation.Reason.LIST_ATTRIBUTE_MISMATCH);
    assertThat(why.nodes().get(0).summary())
        .contains("matchAttribute gpu.example.com/numa over all requests cannot be met")
        .contains("3 usable devices hold gpu.example.com/numa as a list attribute")
        .contains("which Kubernetes 1.36 compares as one value")
        .contains("after the first device no device with a list matches");
    // 1.37 finds the common value.
    assertThat(
            devices(
                allocated(
                    chain(true, AllocatorFeatures.forRelease(37, Map.of()))
                        .allocate(NODE, List.of(matching(2))),
                    0)))
        .containsExactly("gpu-0", "gpu-1");
  }

  @Test
  void kubernetes136LetsNoListFollowAnotherDeviceInDistinctAttribute() {
    ResourceV1ResourceClaim claim =
        claim("ns", "c").request(request("g", "gpu", 2)).distinctAttribute(GPU + "/numa").build();

    // gpu-0's list comes first; gpu-1 and gpu-2 hold lists and may not follow; the scalar may.
    assertThat(
            devices(
                allocated(
                    chain(true, AllocatorFeatures.forRelease(36, Map.of()))
                        .allocate(NODE, List.of(claim)),
                    0)))
        .containsExactly("gpu-0", "gpu-3");
  }
}
