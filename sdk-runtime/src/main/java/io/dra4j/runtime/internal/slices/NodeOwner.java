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
import io.dra4j.runtime.internal.kube.KubeClient;
import io.kubernetes.client.openapi.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the UID of the Node that owns a publisher's node-local slices, and tells once in the log
 * when that Node does not exist yet and when it appears. Used from the reconcile thread only.
 */
final class NodeOwner {
  // Under the publisher's name: one logger setting covers every part of it.
  private static final Logger LOG = LoggerFactory.getLogger(SlicePublisher.class);

  /** The Node does not exist (yet); the publisher waits for it. */
  static final class MissingException extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private final KubeClient client;
  private final String nodeName;
  private final String who;
  private final PublisherCounters counters;
  private String uid;
  private boolean missingLogged;

  NodeOwner(KubeClient client, String nodeName, String who, PublisherCounters counters) {
    this.client = client;
    this.nodeName = nodeName;
    this.who = who;
    this.counters = counters;
  }

  /** The Node's UID, read once and then remembered. */
  String uid() throws ApiException, MissingException {
    return uid != null ? uid : freshUid();
  }

  /** The Node's UID read now: the Node may have been deleted and created again. */
  String freshUid() throws ApiException, MissingException {
    try {
      JsonObject node = client.execute(client.get("/api/v1/nodes/" + nodeName));
      String fresh = JsonFields.string(node, "metadata", "uid");
      if (missingLogged) {
        LOG.info("Node {} appeared; publishing the ResourceSlices of {}", nodeName, who);
        missingLogged = false;
      }
      uid = fresh;
      return fresh;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        if (!missingLogged) {
          missingLogged = true;
          LOG.warn(
              "Node {} does not exist yet; ResourceSlices of {} for its node-local pools will be"
                  + " published as soon as it appears",
              nodeName,
              who);
        }
        throw new MissingException();
      }
      throw counters.failed("get", "nodes", nodeName, e);
    }
  }
}
