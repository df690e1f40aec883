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
package io.dra4j.testkit.apiserver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The requests a {@link FakeApiServer} answered, oldest first, for tests and benchmarks that count
 * what a client sent. Every answered request on a resource is logged, whatever its outcome
 * (injected failures included); discovery requests and requests refused during an outage are not.
 * Thread-safe.
 */
public final class RequestLog {
  private final List<RequestRecord> records = new CopyOnWriteArrayList<>();

  RequestLog() {}

  void add(RequestRecord r) {
    records.add(r);
  }

  /** Every request answered so far (since the last {@link #clear()}), oldest first. */
  public List<RequestRecord> all() {
    return List.copyOf(records);
  }

  /**
   * How many requests with this verb on this resource were answered (any outcome).
   *
   * @param verb get, list, watch, create, update, patch, delete or deletecollection
   * @param resource the plural, with {@code /status} for the status subresource
   */
  public int count(String verb, String resource) {
    return count(r -> r.verb().equals(verb) && r.resource().equals(resource));
  }

  /**
   * How many write requests (create, update, patch, delete, deletecollection) on this resource were
   * answered (any outcome).
   */
  public int writeCount(String resource) {
    return count(r -> r.isWrite() && r.resource().equals(resource));
  }

  /** Forgets every request logged so far: counts restart at zero. */
  public void clear() {
    records.clear();
  }

  private int count(Predicate<RequestRecord> which) {
    return (int) records.stream().filter(which).count();
  }
}
