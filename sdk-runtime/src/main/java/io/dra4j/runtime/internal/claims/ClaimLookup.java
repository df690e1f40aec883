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
package io.dra4j.runtime.internal.claims;

import io.dra4j.api.prepare.ClaimRef;

/**
 * Finds the allocated ResourceClaim behind a kubelet prepare request. The production implementation
 * is a watch-backed cache with a live GET on a miss or a UID mismatch.
 */
public interface ClaimLookup extends AutoCloseable {

  /**
   * Returns the claim with the given namespace, name and UID, as allocated.
   *
   * @throws ClaimLookupException when the claim does not exist, has another UID (it was replaced),
   *     is not allocated, or cannot be read; the message says which and what to do
   */
  AllocatedClaim lookup(ClaimRef claim) throws ClaimLookupException;

  @Override
  default void close() {}
}
