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

import com.google.gson.JsonObject;
import io.dra4j.testkit.allocator.Explanation;
import java.util.List;

/** Where the scheduler put a pod: bound to a node, or left Pending with the allocator's reasons. */
sealed interface Placement {

  /** The pod's claims as stored after scheduling, in the pod's order. */
  List<JsonObject> claims();

  /**
   * The pod is bound to {@code node} and every claim is allocated and reserved for it.
   *
   * @param pod the bound pod as stored
   */
  record Bound(JsonObject pod, String node, List<JsonObject> claims) implements Placement {}

  /**
   * The claims are allocated for {@code node} and reserved, but a device's binding conditions do
   * not hold yet: the pod is not bound.
   */
  record Waiting(String node, List<JsonObject> claims) implements Placement {}

  /** No node fits the pod's claims; the pod carries {@code PodScheduled=False}. */
  record Unschedulable(Explanation explanation, List<JsonObject> claims) implements Placement {}
}
