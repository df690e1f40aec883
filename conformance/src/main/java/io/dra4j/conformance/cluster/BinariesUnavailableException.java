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
package io.dra4j.conformance.cluster;

/**
 * The Kubernetes binaries cannot be provided on this machine (no Go toolchain, no build script, or
 * a failed build). The message says which and what to do; tests turn it into a skip.
 */
public final class BinariesUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message states the reason. */
  public BinariesUnavailableException(String message) {
    super(message);
  }
}
