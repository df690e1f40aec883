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

/**
 * How unavailable a {@link FakeApiServer} is, set with {@link Faults#outage(Outage)}. Nothing
 * stored is lost in any outage.
 */
public enum Outage {
  /** Serving normally. */
  NONE,
  /**
   * Listening, but every request (discovery included) gets 503 Service Unavailable with a {@code
   * Status} body, and open watches are closed: an overloaded or restarting server behind a load
   * balancer.
   */
  UNAVAILABLE,
  /**
   * Not listening: connections are refused and open watches break. When the outage ends, the server
   * listens on the same port again: a server that is down or cut off from the network.
   */
  UNREACHABLE
}
