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
package io.dra4j.api;

import java.util.Objects;

/**
 * The node this driver runs on could not be read from the API server, so a check that depends on it
 * (such as {@link io.dra4j.api.guard.DevicePluginConflict}) cannot decide. Thrown by {@link
 * DriverContext#nodeAllocatable()} after the SDK has retried; the message names the node, the
 * reason and the fix. A node that does not exist is not this case: it advertises nothing.
 */
public final class NodeUnreadableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String nodeName;

  /**
   * @param nodeName the node that could not be read
   * @param message what failed and how to fix it
   */
  public NodeUnreadableException(String nodeName, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
  }

  /** The node that could not be read. */
  public String nodeName() {
    return nodeName;
  }
}
