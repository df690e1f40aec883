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
package io.dra4j.conformance.node;

/**
 * A test node could not be started, driven or torn down; the message names the part and its log.
 */
public final class NodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message naming the part that failed. */
  public NodeException(String message) {
    super(message);
  }

  /** An error caused by {@code cause}. */
  public NodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
