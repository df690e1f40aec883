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
package io.dra4j.api.status;

/** A claim status that could not be written; the message names the claim, the cause and the fix. */
public final class ClaimStatusException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with a message only. */
  public ClaimStatusException(String message) {
    super(message);
  }

  /** A failure caused by another exception. */
  public ClaimStatusException(String message, Throwable cause) {
    super(message, cause);
  }
}
