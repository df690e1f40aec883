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
package io.dra4j.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A Kubernetes connection in memory: the node fixture's claims and publisher. */
public final class InMemoryConnection implements KubernetesConnection {
  private final InMemoryClaimLookup claims;
  private final RecordingPublisher publisher;
  private final AtomicInteger publisherRequests = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  public InMemoryConnection(InMemoryClaimLookup claims, RecordingPublisher publisher) {
    this.claims = claims;
    this.publisher = publisher;
  }

  @Override
  public InMemoryClaimLookup claimLookup() {
    return claims;
  }

  @Override
  public RecordingPublisher publisher() {
    publisherRequests.incrementAndGet();
    return publisher;
  }

  /** How often the runtime asked for the publisher. */
  public int publisherRequests() {
    return publisherRequests.get();
  }

  public boolean closed() {
    return closed.get();
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
