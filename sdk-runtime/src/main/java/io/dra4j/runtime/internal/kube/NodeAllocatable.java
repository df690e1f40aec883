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
package io.dra4j.runtime.internal.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.api.NodeUnreadableException;
import io.dra4j.api.device.Quantity;
import io.kubernetes.client.openapi.ApiException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Node's {@code status.allocatable} for the device-plugin guard. The Node is read as raw
 * JSON, so fields a newer API server adds (which client-java's typed models reject) do not matter.
 * A Node that does not exist advertises nothing; a Node that cannot be read is retried with backoff
 * a bounded number of times and then reported as {@link NodeUnreadableException}, so that a check
 * that cannot decide never passes silently.
 */
final class NodeAllocatable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAllocatable.class);

  /** Reads tried before giving up; with the backoff below about 3 s in all. */
  static final int ATTEMPTS = 5;

  private final KubeClient client;
  private final String nodeName;
  private final String driverName;
  private final Duration initialDelay;

  NodeAllocatable(KubeClient client, String nodeName, String driverName, Duration initialDelay) {
    this.client = client;
    this.nodeName = nodeName;
    this.driverName = driverName;
    this.initialDelay = initialDelay;
  }

  /**
   * The Node's allocatable resources; empty when the Node does not exist.
   *
   * @throws NodeUnreadableException naming the node, the reason and the fix
   */
  Map<String, Quantity> read() {
    Backoff backoff = new Backoff(initialDelay, initialDelay.multipliedBy(8));
    ApiException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return allocatable(client.execute(client.get("/api/v1/nodes/" + nodeName)));
      } catch (ApiException e) {
        if (e.getCode() == 404) {
          LOG.info(
              "Node {} does not exist; driver {} sees no allocatable resources on it",
              nodeName,
              driverName);
          return Map.of();
        }
        if (e.getCode() == 401 || e.getCode() == 403) {
          throw unreadable(
              e,
              "the API server refused it. Grant the driver's service account get on nodes"
                  + " (the charts' ClusterRole does) and start the driver again.");
        }
        last = e;
        if (attempt < ATTEMPTS) {
          Duration delay = backoff.next();
          LOG.warn(
              "cannot read Node {} for driver {} ({}); attempt {} of {}, next in {} ms",
              nodeName,
              driverName,
              JsonInformer.describe(e),
              attempt,
              ATTEMPTS,
              delay.toMillis());
          sleep(delay);
        }
      }
    }
    throw unreadable(
        last,
        "it failed "
            + ATTEMPTS
            + " times. Check that the API server is reachable from this node, then start the"
            + " driver again.");
  }

  private Map<String, Quantity> allocatable(JsonObject node) {
    Map<String, Quantity> out = new TreeMap<>();
    JsonObject allocatable =
        JsonFields.object(node, "status", "allocatable").orElseGet(JsonObject::new);
    for (Map.Entry<String, JsonElement> e : allocatable.entrySet()) {
      String text =
          e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString();
      try {
        out.put(e.getKey(), Quantity.parse(text));
      } catch (IllegalArgumentException bad) {
        throw new NodeUnreadableException(
            nodeName,
            "cannot read Node "
                + nodeName
                + " for driver "
                + driverName
                + ": status.allocatable."
                + e.getKey()
                + " is '"
                + text
                + "', not a Kubernetes quantity ("
                + bad.getMessage()
                + "). Check what writes the Node's status.");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private NodeUnreadableException unreadable(ApiException e, String fix) {
    NodeUnreadableException out =
        new NodeUnreadableException(
            nodeName,
            "cannot read Node "
                + nodeName
                + " for driver "
                + driverName
                + " ("
                + JsonInformer.describe(e)
                + "): "
                + fix);
    out.initCause(e);
    return out;
  }

  private void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeUnreadableException(
          nodeName, "interrupted while reading Node " + nodeName + " for driver " + driverName);
    }
  }
}
