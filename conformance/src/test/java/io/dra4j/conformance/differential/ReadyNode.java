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

import com.google.gson.JsonObject;
import io.dra4j.conformance.cluster.KubeObjects;
import java.util.Map;
import java.util.TreeMap;

/** Node objects as a kubelet registers them, for clusters that run no kubelet. */
public final class ReadyNode {
  private ReadyNode() {}

  /**
   * A Node that is Ready, untainted, with CPU, memory and pod capacity, labelled with its hostname
   * and {@code labels}.
   */
  public static JsonObject of(String name, Map<String, String> labels) {
    Map<String, String> all = new TreeMap<>(labels);
    all.put("kubernetes.io/hostname", name);
    StringBuilder text = new StringBuilder();
    all.forEach((k, v) -> text.append(k).append(": ").append(v).append(", "));
    String capacity = "{cpu: '64', memory: 512Gi, pods: '110'}";
    return KubeObjects.parse(
            "{apiVersion: v1, kind: Node, metadata: {name: "
                + name
                + ", labels: {"
                + text
                + "}}, status: {capacity: "
                + capacity
                + ", allocatable: "
                + capacity
                + ", conditions: [{type: Ready, status: 'True', reason: KubeletReady}]}}")
        .get(0);
  }
}
