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

import java.util.Optional;

/**
 * What a {@link SlicePublisher} has done so far.
 *
 * @param creates slices created
 * @param updates slices updated
 * @param deletes slices deleted
 * @param conflicts 409 answers that were retried with a fresh read
 * @param failures failed API calls (any verb, including list and watch)
 * @param syncs reconcile passes run
 * @param lastError the last failure, naming the verb and resource; empty if none yet
 */
public record PublisherStats(
    long creates,
    long updates,
    long deletes,
    long conflicts,
    long failures,
    long syncs,
    Optional<String> lastError) {

  /** Creates, updates and deletes together. */
  public long writes() {
    return creates + updates + deletes;
  }
}
