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
package io.dra4j.testkit.explain;

/**
 * The cluster cannot be read: no usable kubeconfig, the API server is unreachable or refuses the
 * request, or the object asked about does not exist. The message names the problem and the fix.
 */
final class ClusterReadException extends Exception {
  private static final long serialVersionUID = 1L;

  ClusterReadException(String message) {
    super(message);
  }

  ClusterReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
