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
package io.dra4j.api.prepare;

/**
 * Preparing or unpreparing one claim failed. The message reaches the pod's events through the
 * kubelet, so say what failed and how to fix it; the kubelet already names the claim in front of
 * it. Other claims of the same call are unaffected.
 */
public class PrepareException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with a message that says what failed and how to fix it. */
  public PrepareException(String message) {
    super(message);
  }

  /** A failure with a message and the exception that caused it. */
  public PrepareException(String message, Throwable cause) {
    super(message, cause);
  }
}
