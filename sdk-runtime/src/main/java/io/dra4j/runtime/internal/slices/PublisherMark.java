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
package io.dra4j.runtime.internal.slices;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;

/**
 * Who published a cluster-level ResourceSlice (a pool for all nodes or a node selector): the
 * annotation {@value #ANNOTATION} names the publishing instance, {@code node/<node name>} for a
 * driver on a node and {@code cluster} for a publisher without a node. A publisher deletes a
 * cluster-level slice of a pool it no longer publishes only when the annotation names itself, so
 * that a restarted driver removes its own dropped pools and never another node's.
 */
final class PublisherMark {
  /** The annotation on every cluster-level slice. */
  static final String ANNOTATION = "dra4j.io/published-by";

  private PublisherMark() {}

  /** The annotation's value for the publisher on {@code nodeName} (empty: no node). */
  static String of(String nodeName) {
    return nodeName.isEmpty() ? "cluster" : "node/" + nodeName;
  }

  /** The annotation's value on an observed slice; empty when it has none. */
  static String on(JsonObject slice) {
    return JsonFields.string(slice, "metadata", "annotations", ANNOTATION);
  }
}
