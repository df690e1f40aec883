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
package io.dra4j.api.guard;

import io.dra4j.api.DriverContext;
import io.dra4j.api.NodeUnreadableException;
import io.dra4j.api.device.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Refuses to run a DRA driver on a node where a device plugin for the same hardware still
 * advertises resources: both would hand out the same devices, silently oversubscribing them.
 *
 * <p>Call it first in {@link io.dra4j.api.DeviceProvider#start start}, with the extended resource
 * names the device plugin advertises (for example {@code vendor.example.com/gpu}); the thrown
 * exception stops the driver with a message that says what to remove. It reads {@link
 * DriverContext#nodeAllocatable()}; when the node cannot be read it refuses as well, since it
 * cannot tell whether the device plugin is still there.
 */
public final class DevicePluginConflict {
  private DevicePluginConflict() {}

  /**
   * Throws when the node's allocatable resources contain any of {@code resources} with a non-zero
   * amount.
   *
   * @param context the driver context (its {@code nodeAllocatable()} is read)
   * @param driver the DRA driver name, for the message
   * @param plugin what to remove, for the message (for example the Helm release of the plugin)
   * @param resources the extended resource names the device plugin advertises
   * @throws IllegalStateException naming the node, the resources and the fix, also when the node
   *     cannot be read (its cause is then the {@link NodeUnreadableException})
   */
  public static void refuseIfAdvertised(
      DriverContext context, String driver, String plugin, List<String> resources) {
    Map<String, Quantity> allocatable;
    try {
      allocatable = context.nodeAllocatable();
    } catch (NodeUnreadableException e) {
      throw new IllegalStateException(
          driver
              + " will not start on node "
              + e.nodeName()
              + ": it cannot check whether the node still advertises "
              + resources
              + " from "
              + plugin
              + ", and starting anyway could hand out devices the plugin also hands out. "
              + e.getMessage(),
          e);
    }
    Map<String, Quantity> found = new TreeMap<>();
    for (String r : resources) {
      Quantity q = allocatable.get(r);
      if (q != null && !q.isZero()) {
        found.put(r, q);
      }
    }
    if (!found.isEmpty()) {
      throw new IllegalStateException(
          driver
              + " will not start on node "
              + context.nodeName()
              + ": the node still advertises "
              + found
              + " from "
              + plugin
              + ", which would hand out the same devices. Remove the device plugin from this node"
              + " (for example with a node selector or by uninstalling it), wait until the node"
              + " no longer lists these resources in status.allocatable, then start the driver"
              + " again.");
    }
  }
}
